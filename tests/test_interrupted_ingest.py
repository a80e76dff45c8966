"""An ingest killed mid-batch leaves whole documents only; the same command again finishes the rest (on SQLite
and on PostgreSQL: a crashed worker's documents are picked up by the rerun)."""
import signal
import subprocess
import sys
import time

from sqlalchemy import create_engine, text

from bilat.store import database_url

N_FILES = 300


def make_corpus(folder):
    folder.mkdir()
    for i in range(N_FILES):
        (folder / f"report-{i:04d}.txt").write_text(
            f"Report {i}. On 3 May 2024 the trade ministers of Kazakhstan and Uzbekistan met in Tashkent.\n")


def count(db, sql="select count(*), count(distinct content_hash), count(distinct path) from documents"):
    engine = create_engine(database_url(str(db)))
    try:
        with engine.connect() as conn:
            return tuple(conn.execute(text(sql)).one())
    finally:
        engine.dispose()


def start(folder, db):
    return subprocess.Popen([sys.executable, "-m", "bilat", "ingest", str(folder), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def interrupt_midway(proc, db, sig):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if count(db)[0] >= 20:
                break
        except Exception:  # the workspace is still being created
            pass
        time.sleep(0.02)
    proc.send_signal(sig)
    return proc.communicate(timeout=60)


def test_kill_9_then_rerun_completes_without_duplicates(tmp_path, db_url):
    corpus, db = tmp_path / "corpus", db_url
    make_corpus(corpus)
    proc = start(corpus, db)
    interrupt_midway(proc, db, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    stored, distinct, paths = count(db)
    assert 20 <= stored < N_FILES, "the kill must land mid-batch"
    assert stored == distinct == paths
    rerun = subprocess.run([sys.executable, "-m", "bilat", "ingest", str(corpus), "--db", str(db)],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"{N_FILES} files: {N_FILES - stored} added, {stored} unchanged; ")
    assert rerun.stdout.endswith(f"; {N_FILES} documents in the workspace\n")
    facts = count(db, "select count(*), count(distinct id), count(distinct document_id), 0 from facts")
    assert facts[0] == facts[1] and facts[2] == N_FILES, "every document has its facts, none twice"
    assert count(db) == (N_FILES, N_FILES, N_FILES)


def test_ctrl_c_stops_cleanly_and_says_how_to_finish(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "w.db"
    make_corpus(corpus)
    proc = start(corpus, db)
    _, stderr = interrupt_midway(proc, db, signal.SIGINT)
    assert proc.returncode == 130
    assert "Traceback" not in stderr
    assert stderr.startswith("bilat: interrupted after ")
    assert stderr.endswith(f"of {N_FILES} files; run the same command again to finish "
                           "(stored documents are kept, none is half-written)\n")
    stored = count(db)[0]
    rerun = subprocess.run([sys.executable, "-m", "bilat", "ingest", str(corpus), "--db", str(db)],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0
    assert count(db) == (N_FILES, N_FILES, N_FILES)
    assert f"{stored} unchanged" in rerun.stdout
