"""bilat at scale: ingestion throughput and memory on a synthetic corpus, and the dyad timeline query over
millions of events in DuckDB (Parquet) against SQLite. Not part of `make test`.

    .venv/bin/python bench/scale.py                 # the full measurement (see "Duration" below)
    .venv/bin/python bench/scale.py --quick         # a few minutes: small sizes, 1M events
    .venv/bin/python bench/scale.py --skip-ingest   # only the query part
    .venv/bin/python bench/scale.py --sizes 1000,10000 --engines local --events 1000000 --json out.json

What it does:
1. Writes a synthetic corpus (bench/synthetic.py: template news items of 200-600 words with gold files) and
   reports extraction F1 on a sample of it, scored by bilat.evaluate's matching rules.
2. Ingests the first N documents into a fresh SQLite workspace with bilat.batch.run, for every engine
   (local pool, Ray) and worker count (1, 2); the largest size only with the most workers. Documents/s and
   words/s are wall-clock, pool and Ray start-up included. Peak memory is the maximum over the run of the
   summed resident set of this process and all its descendants (pool workers, Ray's raylet, GCS and
   workers), sampled every 0.1 s with psutil. The speed-up of 2 workers over 1 is the median of --runs runs
   at --speedup-size documents.
3. Writes 1M and 10M synthetic events directly as Hive-partitioned Parquet (the export's event columns;
   dates over 10 years with a rising trend, 200 states with Zipf skew, CAMEO codes weighted by root as in
   event data), loads the same events into a SQLite table indexed on (source_key, target_key, date), and
   times the dyad timeline (bilat.analyze.sql.run, monthly, busiest dyad, both directions) in each: query,
   fetch and fold into indicators, loading excluded; median of --runs after one warm-up. The two answers
   are checked to be identical.

Duration on a 2-core machine, idle: the default run took 118 minutes on 2026-12-02 (the two 50k runs about
70 of them, the query part 5); --quick takes a few minutes. The query part alone (--skip-ingest) writes 10M
events as Parquet in ~10 s and loads them into SQLite in ~30 s, and reuses both with --workdir. Under load
from other jobs everything is slower and the speed-ups smaller. Use --engines, --sizes and --events to choose.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import psutil  # noqa: E402

import synthetic  # noqa: E402


# -- memory ----------------------------------------------------------------------------------------------


class PeakRSS:
    """The maximum, over time, of the summed RSS of this process and all its descendants."""

    def __init__(self, interval: float = 0.1):
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        me = psutil.Process()
        total = 0
        for p in [me, *me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


# -- ingestion -------------------------------------------------------------------------------------------


def ingest_once(paths: list[Path], words: int, engine: str, workers: int, workdir: Path) -> dict:
    from bilat import batch

    db = workdir / f"ingest-{engine}-{workers}-{len(paths)}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with PeakRSS() as mem:
        start = time.perf_counter()
        report = batch.run([str(p) for p in paths], engine=engine, workers=workers, db=str(db))
        seconds = time.perf_counter() - start
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if report.failed:
        print(f"  warning: {report.failed} documents failed: {report.errors[:3]}", file=sys.stderr)
    return {"engine": engine, "workers": workers, "docs": len(paths), "words": words, "seconds": seconds,
            "docs_per_s": len(paths) / seconds, "words_per_s": words / seconds, "peak_rss_mb": mem.peak / 2**20,
            "facts": sum(report.facts.values())}


def words_of(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        total += json.loads(p.with_name(p.name.replace(".md", ".gold.json")).read_text())["metadata"]["words"]
    return total


def f1_on_sample(paths: list[Path]) -> dict:
    from bilat import evaluate

    report = evaluate.evaluate([p.with_name(p.name.replace(".md", ".gold.json")) for p in paths])
    overall = report.overall
    per_kind = {k: (round(t.f1, 3) if t.f1 is not None else None) for k, t in report.totals.items()}
    return {"documents": len(paths), "precision": overall.precision, "recall": overall.recall, "f1": overall.f1,
            "per_kind": per_kind}


def run_ingestion(a, workdir: Path) -> dict:
    sizes = sorted(a.sizes)
    corpus = workdir / "corpus"
    have = len(list(corpus.glob("syn-*.md"))) if corpus.exists() else 0
    if have < sizes[-1]:
        t = time.perf_counter()
        synthetic.write_corpus(corpus, sizes[-1] - have, start=have)
        print(f"wrote {sizes[-1] - have} synthetic documents in {time.perf_counter() - t:.0f} s", flush=True)
    paths = [corpus / f"syn-{i:06d}.md" for i in range(sizes[-1])]
    out: dict = {"runs": [], "f1": None}
    print(f"F1 on {min(a.f1_sample, len(paths))} synthetic documents ...", flush=True)
    out["f1"] = f1_on_sample(paths[: a.f1_sample])
    top = max(a.workers)
    # Size by size, so that an interrupted run still has every engine's small sizes.
    for n in sizes:
        words = words_of(paths[:n])
        for engine in a.engines:
            for w in a.workers:
                if n == sizes[-1] and len(sizes) > 2 and w != top:
                    continue  # the largest size only with the most workers: it is there for memory
                for r in range(a.runs if n == a.speedup_size else 1):
                    row = ingest_once(paths[:n], words, engine, w, workdir)
                    row["run"] = r + 1
                    out["runs"].append(row)
                    save(a, {"ingest": out})
                    print(f"  {engine:5} {w} worker(s) {n:>6} docs run {r + 1}: {row['docs_per_s']:7.1f} docs/s "
                          f"{row['words_per_s']:9.0f} words/s  peak {row['peak_rss_mb']:7.0f} MB", flush=True)
    return out


# -- events as Parquet, DuckDB against SQLite -------------------------------------------------------------

PROMINENT = ("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "UKR", "ISR", "IRN", "TUR", "KOR", "PRK",
             "SAU", "PAK", "BRA", "CAN", "AUS", "ITA", "SYR", "EGY", "MEX", "ZAF", "IDN")
ROOT_WEIGHTS = {"01": 7, "02": 5, "03": 7, "04": 30, "05": 10, "06": 4, "07": 3, "08": 3, "09": 2, "10": 2,
                "11": 6, "12": 3, "13": 3, "14": 2, "15": 1, "16": 2, "17": 4, "18": 2, "19": 3, "20": 0.5}
EVENT_COLUMNS = ("fact_id", "date", "source_key", "target_key", "cameo", "quad_class", "goldstein")


def write_events(root: Path, n: int, seed: int = 11) -> None:
    """n events as DIR/kind=events/month=YYYY-MM/part-0.parquet in the export's event schema."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from bilat import vocab
    from bilat.export import parquet_schema

    v = vocab.load()
    rng = np.random.default_rng(seed)
    states = list(PROMINENT) + sorted(set(v.states) - set(PROMINENT))
    states = np.array(states[:200], dtype=object)
    p_state = 1 / np.arange(1, len(states) + 1) ** 1.05
    p_state /= p_state.sum()
    codes = [c for c in v.cameo.values() if len(c.code) >= 3 and c.code[:2] in ROOT_WEIGHTS]
    per_root = {r: sum(1 for c in codes if c.code[:2] == r) for r in ROOT_WEIGHTS}
    p_code = np.array([ROOT_WEIGHTS[c.code[:2]] / per_root[c.code[:2]] for c in codes])
    p_code /= p_code.sum()
    code_names = np.array([c.code for c in codes], dtype=object)
    quads = np.array([c.quad_class for c in codes])
    golds = np.array([c.goldstein for c in codes])
    months = [(y, m) for y in range(2015, 2025) for m in range(1, 13)]
    trend = np.linspace(1.0, 2.0, len(months))  # event data grows over time
    counts = rng.multinomial(n, trend / trend.sum())
    schema = parquet_schema("events")
    offset = 0
    for (year, month), k in zip(months, counts):
        first = np.datetime64(f"{year}-{month:02d}-01")
        last = np.datetime64(f"{year + (month == 12)}-{month % 12 + 1:02d}-01")
        days = first + rng.integers(0, int((last - first).astype(int)), k)
        src = rng.choice(len(states), k, p=p_state)
        tgt = rng.choice(len(states), k, p=p_state)
        tgt = np.where(tgt == src, (tgt + 1) % len(states), tgt)
        ci = rng.choice(len(codes), k, p=p_code)
        data = {
            "fact_id": pc.cast(pa.array(np.arange(offset, offset + k)), pa.string()),
            "date": pa.array(days.astype("U10")),
            "source_key": pa.array(states[src], pa.string()), "target_key": pa.array(states[tgt], pa.string()),
            "cameo": pa.array(code_names[ci], pa.string()), "quad_class": pa.array(quads[ci], pa.int64()),
            "goldstein": pa.array(golds[ci], pa.float64()),
        }
        columns = [data[f.name] if f.name in data else pa.nulls(k, f.type) for f in schema]
        folder = root / "kind=events" / f"month={year}-{month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_arrays(columns, schema=schema), folder / "part-0.parquet", row_group_size=100_000)
        offset += k


def load_sqlite(parquet_root: Path, db: Path) -> float:
    """The same events in a SQLite table with an index for dyad queries; returns the seconds it took."""
    import sqlite3

    import pyarrow.dataset as ds

    start = time.perf_counter()
    db.unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("CREATE TABLE events (date TEXT, source_key TEXT, target_key TEXT, cameo TEXT, "
                 "quad_class INTEGER, goldstein REAL)")
    dataset = ds.dataset(parquet_root / "kind=events", format="parquet", partitioning="hive")
    cols = ["date", "source_key", "target_key", "cameo", "quad_class", "goldstein"]
    for batch in dataset.to_batches(columns=cols, batch_size=200_000):
        conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)",
                         zip(*(batch.column(c).to_pylist() for c in cols)))
    conn.execute("CREATE INDEX events_dyad ON events (source_key, target_key, date)")
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - start


def timed(fn, runs: int) -> tuple[float, object]:
    result = fn()  # warm-up: file cache, DuckDB metadata, SQLite pages
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run_queries(a, workdir: Path) -> list[dict]:
    import sqlite3

    from bilat.analyze import Scope, sql

    scope = Scope.parse("USA-CHN")
    out = []
    for n in sorted(a.events):
        root = workdir / f"events-{n}"
        db = workdir / f"events-{n}.sqlite"
        if not (root / "kind=events").exists():
            t = time.perf_counter()
            write_events(root, n)
            print(f"wrote {n:,} events as Parquet in {time.perf_counter() - t:.0f} s", flush=True)
        if not db.exists():
            t = load_sqlite(root, db)
            print(f"loaded {n:,} events into SQLite (with index) in {t:.0f} s", flush=True)
        duck = sql.duckdb_connection()
        lite = sqlite3.connect(db)
        relation = sql.parquet_relation(root)
        t_duck, r_duck = timed(lambda: sql.run(duck, relation, "duckdb", scope, "month"), a.runs)
        t_lite, r_lite = timed(lambda: sql.run(lite, "events", "sqlite", scope, "month"), a.runs)
        same = r_duck.to_json() == r_lite.to_json()
        dyad_events = sum(v["events"] for v in r_duck.by_direction.values())
        duck.close()
        lite.close()
        row = {"events": n, "dyad": "USA-CHN", "dyad_events": dyad_events, "periods": len(r_duck.periods),
               "duckdb_s": t_duck, "sqlite_s": t_lite, "ratio": t_lite / t_duck, "identical": same}
        out.append(row)
        print(f"  {n:>11,} events: DuckDB {t_duck * 1000:8.1f} ms, SQLite {t_lite * 1000:8.1f} ms, "
              f"{row['ratio']:.1f}x; {dyad_events:,} dyad events; identical: {same}", flush=True)
    return out


# -- the table -------------------------------------------------------------------------------------------


def summarise(ingest: dict | None, queries: list[dict] | None, a) -> str:
    lines = []
    if ingest:
        f1 = ingest["f1"]
        lines.append(f"Synthetic corpus F1 ({f1['documents']} documents): precision {f1['precision']:.3f}, "
                     f"recall {f1['recall']:.3f}, F1 {f1['f1']:.3f}  per kind {f1['per_kind']}")
        lines.append("")
        lines.append("| engine | workers | documents | runs | docs/s | words/s | peak RSS (tree) |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        groups: dict[tuple, list[dict]] = {}
        for r in ingest["runs"]:
            groups.setdefault((r["engine"], r["docs"], r["workers"]), []).append(r)
        for (engine, n, w), rows in groups.items():
            med = statistics.median(r["seconds"] for r in rows)
            lines.append(f"| {engine} | {w} | {n:,} | {len(rows)} | {n / med:.1f} | {rows[0]['words'] / med:,.0f} "
                         f"| {max(r['peak_rss_mb'] for r in rows):,.0f} MB |")
        lines.append("")
        top = max(a.workers)
        for engine in a.engines:
            one = [r["seconds"] for r in ingest["runs"] if r["engine"] == engine and r["workers"] == 1
                   and r["docs"] == a.speedup_size]
            many = [r["seconds"] for r in ingest["runs"] if r["engine"] == engine and r["workers"] == top
                    and r["docs"] == a.speedup_size]
            if one and many:
                s = statistics.median(one) / statistics.median(many)
                lines.append(f"{engine}: {top} workers vs 1 at {a.speedup_size:,} documents, median of "
                             f"{len(one)} runs: {s:.2f}x (target >= 1.6) {'PASS' if s >= 1.6 else 'FAIL'}")
            sizes = sorted(a.sizes)
            if len(sizes) >= 2:
                peak = {n: max((r["peak_rss_mb"] for r in ingest["runs"] if r["engine"] == engine
                                and r["workers"] == top and r["docs"] == n), default=None) for n in sizes[-2:]}
                if None not in peak.values():
                    ratio = peak[sizes[-1]] / peak[sizes[-2]]
                    lines.append(f"{engine}: peak RSS at {sizes[-1]:,} vs {sizes[-2]:,} documents ({top} workers): "
                                 f"{ratio:.2f}x (target <= 1.5) {'PASS' if ratio <= 1.5 else 'FAIL'}")
    if queries:
        lines.append("")
        lines.append("| events | dyad events | DuckDB (Parquet) | SQLite (indexed) | SQLite / DuckDB | same answer |")
        lines.append("|---:|---:|---:|---:|---:|---|")
        for q in queries:
            lines.append(f"| {q['events']:,} | {q['dyad_events']:,} | {q['duckdb_s'] * 1000:.0f} ms | "
                         f"{q['sqlite_s'] * 1000:.0f} ms | {q['ratio']:.1f}x | {'yes' if q['identical'] else 'NO'} |")
        big = max(queries, key=lambda q: q["events"])
        lines.append(f"DuckDB vs SQLite at {big['events']:,} events: {big['ratio']:.1f}x (target >= 10) "
                     f"{'PASS' if big['ratio'] >= 10 else 'FAIL'}")
    return "\n".join(lines)


def save(a, results: dict) -> None:
    """Write the measurements so far to --json (after every run: a long bench that stops keeps its rows)."""
    if a.json:
        Path(a.json).write_text(json.dumps({"args": vars(a), **results}, indent=1, default=str))


def ints(text: str) -> list[int]:
    return [int(float(x)) for x in text.split(",") if x.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=ints, default=[1000, 10000, 50000], help="documents to ingest")
    ap.add_argument("--workers", type=ints, default=[1, 2])
    ap.add_argument("--engines", type=lambda s: s.split(","), default=["local", "ray"])
    ap.add_argument("--runs", type=int, default=3, help="runs for the speed-up and for each query timing")
    ap.add_argument("--speedup-size", type=int, default=None, help="size at which speed-ups are measured "
                    "[default: the smallest of --sizes]")
    ap.add_argument("--events", type=ints, default=[1_000_000, 10_000_000])
    ap.add_argument("--f1-sample", type=int, default=200)
    ap.add_argument("--quick", action="store_true",
                    help="--sizes 200,600 --events 1000000 --f1-sample 50 (10-20 minutes)")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--skip-query", action="store_true")
    ap.add_argument("--workdir", help="keep corpus, Parquet and SQLite files here (reused when present) "
                                      "[default: a temporary folder, removed at the end]")
    ap.add_argument("--json", help="also write the measurements to this file")
    a = ap.parse_args()
    if a.quick:
        a.sizes, a.events, a.f1_sample = [200, 600], [1_000_000], 50
    a.speedup_size = a.speedup_size or min(a.sizes)
    if a.speedup_size not in a.sizes:
        ap.error("--speedup-size must be one of --sizes")
    workdir = Path(a.workdir) if a.workdir else Path(tempfile.mkdtemp(prefix="bilat-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"bilat scale bench, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB; command: {' '.join(sys.argv)}")
    if not a.skip_ingest:
        print(f"ingestion: sizes {a.sizes}, workers {a.workers}, engines {a.engines}, "
              f"{a.runs} runs at {a.speedup_size}")
    if not a.skip_query:
        print(f"query: {a.events} events, median of {a.runs} runs")
    try:
        ingest = None if a.skip_ingest else run_ingestion(a, workdir)
        queries = None if a.skip_query else run_queries(a, workdir)
    finally:
        if not a.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print()
    print(summarise(ingest, queries, a))
    print(f"\nbench took {elapsed / 60:.1f} min")
    save(a, {"ingest": ingest, "queries": queries, "seconds": elapsed})


if __name__ == "__main__":
    main()
