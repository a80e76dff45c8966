"""Extraction speed, as ratios measured in one process (not part of `make test`).

1. bilat's whole extraction against spaCy's en_core_web_sm alone, on the same texts, both with their models
   already loaded: words per second, median of --runs runs. Target: ratio >= 0.6.
2. The same extraction in a pool of --workers processes against one process. Target: >= 1.6x with 2.

    .venv/bin/python bench/extract.py [--repeat 6] [--runs 3] [--workers 2]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bilat.extract import extract  # noqa: E402
from bilat.ingest import read_document  # noqa: E402
from bilat.jobs import Extractor  # noqa: E402
from bilat.nlp import get_nlp, load_model  # noqa: E402


def corpus(repeat: int):
    """The bundled demo documents and test fixtures, each repeated with a marker so that no two texts are
    equal (nothing can be cached by text)."""
    paths = sorted((ROOT / "src/bilat/demo").glob("*.*")) + sorted((ROOT / "tests/fixtures").glob("*.*"))
    docs = [read_document(p) for p in paths if p.suffix in (".txt", ".md", ".html", ".pdf")]
    out = []
    for i in range(repeat):
        for d in docs:
            d2 = type(d)(**{**d.__dict__, "text": d.text + f"\n\nCopy {i}.", "pages": []})
            out.append(d2)
    return out


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=6)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    docs = corpus(a.repeat)
    words = sum(len(d.text.split()) for d in docs)
    plain = load_model()  # en_core_web_sm exactly as shipped
    get_nlp()
    extract(docs[0])  # warm both up: vocab, gazetteer, lazy imports
    plain(docs[0].text)

    t_spacy = timed(lambda: [plain(d.text) for d in docs], a.runs)
    t_bilat = timed(lambda: [extract(d) for d in docs], a.runs)
    print(f"corpus: {len(docs)} documents, {words} words; median of {a.runs} runs")
    print(f"spaCy en_core_web_sm alone : {words / t_spacy:8.0f} words/s")
    print(f"bilat extraction           : {words / t_bilat:8.0f} words/s")
    print(f"ratio bilat / spaCy        : {t_spacy / t_bilat:8.2f}  (target >= 0.60)")

    with Extractor(1) as one, Extractor(a.workers) as many:
        many.map(docs[: a.workers * 2])  # the pool is up and every worker has loaded the pipeline
        t_one = timed(lambda: one.map(docs), a.runs)
        t_many = timed(lambda: many.map(docs), a.runs)
    print(f"1 worker                   : {words / t_one:8.0f} words/s")
    print(f"{a.workers} workers                  : {words / t_many:8.0f} words/s")
    print(f"speed-up                   : {t_one / t_many:8.2f}x (target >= 1.60 with 2)")


if __name__ == "__main__":
    main()
