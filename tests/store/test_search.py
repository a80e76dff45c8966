"""Workspace.search on both backends: what it finds, in what order, the snippets, and hostile queries."""
import pytest

from bilat.model import Document
from bilat.store import Workspace


def doc(path, text, title=None):
    return Document(text=text, path=path, format="txt", title=title)


@pytest.fixture
def ws(db_url, tmp_path):
    ws = Workspace(db_url)
    ws.add(doc(tmp_path / "visa.txt", "Kazakhstan and China signed a visa agreement in Astana on 17 May. "
               "The agreement lets citizens stay thirty days without a visa.", title="Visa-free travel"))
    ws.add(doc(tmp_path / "grain.txt", "Russian grain exports to Egypt rose in the first quarter, "
               "the ministry of agriculture said.", title="Grain trade"))
    ws.add(doc(tmp_path / "summit.txt", "The leaders discussed trade, energy and a new agreement on "
               "transit through the Caspian ports.", title="Summit in Baku"))
    return ws


def titles(hits):
    return [h.document.title for h in hits]


def test_finds_every_word_and_ranks_the_closer_match_first(ws):
    assert titles(ws.search("agreement")) == ["Visa-free travel", "Summit in Baku"]
    assert titles(ws.search("agreement Caspian")) == ["Summit in Baku"]
    assert titles(ws.search("grain")) == ["Grain trade"]  # in the title and the text
    assert ws.search("Mongolia") == []


def test_words_are_stemmed(ws):
    assert titles(ws.search("signing agreements")) == ["Visa-free travel"]
    assert titles(ws.search("EXPORTED")) == ["Grain trade"]


def test_snippet_is_plain_text_with_match_offsets(ws):
    (hit,) = ws.search("visa Astana")
    snippet = hit.snippet
    marked = [snippet.text[start:end] for start, end in snippet.marks]
    assert "Astana" in marked and {m.lower() for m in marked} <= {"visa", "astana"}
    assert "\ue000" not in snippet.text and "\ue001" not in snippet.text
    assert "Kazakhstan and China signed a visa agreement in Astana" in snippet.text
    assert "<mark>Astana</mark>" in snippet.html()
    assert hit.document.path.endswith("visa.txt") and hit.document.version == 1 and len(hit.document.id) == 64


def test_snippet_markup_from_the_document_is_escaped(db_url, tmp_path):
    ws = Workspace(db_url)
    ws.add(doc(tmp_path / "x.txt", "A note <mark>not ours</mark> & <script>alert(1)</script> about tariffs."))
    (hit,) = ws.search("tariffs")
    html = hit.snippet.html()
    assert "<script>" not in html and html.count("<mark>") == 1 and html.endswith("<mark>tariffs</mark>.")
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.marks] == ["tariffs"]
    if ws.engine.dialect.name == "sqlite":
        assert "&lt;mark&gt;not ours&lt;/mark&gt; &amp; &lt;script&gt;" in html
    else:  # PostgreSQL's parser takes tag-like text for tags, and ts_headline leaves tags out
        assert "not ours" in html and "script" not in html


def test_only_current_versions_are_found(db_url, tmp_path):
    ws = Workspace(db_url)
    path = tmp_path / "readout.txt"
    ws.add(doc(path, "The ministers met in Minsk and discussed gas prices."))
    ws.add(doc(path, "The ministers met in Minsk and signed a protocol on oil."))
    (hit,) = ws.search("Minsk")
    assert hit.document.version == 2
    assert ws.search("gas") == []
    assert titles(ws.search("protocol oil")) == [None]


HOSTILE = [
    "", "   ", "!!!", "\"", "'", "*", "(", ")", "\"unterminated", "AND", "OR NOT", "NEAR(visa", "visa*",
    "title:visa", "-visa", "^visa", "visa & | !", "a:b:c", "{visa}", "\\", "%_", "'; drop table documents; --",
    "visa\x00agreement", "\u0000", "🙂", "ŠKODA čeština", "NOT visa",
]


def test_no_query_makes_the_database_complain(ws):
    for query in HOSTILE:
        hits = ws.search(query)
        assert isinstance(hits, list)
        if not any(c.isalnum() for c in query):
            assert hits == [], query
    assert ws.count() == 3  # the injection attempt was only words


def test_operators_are_plain_words(ws):
    assert titles(ws.search("visa OR grain")) == []  # "or" is a word (a stop word on PostgreSQL): AND of all
    assert titles(ws.search("\"visa agreement\"")) == ["Visa-free travel"]
    assert titles(ws.search("visa*")) == ["Visa-free travel"]


def test_limit(ws):
    assert len(ws.search("the", limit=1)) <= 1
    assert titles(ws.search("agreement", limit=1)) == ["Visa-free travel"]
    assert ws.search("agreement", limit=0) == []
