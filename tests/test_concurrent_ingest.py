"""Several writers on one workspace at once: no document or fact is stored twice, versions stay a chain."""
import json
import subprocess
import sys
import threading

import pytest
from sqlalchemy import create_engine, text

from bilat.model import Document
from bilat.store import Workspace

N_FILES = 40
PLACES = [("Kazakhstan", "China", "Astana"), ("Russia", "India", "New Delhi"), ("Turkey", "Azerbaijan", "Baku"),
          ("Brazil", "Argentina", "Buenos Aires"), ("Japan", "Vietnam", "Hanoi")]


def make_corpus(folder):
    folder.mkdir()
    for i in range(N_FILES):
        a, b, city = PLACES[i % len(PLACES)]
        (folder / f"note-{i:02d}.txt").write_text(
            f"Note {i}. On {i % 27 + 1} March 2024 the foreign ministers of {a} and {b} met in {city} "
            f"and signed a memorandum on transport number {i}. {a} said it supports closer ties with {b}.\n")


def counts(url):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(
                "select (select count(*) from documents), (select count(distinct content_hash) from documents), "
                "(select count(*) from facts), (select count(distinct id) from facts), "
                "(select count(distinct document_id) from facts)")).one()
    finally:
        engine.dispose()


def ingest(folder, url):
    return subprocess.Popen([sys.executable, "-m", "bilat", "ingest", str(folder), "--db", url, "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingests_at_once_store_what_one_would(postgres_server, tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    alone, together = postgres_server.create_database(), postgres_server.create_database()
    try:
        single = ingest(corpus, postgres_server.url(alone))
        out, err = single.communicate(timeout=300)
        assert single.returncode == 0, err
        expected = counts(postgres_server.url(alone))
        assert expected[0] == expected[1] == expected[4] == N_FILES and expected[2] == expected[3] > N_FILES

        # Both start on an empty database (so both migrate it) and walk the corpus in the same order,
        # racing for every file.
        procs = [ingest(corpus, postgres_server.url(together)) for _ in range(2)]
        outputs = [p.communicate(timeout=300) for p in procs]
        for proc, (_, err) in zip(procs, outputs):
            assert proc.returncode == 0, err
        assert counts(postgres_server.url(together)) == expected
        statuses = {}
        for out, _ in outputs:
            for line in out.splitlines():
                record = json.loads(line)
                statuses.setdefault(record["path"], []).append(record["status"])
        assert len(statuses) == N_FILES
        assert all(sorted(s) == ["added", "unchanged"] for s in statuses.values()), statuses
    finally:
        postgres_server.drop_database(alone)
        postgres_server.drop_database(together)


def race(db_url, docs):
    """Each document stored by its own thread and Workspace (its own connections), all released at once."""
    workspaces = [Workspace(db_url) for _ in docs]
    barrier = threading.Barrier(len(docs))
    outcomes = [None] * len(docs)

    def run(i):
        barrier.wait()
        outcomes[i] = workspaces[i].add(docs[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(docs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for ws in workspaces:
        ws.engine.dispose()
    return outcomes


def versions(db_url):
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                "select d.version, p.version from documents d left join documents p on p.id = d.previous_id "
                "order by d.version"))]
    finally:
        engine.dispose()


@pytest.mark.parametrize("round", range(3))
def test_a_changed_file_racing_with_itself_is_one_new_version(db_url, tmp_path, round):
    path = tmp_path / "readout.txt"
    Workspace(db_url).add(Document(text="The ministers met in Minsk.", path=str(path), format="txt"))
    changed = [Document(text="The ministers met in Minsk and signed a protocol.", path=str(path), format="txt")
               for _ in range(6)]
    outcomes = race(db_url, changed)
    assert sorted(o.status for o in outcomes) == ["unchanged"] * 5 + ["updated"]
    assert {o.version for o in outcomes} == {2}
    assert versions(db_url) == [(1, None), (2, 1)]


def test_different_new_texts_of_one_path_at_once_make_a_chain(db_url, tmp_path):
    path = tmp_path / "readout.txt"
    Workspace(db_url).add(Document(text="Draft 0.", path=str(path), format="txt"))
    outcomes = race(db_url, [Document(text=f"Draft {i}.", path=str(path), format="txt") for i in range(1, 6)])
    assert sorted(o.version for o in outcomes) == [2, 3, 4, 5, 6]
    assert {o.status for o in outcomes} == {"updated"}
    assert versions(db_url) == [(1, None), (2, 1), (3, 2), (4, 3), (5, 4), (6, 5)]
    assert [d.version for d in Workspace(db_url).documents()] == [6]
