"""The ingest, docs, show and text commands, asserted on their output and on rows in the workspace."""
import json
import shutil

from sqlalchemy import create_engine, select, text

from bilat.extract import ENGINE_VERSION
from bilat.store.schema import FactRow
from tests.conftest import make_pdf


def rows(db_url, sql):
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql) if isinstance(sql, str) else sql)]
    finally:
        engine.dispose()


def test_ingest_twice_stores_once(cli, db_url, fixtures):
    both = [fixtures / "lavrov-beijing-2024.html", fixtures / "mishustin-beijing-2023.md"]
    first = cli("ingest", *both, "--db", db_url)
    assert first.exit_code == 0, first.stderr
    stored = rows(db_url, "select count(*) from facts")[0][0]
    assert stored > 0
    assert first.stdout == f"2 files: 2 added; {stored} facts extracted; 2 documents in the workspace\n"
    second = cli("ingest", *both, "--db", db_url)
    assert second.exit_code == 0
    assert second.stdout == "2 files: 2 unchanged; 0 facts extracted; 2 documents in the workspace\n"
    assert rows(db_url, "select count(*) from facts")[0][0] == stored
    assert rows(db_url, "select format, version, title from documents order by format") == [
        ("html", 1, "Wang Yi and Sergei Lavrov hold talks in Beijing"),
        ("md", 1, "Mishustin in Beijing for the heads of government meeting"),
    ]


def test_bad_files_do_not_stop_the_batch(cli, db_url, tmp_path, fixtures):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(fixtures / "lavrov-beijing-2024.html", batch / "good.html")
    (batch / "good.txt").write_text("Kazakhstan and China signed a visa agreement in Astana.\n")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (batch / "latin.txt").write_bytes("Bras\u00edlia hosted the talks.".encode("latin-1"))
    (batch / "noise.txt").write_bytes(bytes([0xC3, 0x28, 0xA0, 0xA1]) * 50 + bytes([0x81, 0x8D]) * 60)
    (batch / "truncated.pdf").write_bytes(make_pdf(tmp_path / "full.pdf", ["A page."]).read_bytes()[:300])
    (batch / "big.txt").write_text("word " * 300_000)
    result = cli("ingest", batch, batch / "missing.md", "--db", db_url, "--max-size", "1")
    assert result.exit_code == 2
    stored = rows(db_url, "select count(*) from facts")[0][0]
    assert result.stdout == f"9 files: 3 added, 6 failed; {stored} facts extracted; 3 documents in the workspace\n"
    errors = result.stderr.splitlines()
    assert errors == [
        f"bilat: {batch}/big.txt: too large (1.4 MB; the limit is 1 MB)",
        f"bilat: {batch}/binary.txt: binary file, not text",
        f"bilat: {batch}/empty.txt: empty file",
        f"bilat: note: {batch}/latin.txt: not valid UTF-8 (bad byte at offset 4); decoded as "
        + errors[3].rsplit(" ", 1)[1],
        f"bilat: {batch}/noise.txt: not valid UTF-8 (bad byte at offset 0) and no other encoding fits",
        f"bilat: {batch}/truncated.pdf: truncated PDF (no end-of-file marker)",
        f"bilat: {batch / 'missing.md'}: no such file",
    ]
    assert "Traceback" not in result.stderr
    stored = rows(db_url, "select path, text from documents order by path")
    assert [(p.rsplit("/", 1)[1], t[:16]) for p, t in stored] == [
        ("good.html", "Wang Yi and Serg"), ("good.txt", "Kazakhstan and C"), ("latin.txt", "Bras\u00edlia hosted ")]


def test_changed_file_becomes_a_new_version(cli, db_url, tmp_path):
    path = tmp_path / "readout.txt"
    path.write_text("The ministers met in Minsk on 3 May.\n")
    cli("ingest", path, "--db", db_url)
    path.write_text("The ministers met in Minsk on 3 May and signed a protocol.\n")
    result = cli("ingest", path, "--db", db_url, "-v")
    assert result.stdout.splitlines()[0].startswith("updated ")
    assert result.stdout.splitlines()[0].endswith(f"v2  {path}")
    assert rows(db_url, "select version, previous_id is null, substr(text, 1, 20) from documents order by id") == [
        (1, 1, "The ministers met in"), (2, 0, "The ministers met in")]
    listed = [json.loads(line) for line in cli("docs", "--db", db_url, "--json").stdout.splitlines()]
    assert [(d["version"], d["chars"]) for d in listed] == [(2, 59)]
    everything = [json.loads(line) for line in cli("docs", "--db", db_url, "--json", "--all").stdout.splitlines()]
    assert [d["version"] for d in everything] == [1, 2]


def test_paths_from_stdin_and_json_output(cli, db_url, fixtures):
    listing = f"{fixtures / 'mishustin-beijing-2023.md'}\n{fixtures / 'nope.txt'}\n"
    result = cli("ingest", "-", "--db", db_url, "--json", input=listing)
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["status"], r.get("version"), r.get("error")) for r in lines] == [
        ("added", 1, None), ("failed", None, "no such file")]
    assert len(lines[0]["id"]) == 64


def test_show_prints_metadata_and_text(cli, db_url, fixtures):
    cli("ingest", fixtures / "mishustin-beijing-2023.md", "--db", db_url)
    doc_id = json.loads(cli("docs", "--db", db_url, "--json").stdout)["id"]
    result = cli("show", doc_id[:8], "--db", db_url)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"id:          {doc_id}", f"path:        {fixtures / 'mishustin-beijing-2023.md'}"]
    assert "authors:     Petra Novak, Sam Okoye" in lines
    assert "published:   2023-12-20" in lines
    assert result.stdout.endswith("Xi Jinping also received Mishustin.\n")
    shown = json.loads(cli("show", doc_id, "--db", db_url, "--json").stdout)
    assert shown["text"].startswith("Mishustin in Beijing\n\nRussian Prime Minister Mikhail Mishustin")
    missing = cli("show", "abcd1234", "--db", db_url)
    assert missing.exit_code == 1
    assert missing.stderr == "bilat: no document with id abcd1234\n"


def test_text_prints_exactly_the_plain_text(cli, fixtures, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Line one \u2013 Kyiv\r\nLine two".encode("utf-8"))
    result = cli("text", path)
    assert result.stdout_bytes == "Line one \u2013 Kyiv\nLine two".encode("utf-8")
    bad = cli("text", tmp_path / "none.pdf")
    assert bad.exit_code == 2
    assert bad.stderr == f"bilat: {tmp_path / 'none.pdf'}: no such file\n"


def test_unusable_workspace_is_one_line(cli, tmp_path, fixtures):
    result = cli("ingest", fixtures, "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert result.exit_code == 1
    assert result.stderr == f"bilat: cannot open workspace {tmp_path}/no/such/dir.db: folder {tmp_path}/no/such does not exist\n"


def test_facts_are_stored_with_evidence_that_slices_the_text(cli, db_url, fixtures):
    cli("ingest", fixtures / "lavrov-beijing-2024.html", "--db", db_url)
    (text,), = rows(db_url, "select text from documents")
    facts = rows(db_url, "select kind, evidence_start, evidence_end, evidence_text, extractor from facts")
    assert {kind for kind, *_ in facts} >= {"events", "people", "stances"}
    for kind, start, end, quote, extractor in facts:
        assert text[start:end] == quote
        assert extractor == ENGINE_VERSION
    name = FactRow.data["name"].as_string()
    people = rows(db_url, select(name, FactRow.data["country"].as_string())
                  .where(FactRow.kind == "people").order_by(FactRow.evidence_start, name))
    assert ("Sergei Lavrov", "RUS") in people and ("Wang Yi", "CHN") in people


def test_an_engine_upgrade_re_extracts_and_replaces_facts(cli, db_url, fixtures, monkeypatch):
    import bilat.extract

    cli("ingest", fixtures / "lavrov-beijing-2024.html", "--db", db_url)
    before = rows(db_url, "select id, kind from facts order by id")
    with create_engine(db_url).begin() as conn:  # as if an older engine had stored them
        conn.execute(text("update documents set extractor = 'bilat-extract-0.0'"))
        conn.execute(text("update facts set extractor = 'bilat-extract-0.0'"))
    result = cli("ingest", fixtures / "lavrov-beijing-2024.html", "--db", db_url)
    assert result.stdout.startswith("1 files: 1 re-extracted; ")
    assert rows(db_url, "select id, kind from facts order by id") == before
    assert rows(db_url, "select distinct extractor from facts") == [(bilat.extract.ENGINE_VERSION,)]
    assert rows(db_url, "select extractor from documents") == [(bilat.extract.ENGINE_VERSION,)]
