"""The batch engine: Ray and the local pool give the same workspace and the same Parquet rows as each other
and as the plain `bilat ingest`; JSONL input; the partition layout; bounded read-ahead."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bilat import batch
from bilat.ingest import read_document
from tests.conftest import copy_db

CORPUS = Path(__file__).parent / "batch_corpus"
KINDS = ("events", "agreements", "stances", "figures", "people", "forecasts")
# A record only the JSONL file has, so that JSONL documents reach extraction even with the folders first.
VISA = {"id": "visa-2023", "published": "2023-05-18", "source": "Fixture Wire", "authors": "Test Desk",
        "title": "China and Kazakhstan agree to waive visas",
        "text": "China and Kazakhstan agree to waive visas\n\nOn 17 May 2023 in Xi'an, Kazakhstan and China signed an "
                "agreement on mutual visa exemption, during the first China-Central Asia summit.\n"}


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True,
             _node_ip_address="127.0.0.1")
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """The two fixture folders, and a JSONL file holding the same texts plus one of its own."""
    root = tmp_path_factory.mktemp("corpus")
    jsonl = root / "wire.jsonl"
    docs = [read_document(p) for p in sorted(CORPUS.rglob("*.*"))]
    lines = [json.dumps({"id": Path(d.path).stem, "text": d.text, "title": d.title, "published": d.published})
             for d in docs]
    jsonl.write_text("\n".join(lines + [json.dumps(VISA)]) + "\n", encoding="utf-8")
    return [str(CORPUS / "news"), str(CORPUS / "background"), str(jsonl)]


def snapshot(db: str) -> dict:
    """Every document by content id: its metadata and its facts (id, kind, JSON, evidence span)."""
    with sqlite3.connect(db) as conn:
        docs = {h: {"meta": (path, title, published, fmt, version, extractor), "facts": []}
                for h, path, title, published, fmt, version, extractor in conn.execute(
                    "select content_hash, path, title, published, format, version, extractor from documents")}
        for h, fid, kind, data, start, end, page in conn.execute(
                "select d.content_hash, f.id, f.kind, f.data, f.evidence_start, f.evidence_end, f.page "
                "from facts f join documents d on d.id = f.document_id"):
            docs[h]["facts"].append((fid, kind, json.dumps(json.loads(data), sort_keys=True), start, end, page))
    for doc in docs.values():
        doc["facts"].sort()
    return docs


def parquet_rows(root: Path, kind: str) -> list[dict]:
    import pyarrow.dataset as ds

    folder = root / f"kind={kind}"
    if not folder.exists():
        return []
    rows = ds.dataset(str(folder), format="parquet", partitioning="hive").to_table().to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def counts(report: batch.BatchReport) -> dict:
    out = report.to_json()
    for timing in ("seconds", "docs_per_s", "words_per_s", "engine", "parquet_files"):
        out.pop(timing)
    return out


@pytest.fixture(scope="module")
def local_run(ray_cluster, corpus, tmp_path_factory):
    # With Ray up, the local pool's workers (like Ray's) import bilat afresh rather than inheriting this test
    # process's modules: if the extractor's code changes while the suite runs, all runs compared see the same.
    out = tmp_path_factory.mktemp("local")
    report = batch.run(corpus, engine="local", workers=2, db=str(out / "w.db"), parquet_dir=out / "pq",
                       batch_size=2)
    return out, report


def test_ray_gives_the_same_workspace_parquet_and_counts_as_local(ray_cluster, local_run, corpus, tmp_path):
    local, local_report = local_run
    db, pq = tmp_path / "ray.db", tmp_path / "pq"
    report = batch.run(corpus, engine="ray", workers=2, db=str(db), parquet_dir=pq, batch_size=3)
    assert local_report.read == 11 and local_report.added == 6 and local_report.unchanged == 5
    assert local_report.failed == 0 and sum(local_report.facts.values()) > 20
    assert snapshot(str(db)) == snapshot(str(local / "w.db"))
    for kind in KINDS:
        assert parquet_rows(pq, kind) == parquet_rows(local / "pq", kind), kind
    assert counts(report) == counts(local_report)
    assert report.engine == "ray" and report.docs_per_s > 0 and report.words_per_s > 0


def test_ingest_engine_option_prints_the_usual_summary_and_the_speed(local_run, corpus, tmp_path, cli):
    local, report = local_run
    result = cli("ingest", *corpus, "--engine", "local", "--workers", "2", "--parquet", tmp_path / "pq",
                 "--db", tmp_path / "w.db")
    assert result.exit_code == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == f"11 files: 6 added, 5 unchanged; {sum(report.facts.values())} facts extracted; " \
                    "6 documents in the workspace"
    assert second.startswith("engine local, 2 workers: 11 documents, 723 words in ")
    assert second.endswith(f"; {report.parquet_rows} Parquet rows in {tmp_path / 'pq'}")
    assert snapshot(str(tmp_path / "w.db")) == snapshot(str(local / "w.db"))


def test_the_plain_ingest_stores_the_same(corpus, local_run, tmp_path):
    local, report = local_run
    db = tmp_path / "plain.db"
    # A fresh process for the same reason as in local_run.
    result = subprocess.run([sys.executable, "-m", "bilat", "ingest", *corpus, "--db", str(db)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert snapshot(str(db)) == snapshot(str(local / "w.db"))
    assert result.stdout == f"11 files: 6 added, 5 unchanged; {sum(report.facts.values())} facts extracted; " \
                            "6 documents in the workspace\n"


def test_a_second_run_is_unchanged_and_writes_no_rows(local_run, corpus, tmp_path):
    local, _ = local_run
    db = copy_db(str(local / "w.db"), tmp_path / "again.db")
    report = batch.run(corpus, engine="local", workers=1, db=db, parquet_dir=tmp_path / "pq")
    assert (report.read, report.unchanged, report.added, sum(report.facts.values())) == (11, 11, 0, 0)
    assert report.parquet_rows == 0 and not list((tmp_path / "pq").rglob("*.parquet"))


def test_parquet_rows_are_the_export_rows(local_run, tmp_path, cli):
    import pyarrow.parquet as pq

    local, _ = local_run
    for kind in KINDS:
        out = tmp_path / f"{kind}.parquet"
        assert cli("export", "--kind", kind, "--format", "parquet", "--out", out, "--db", local / "w.db").exit_code == 0
        exported = sorted(pq.read_table(out).to_pylist(), key=lambda r: r["fact_id"])
        partitioned = [{k: v for k, v in r.items() if k != "month"} for r in parquet_rows(local / "pq", kind)]
        assert sorted(partitioned, key=lambda r: r["fact_id"]) == exported, kind


def test_partitions_by_kind_and_month(local_run):
    import duckdb

    root = local_run[0] / "pq"
    months = {kind: sorted(p.name for p in (root / f"kind={kind}").iterdir()) for kind in KINDS}
    assert {"month=2023-06", "month=2024-05"} <= set(months["events"])
    assert {"month=2023-05", "month=2023-06", "month=2024-05"} <= set(months["agreements"])
    assert months["figures"] == ["month=2024-01"]
    assert "month=unknown" in months["people"] and "month=unknown" in months["stances"]
    assert not list(root.rglob(".*"))  # no temporary part left behind
    # A reader sees Hive partitions: the month of an event is its own date, else its document's.
    rows = duckdb.sql(f"select month, date, document_published from read_parquet('{root}/kind=events/*/*.parquet', "
                      "hive_partitioning = true)").fetchall()
    assert rows and all(month == (date or published)[:7] for month, date, published in rows)


def test_jsonl_bad_lines_are_reported_and_the_rest_ingested(tmp_path, cli):
    corpus = tmp_path / "wire.jsonl"
    good = json.dumps(VISA)
    corpus.write_text("\n".join([good, "{not json", json.dumps({"title": "no text"}), "",
                                 json.dumps({**VISA, "id": "other", "text": VISA["text"] + "Copy."})]) + "\n")
    for engine in ([], ["--engine", "local"]):
        db = tmp_path / f"w{len(engine)}.db"
        result = cli("ingest", corpus, "--db", db, *engine)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"bilat: {corpus}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
            f"bilat: {corpus}:3: no 'text' field"]
        assert result.stdout.startswith("4 files: 2 added, 2 failed;")
        assert snapshot(str(db)).keys() and len(snapshot(str(db))) == 2


def test_jsonl_fields_become_the_document(tmp_path):
    from bilat.ingest.jsonl import read_jsonl

    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(VISA) + "\n" + json.dumps({"text": "A\r\nB", "published": "soon"}) + "\n")
    first, second = read_jsonl(path)
    doc = first.document
    assert (doc.path, doc.title, doc.published, doc.source, doc.authors, doc.format) == (
        f"{path.resolve()}#visa-2023", VISA["title"], "2023-05-18", "Fixture Wire", ["Test Desk"], "jsonl")
    assert second.document.text == "A\nB" and second.document.path == f"{path.resolve()}:2"
    assert second.document.published is None and "not a date" in second.document.notes[0]


def test_read_ahead_is_bounded_by_the_batches_in_flight(tmp_path):
    files = sorted(CORPUS.rglob("*.txt"))
    state = {"pulled": 0, "written": 0, "ahead": []}

    def source():
        for i in range(24):
            state["pulled"] += 1
            state["ahead"].append(state["pulled"] - state["written"])
            yield files[i % len(files)]

    results = batch.stream(source(), "local", workers=1, batch_size=2, in_flight=3)
    for _ in results:
        state["written"] += 1
    assert state["written"] == 24
    # Never more than in_flight * batch_size documents read and not yet written, and the window is used.
    assert max(state["ahead"]) == 3 * 2


def test_bad_options_are_one_line_errors(cli, tmp_path):
    result = cli("ingest", CORPUS, "--engine", "spark", "--db", tmp_path / "w.db")
    assert result.exit_code == 2 and "spark" in result.stderr
    with pytest.raises(Exception, match="not a date"):
        batch.run([], published="May 2024")


def test_parquet_parts_rotate_and_few_files_stay_open(tmp_path):
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    from bilat.partitions import PartitionedWriter

    with PartitionedWriter(tmp_path, row_group=4, file_rows=8, max_open=2, max_buffered=6) as writer:
        for i in range(60):
            month = f"2024-0{1 + i % 3}"
            writer.write("forecasts", month, {"fact_id": f"f{i:02d}", "text": f"forecast {i}"})
            assert len(writer.open) <= 2 and writer.buffered <= 6
    parts = sorted(tmp_path.rglob("*.parquet"))
    assert writer.files == len(parts) >= 60 // 8
    assert all(pq.ParquetFile(p).metadata.num_rows <= 8 for p in parts)
    table = ds.dataset(str(tmp_path / "kind=forecasts"), partitioning="hive").to_table()
    assert sorted(table.column("fact_id").to_pylist()) == [f"f{i:02d}" for i in range(60)]
    assert sorted(set(table.column("month").to_pylist())) == ["2024-01", "2024-02", "2024-03"]
