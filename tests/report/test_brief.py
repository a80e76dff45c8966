"""`bilat brief` on the demo workspace: complete tables, linked evidence, charts that render offline."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest

from bilat.analyze import Scope, analyze, fact_keys
from bilat.store import Workspace
from tests.conftest import copy_db


@pytest.fixture(scope="module")
def brief_html(demo_db, tmp_path_factory):
    from typer.testing import CliRunner

    from bilat.cli import app

    out = tmp_path_factory.mktemp("brief") / "brief.html"
    result = CliRunner().invoke(app, ["brief", "--dyad", "CHN-RUS", "--db", demo_db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    return out


def _agreement_rows(html: str) -> list[tuple[str, str]]:
    return [(m[1], unescape(m[2])) for m in
            re.finditer(r'<tr id="fact-([0-9a-f]+)" class="agreement">.*?<td class="title">(.*?)(?: <span|</td>)', html)]


def test_agreements_table_lists_every_agreement_of_the_pair(demo_db, brief_html):
    html = brief_html.read_text(encoding="utf-8")
    rows = _agreement_rows(html)
    analysis = analyze(Workspace(demo_db), Scope.parse("CHN-RUS"))
    assert rows == [(c.id, c.data["title"].strip()) for c in analysis.agreements.agreements]
    assert len(rows) >= 8  # the demo's joint statements, contracts and memoranda, whatever the extractor's version
    # every stored agreement between the two, in any document, is one of the rows and is quoted in the brief
    stored = [f for f in Workspace(demo_db).facts(kind="agreements") if {"CHN", "RUS"} <= fact_keys("agreements", f.data)]
    cited = {r.fact_id for c in analysis.agreements.agreements for r in c.reports}
    assert {f.id for f in stored} == cited
    for fact in stored:
        assert f"“{_escape(fact.evidence_text)}”" in html


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_every_row_links_to_quoted_evidence_and_its_document(brief_html):
    html = brief_html.read_text(encoding="utf-8")
    cites = set(re.findall(r'class="cite" href="#(ev-\d+)"', html))
    notes = re.findall(r'<li id="(ev-\d+)">.*?<a href="#(doc-[0-9a-f]{12})">', html, re.S)
    assert cites == {n for n, _ in notes}
    documents = set(re.findall(r'<tr id="(doc-[0-9a-f]{12})">', html))
    assert {d for _, d in notes} <= documents and len(documents) == 8
    assert "src/bilat/demo/xi-moscow-state-visit-2023.txt" in html


def test_brief_renders_with_its_charts_offline(brief_html, page, artifacts):
    page.goto(brief_html.as_uri())
    page.wait_for_load_state("load")
    charts = page.locator("svg.chart")
    assert charts.count() == 2
    for i in range(2):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 600 and box["height"] > 150
    assert page.locator("#agreements-table tbody tr").count() == len(_agreement_rows(brief_html.read_text("utf-8")))
    page.screenshot(path=str(artifacts / "brief.png"), full_page=True)
    assert page.blocked == []  # nothing tried to leave the machine


def test_forecast_status_persists_through_reextraction_and_shows_in_the_brief(cli, demo_db, tmp_path):
    from bilat.extract import extract
    from bilat.ingest import read_document

    db = copy_db(demo_db, tmp_path / "w.db")
    listed = [json.loads(line) for line in cli("forecasts", "--db", db, "--json").stdout.splitlines()]
    target = next(f for f in listed if f["text"].startswith("Bilateral trade is likely to decline in 2025"))
    result = cli("forecast", target["id"][:8], "--status", "refuted", "--note", "Trade fell 6.5% in 2025", "--db", db)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{target['id'][:10]}  refuted  Bilateral trade")

    ws = Workspace(db)
    [doc] = [d for d in ws.documents() if d.path.endswith("analysis-partnership-2025.pdf")]
    document = read_document(doc.path)
    ws.replace_facts(doc.content_hash, extract(document).all(), "re-extracted")

    shown = json.loads(cli("forecast", target["id"], "--db", db, "--json").stdout)
    assert (shown["status"], shown["note"]) == ("refuted", "Trade fell 6.5% in 2025")
    out = tmp_path / "brief.html"
    cli("brief", "--dyad", "RUS-CHN", "--db", db, "--out", out)
    html = out.read_text(encoding="utf-8")
    row = re.search(rf'<tr id="fact-{target["id"]}" class="forecast">(.*?)</tr>', html, re.S)[1]
    assert '<span class="badge refuted">refuted</span>' in row
    assert "Trade fell 6.5% in 2025" in row


def test_markdown_brief_has_the_same_sections_and_charts_beside_it(cli, demo_db, tmp_path):
    out = tmp_path / "brief.md"
    result = cli("brief", "--dyad", "CHN-RUS", "--db", demo_db, "--out", out)
    assert result.stdout.split() == [str(out), str(tmp_path / "brief-timeline.svg"), str(tmp_path / "brief-figures.svg")]
    text = out.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == ["Summary", "Cooperation and conflict over time", "Events", "Agreements", "Stances", "Figures",
                        "People", "Forecasts", "Evidence", "Source documents"]
    appendix = text.split("### Appendix: agreements signed")[1].split("## Stances")[0]
    expected = len(analyze(Workspace(demo_db), Scope.parse("CHN-RUS")).agreements.agreements)
    assert len(re.findall(r"^\| \d+ \|", appendix, re.M)) == expected
    assert "![Events per quarter by QuadClass and mean Goldstein](brief-timeline.svg)" in text
    assert (tmp_path / "brief-timeline.svg").read_text().startswith("<svg")


def test_brief_refuses_bad_options(cli, demo_db, tmp_path):
    from typer.testing import CliRunner

    from bilat.cli import app

    runner = CliRunner()
    for args, message in ((["--dyad", "CHN-RUS", "--out", str(tmp_path / "b.pdf")], "written as .html or .md"),
                          (["--dyad", "CHN", "--out", str(tmp_path / "b.html")], "is not two actors"),
                          (["--dyad", "CHN-RUS", "--since", "2024-13-01"], "not a date")):
        result = runner.invoke(app, ["brief", "--db", demo_db, *args])
        assert result.exit_code == 1
        assert message in result.stderr
