// bilat's only script, served from /static so the Content-Security-Policy can forbid inline script.
(function () {
  "use strict";

  function marksOf(id) {
    return document.querySelectorAll('mark[data-facts~="' + CSS.escape(id) + '"]');
  }

  // Show one fact's evidence: scroll it to the middle of the window and flash it, and mark its entry in the list.
  function showFact(id) {
    var marks = marksOf(id);
    document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active", "flash"); });
    document.querySelectorAll(".fact-list a.selected").forEach(function (a) { a.classList.remove("selected"); });
    var link = document.querySelector('.fact-list a[data-fact="' + CSS.escape(id) + '"]');
    if (link) { link.classList.add("selected"); }
    if (!marks.length) { return; }
    marks.forEach(function (m) {
      m.classList.remove("flash");
      void m.offsetWidth; // restart the animation when the same fact is clicked twice
      m.classList.add("active", "flash");
    });
    marks[0].scrollIntoView({ block: "center", behavior: "auto" });
    window.setTimeout(function () { marks.forEach(function (m) { m.classList.remove("flash"); }); }, 1600);
  }

  function onDocumentPage() {
    var list = document.querySelector(".fact-list");
    if (!list) { return; }
    list.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-fact]");
      if (!link) { return; }
      event.preventDefault();
      showFact(link.dataset.fact);
      history.replaceState(null, "", "#fact-" + link.dataset.fact);
    });
    // Clicking highlighted text selects the first fact it is evidence for, in the list.
    document.getElementById("doc-text").addEventListener("click", function (event) {
      var mark = event.target.closest("mark[data-facts]");
      if (!mark) { return; }
      var id = mark.dataset.facts.split(" ")[0];
      var link = list.querySelector('a[data-fact="' + CSS.escape(id) + '"]');
      showFact(id);
      if (link) { link.scrollIntoView({ block: "nearest" }); }
    });
    var hash = decodeURIComponent(location.hash || "");
    if (hash.indexOf("#fact-") === 0) { showFact(hash.slice(6)); }
  }

  function onDashboard() {
    var picker = document.getElementById("dyad-picker");
    var form = document.getElementById("dashboard-form");
    if (picker && form) {
      picker.addEventListener("change", function () { form.submit(); });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    onDocumentPage();
    onDashboard();
  });
})();
