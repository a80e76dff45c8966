"""Throughput of `bilat ingest` by engine and worker count, as a user runs it (not part of `make test`).

The corpus is the demo documents repeated --repeat times as one JSONL file, each copy marked so that no two
texts are equal (the workspace would otherwise store a repeated text once and skip its extraction). Every run
is a fresh workspace and Parquet folder; the times are whole commands, so they include starting the workers
(and Ray).

    .venv/bin/python bench/batch.py [--repeat 20] [--engines plain,local,ray] [--workers 1,2]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bilat.ingest import read_document  # noqa: E402

BILAT = str(ROOT / ".venv" / "bin" / "bilat")


def make_corpus(folder: Path, repeat: int) -> Path:
    paths = sorted(p for p in (ROOT / "src/bilat/demo").iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf"))
    docs = [read_document(p) for p in paths]
    out = folder / f"demo-x{repeat}.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(repeat):
            for d in docs:
                fh.write(json.dumps({"id": f"{Path(d.path).stem}-{i}", "text": f"{d.text}\n\nCopy {i}.",
                                     "title": d.title, "published": d.published}) + "\n")
    return out


def run(corpus: Path, folder: Path, engine: str, workers: int) -> float:
    """Wall seconds of one whole `bilat ingest` into a fresh workspace."""
    db, pq = folder / f"{engine}-{workers}.db", folder / f"{engine}-{workers}-pq"
    args = [BILAT, "ingest", str(corpus), "--db", str(db), "--workers", str(workers), "--quiet"]
    if engine != "plain":
        args += ["--engine", engine, "--parquet", str(pq)]
    started = time.perf_counter()
    subprocess.run(args, check=True)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--engines", default="plain,local,ray", help="comma-separated: plain, local, ray")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = make_corpus(folder, a.repeat)
        words = sum(len(json.loads(line)["text"].split()) for line in corpus.read_text().splitlines())
        docs = len(corpus.read_text().splitlines())
        print(f"corpus: {docs} documents, {words:,} words ({corpus.name})")
        print(f"{'engine':<7}{'workers':>8}{'wall s':>9}{'docs/s':>9}{'words/s':>10}")
        for engine, workers in [(e, int(w)) for e in a.engines.split(",") for w in a.workers.split(",")]:
            wall = run(corpus, folder, engine, workers)
            print(f"{engine:<7}{workers:>8}{wall:>9.1f}{docs / wall:>9.2f}{words / wall:>10,.0f}", flush=True)


if __name__ == "__main__":
    main()
