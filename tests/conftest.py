from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def cli():
    """Run the bilat CLI in-process; returns click's Result with stdout and stderr apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> str:
    """The demo corpus, ingested once per test session. Treat it as read-only; copy it (copy_db) to change it."""
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "src" / "bilat" / "demo"), "--db", db, "--quiet"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def copy_db(source: str, target: Path) -> str:
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return str(target)


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "work.db")


def make_pdf(path: Path, pages: list[str], title: str = "A test PDF", author: str = "Test Author") -> Path:
    """A real PDF written by fpdf2, one string per page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_font("Helvetica", size=11)
    for page in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, page)
    pdf.output(str(path))
    return path


def extract_text(text: str, published: str | None = None, path: str = "t.txt"):
    """Run the whole extraction on a text, as `bilat extract` would on a .txt file."""
    from bilat.extract import extract
    from bilat.model import Document

    return extract(Document(text=text, path=path, format="txt"), published)


def event_rows(result) -> list[tuple]:
    return [(e.source.key, e.target.key, e.cameo, e.date, e.date_end) for e in result.facts["events"]]


from tests.browser import artifacts, browser, page  # noqa: E402,F401  (fixtures shared with every test)
from tests.backends import db_url, postgres_server, postgres_url  # noqa: E402,F401  (SQLite and PostgreSQL)


def evidence_at(text: str, words: str):
    """Evidence for the first place `words` stands in `text`."""
    from bilat.model import Evidence

    start = text.index(words)
    return Evidence(start, start + len(words), words)


def make_event(text, words, source, target, cameo, quad, goldstein, date, confidence=0.8):
    """An Event fact built by hand, its evidence the first place `words` stands in `text`."""
    from bilat.model import Event

    return Event(source, target, cameo, None, quad, goldstein, date, None, None, evidence_at(text, words), confidence)
