"""End to end in headless Chromium against a real uvicorn server: the analyst's path from the dashboard to
a fact's evidence, and a hostile document that must stay text."""
from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn

from bilat.web import create_app
from tests.web import corpus


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    db = str(folder / "web.db")
    ids = corpus.build(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db, upload_dir=folder / "uploads"), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "port": port, **ids}
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def site(browser, server):
    """A page that may reach the test server and nothing else; anything else it asks for is recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 760}, device_scale_factor=1)
    outside: list[str] = []

    def only_ours(route):
        if route.request.url.startswith(server["url"] + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_ours)
    page = context.new_page()
    page.outside = outside
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["x"] >= 0


def quad_counts(page) -> list[str]:
    return page.locator("#quad-table tbody td.num").all_inner_texts()


def test_dashboard_to_a_fact_s_evidence(site, server, artifacts):
    page = site
    page.goto(server["url"] + "/")
    assert page.locator("#dyad-picker").input_value() == "CHN-USA"  # the best documented pair comes first
    assert quad_counts(page) == ["3", "0", "1", "2"]
    assert page.locator("figure.chart svg").count() == 1
    with page.expect_navigation():
        page.select_option("#dyad-picker", "CHN-JPN")  # the picker submits itself
    assert page.locator("h1").inner_text().startswith("China – Japan")
    assert quad_counts(page) == ["1", "0", "0", "0"]
    with page.expect_navigation():
        page.select_option("#dyad-picker", "CHN-USA")
    page.fill("input[name=since]", "2023-01-01")
    with page.expect_navigation():
        page.click("#dashboard-form button")
    assert quad_counts(page) == ["2", "0", "0", "0"]
    page.goto(server["url"] + "/?dyad=CHN-USA")
    page.screenshot(path=str(artifacts / "web-dashboard.png"), full_page=True)

    page.click("nav >> text=Documents")
    page.click("text=US–China relations, 2022–2023")
    assert page.locator(".fact-list a[data-fact]").count() == 16
    assert page.locator(".legend mark.k-events").count() == 1
    link = page.locator(".fact-list a[data-fact]", has_text="Analysts expect")
    fact_id = link.get_attribute("data-fact")
    evidence = page.locator(f'mark[data-facts~="{fact_id}"]')
    assert evidence.count() == 1 and evidence.inner_text() == corpus.LINES[10]
    assert not in_viewport(page, evidence)  # the forecast is the text's last line: off screen at first
    link.click()
    assert "flash" in evidence.get_attribute("class") and "active" in evidence.get_attribute("class")
    assert "k-forecasts" in evidence.get_attribute("class")
    assert in_viewport(page, evidence)
    assert "selected" in link.get_attribute("class")
    page.screenshot(path=str(artifacts / "web-document.png"))
    page.wait_for_timeout(1800)
    assert "flash" not in evidence.get_attribute("class") and "active" in evidence.get_attribute("class")

    # A table row's evidence link opens the document at that fact, scrolled and highlighted.
    page.goto(server["url"] + "/tables/events?dyad=CHN-USA&quad_class=4")
    assert page.locator("#fact-table tbody tr").count() == 2
    page.screenshot(path=str(artifacts / "web-events.png"))
    page.click("#fact-table tbody tr:nth-child(2) td.quote a")
    marked = page.locator("mark.active")
    assert marked.count() == 1 and marked.inner_text() == corpus.LINES[3] and in_viewport(page, marked)
    assert page.outside == [] and page.errors == []


def test_hostile_document_is_shown_as_text(site, server, artifacts):
    page = site
    page.goto(f"{server['url']}/documents/{server['b']}")
    text = page.locator("#doc-text")
    assert page.get_by_text("<script>alert(1)</script>", exact=False).count() == 1
    assert "<img src=x onerror=alert(1)>" in text.inner_text()
    assert '<a href="javascript:alert(1)">javascript:alert(1)</a>' in text.inner_text()
    assert text.inner_text() == corpus.TEXT_B.rstrip("\n") or text.inner_text() == corpus.TEXT_B
    assert text.locator("script, img, a, iframe, svg").count() == 0
    assert page.locator("script:not([src='/static/app.js'])").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0  # the javascript: url metadata is not a link
    assert page.locator("h1").inner_text() == "<b>Hostile</b> post about Blinken"
    # the evidence span crossing the script tag is highlighted, still as text
    mark = page.locator("#doc-text mark.k-events").first
    assert "<script>alert(1)</script>" in mark.inner_text()
    page.locator(".fact-list a[data-fact]").first.click()
    page.screenshot(path=str(artifacts / "web-hostile.png"))
    page.goto(f"{server['url']}/documents?q=Blinken")
    assert page.locator(".hits li").count() == 1
    assert page.locator(".hits img, .hits script").count() == 0
    page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == [] and page.outside == []


def test_raw_traversal_requests_never_leave_the_static_folder(server):
    """Requests written by hand, so that no client tidies the path before the server sees it."""
    for target in ("/static/../../../../etc/passwd", "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                   "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/../app.py", "/static/..\\app.py",
                   "/../../etc/passwd", "/documents/../../../etc/passwd"):
        with socket.create_connection(("127.0.0.1", server["port"]), timeout=5) as conn:
            conn.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            answer = b""
            while chunk := conn.recv(65536):
                answer += chunk
        status = int(answer.split(b" ", 2)[1])
        assert status in (400, 404), (target, status)
        assert b"root:" not in answer and b"create_app" not in answer
