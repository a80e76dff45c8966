"""One definition of the event indicators (analyze/sql.py), two databases: SQLite and DuckDB must agree
exactly on the same events, and the analysis layer must give what the definition gives."""
from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bilat import export
from bilat.analyze import Scope, analyze, sql
from bilat.analyze.periods import bucket, buckets_between
from bilat.analyze.rows import event_row
from bilat.evaluate import load_gold
from bilat.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
SCOPES = [None, Scope.parse("CHN-RUS"), Scope.parse("RUS-CHN", since="2023-01-01", until="2024-12-31"),
          Scope.parse("CHN"), Scope.parse("RUS", since="2024-01-01")]


def write_partitioned(rows: list[dict], root: Path) -> None:
    """Rows in the export's event schema, laid out as `bilat ingest --parquet` does."""
    schema = export.parquet_schema("events")
    by_month = defaultdict(list)
    for row in rows:
        by_month[(row.get("date") or "unknown")[:7]].append(row)
    for month, items in by_month.items():
        folder = root / "kind=events" / f"month={month}"
        folder.mkdir(parents=True)
        full = [{name: r.get(name) for name in schema.names} for r in items]
        pq.write_table(pa.Table.from_pylist(full, schema=schema), folder / "part-0.parquet")


@pytest.fixture(scope="module")
def exported(demo_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet") / "events.parquet"
    assert export.export(Workspace(demo_db), "events", "parquet", str(out)).rows > 0
    return out


@pytest.mark.parametrize("freq", ["week", "month", "quarter", None])
def test_sqlite_workspace_and_duckdb_parquet_agree(demo_db, exported, freq):
    workspace = Workspace(demo_db)
    for scope in SCOPES:
        lite = sql.workspace_indicators(workspace, scope, freq).to_json()
        duck = sql.parquet_indicators(exported, scope, freq).to_json()
        assert lite == duck, scope
    everything = sql.parquet_indicators(exported, None, "month")
    assert sum(v["events"] for v in everything.by_direction.values()) == len(pq.read_table(exported))


def random_rows(n: int, seed: int = 3) -> list[dict]:
    """Events with the awkward cases: undated, no CAMEO code, no Goldstein score, ISO weeks that belong to
    the neighbouring year, organisations as actors."""
    rng = random.Random(seed)
    keys = ["CHN", "RUS", "USA", "IND", "NATO", "EU"]
    rows = []
    for i in range(n):
        day = dt.date(2019, 12, 20) + dt.timedelta(days=rng.randrange(800))
        source, target = rng.sample(keys, 2)
        cameo = rng.choice(["010", "036", "042", "0431", "057", "111", "1312", "172", "190", None])
        rows.append({"fact_id": str(i), "date": None if rng.random() < 0.05 else day.isoformat(),
                     "source_key": source, "target_key": target, "cameo": cameo,
                     "quad_class": None if cameo is None else rng.randint(1, 4),
                     "goldstein": None if rng.random() < 0.1 else rng.choice([-10.0, -7.2, -2.0, 0.0, 1.0, 1.9,
                                                                              3.4, 7.0, 8.3])})
    return rows


@pytest.mark.parametrize("freq", ["week", "month", "quarter"])
def test_sqlite_table_and_duckdb_partitions_agree_exactly(tmp_path, freq):
    rows = random_rows(3000)
    write_partitioned(rows, tmp_path / "facts")
    conn = sql.sqlite_table(rows)
    for scope in [None, Scope.parse("CHN-RUS"), Scope.parse("NATO", since="2020-06-01", until="2021-06-30"),
                  Scope.parse("USA-EU", until="2020-12-31")]:
        lite = sql.run(conn, "events", "sqlite", scope, freq)
        duck = sql.parquet_indicators(tmp_path / "facts", scope, freq)
        assert lite.to_json() == duck.to_json()
        for a, b in zip(lite.by_period_direction, duck.by_period_direction):
            assert a["events"] == b["events"] and a["quad_class"] == b["quad_class"]
            assert a["goldstein_mean"] is None and b["goldstein_mean"] is None or \
                abs(a["goldstein_mean"] - b["goldstein_mean"]) < 1e-9


def test_period_buckets_match_python_calendar():
    days = [(dt.date(2014, 12, 20) + dt.timedelta(days=i)).isoformat() for i in range(4 * 366)]
    rows = [{"date": d, "source_key": "A", "target_key": "B", "cameo": "040", "quad_class": 1, "goldstein": 1.0}
            for d in days]
    conn = sql.sqlite_table(rows)
    duck = sql.duckdb_connection()
    duck.execute("CREATE TABLE events (date VARCHAR)")
    duck.executemany("INSERT INTO events VALUES (?)", [[d] for d in days])
    for freq in ("week", "month", "quarter"):
        lite = conn.execute(f"SELECT date, {sql._PERIOD['sqlite'][freq]} FROM events").fetchall()
        ducked = duck.execute(f"SELECT date, {sql._PERIOD['duckdb'][freq]} FROM events").fetchall()
        assert dict(lite) == dict(ducked) == {d: bucket(d, freq) for d in days}


# -- the analysis layer is the SQL definition -----------------------------------------------------------------


def reference(rows: list[dict], freq: str) -> dict:
    """The indicators as they were defined in Python before the SQL definition, kept as an independent oracle."""
    def totals(items):
        # Summed in thousandths, as the definition does, so that the order of the additions cannot matter.
        gold = [round(r["goldstein"] * 1000) for r in items if r["goldstein"] is not None]
        return {"events": len(items), "quad_class": {q: sum(1 for r in items if r["quad_class"] == q) for q in (1, 2, 3, 4)},
                "goldstein_mean": round(sum(gold) / 1000 / len(gold), 3) if gold else None}

    dated = [r for r in rows if r["date"]]
    cells, periods, directions, roots = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
    for r in rows:
        directions[f"{r['source_key']}→{r['target_key']}"].append(r)
        if (r["cameo"] or "")[:2]:
            roots[r["cameo"][:2]].append(r)
    for r in dated:
        cells[(bucket(r["date"], freq), r["source_key"], r["target_key"])].append(r)
        periods[bucket(r["date"], freq)].append(r)
    return {
        "periods": buckets_between(min(r["date"] for r in dated), max(r["date"] for r in dated), freq) if dated else [],
        "by_period_direction": [
            {"period": p, "source": s, "target": t, **totals(items),
             "cameo_root": dict(sorted(Counter((r["cameo"] or "")[:2] for r in items).items()))}
            for (p, s, t), items in sorted(cells.items())],
        "by_period": {p: totals(items) for p, items in sorted(periods.items())},
        "by_direction": {d: totals(items) for d, items in sorted(directions.items())},
        "by_root": {k: {"events": len(v), "goldstein_mean": totals(v)["goldstein_mean"]} for k, v in sorted(roots.items())},
        "undated": len(rows) - len(dated),
    }


def comparable(indicators) -> dict:
    j = indicators.to_json()
    j["by_period_direction"] = [{k: row[k] for k in ("period", "source", "target", "events", "quad_class",
                                                     "goldstein_mean", "cameo_root")} for row in j["by_period_direction"]]
    j["by_root"] = {k: {"events": v["events"], "goldstein_mean": v["goldstein_mean"]} for k, v in j["by_root"].items()}
    return {k: j[k] for k in ("periods", "by_period_direction", "by_period", "by_direction", "by_root", "undated")}


@pytest.mark.parametrize("spec", ["CHN-RUS", "CHN", "RUS"])
def test_analysis_layer_equals_sql_definition_on_demo(demo_db, tmp_path, spec):
    for freq in ("week", "month", "quarter"):
        analysis = analyze(Workspace(demo_db), Scope.parse(spec), freq)
        rows = [event_row(c) for c in analysis.events]
        assert rows, spec
        assert comparable(analysis.indicators) == reference(rows, freq)
        # The same deduplicated rows as Parquet, through DuckDB: the same answer.
        path = tmp_path / f"{spec}-{freq}.parquet"
        pq.write_table(pa.Table.from_pylist(rows), path)
        assert sql.parquet_indicators(path, None, freq).to_json() == analysis.indicators.to_json()


def test_random_rows_match_the_reference():
    rows = random_rows(2000, seed=9)
    for freq in ("week", "month", "quarter"):
        assert comparable(sql.rows_indicators(rows, freq)) == reference(rows, freq)


# -- the command ---------------------------------------------------------------------------------------------


def test_cli_indicators_over_parquet_and_workspace(cli, demo_db, exported):
    result = cli("indicators", "--dyad", "CHN-RUS", "--parquet", exported, "--freq", "quarter", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(
        sql.parquet_indicators(exported, Scope.parse("CHN-RUS"), "quarter").to_json()))
    result = cli("indicators", "--dyad", "CHN-RUS", "--db", demo_db, "--freq", "quarter", "--json")
    assert json.loads(result.stdout) == json.loads(json.dumps(
        analyze(Workspace(demo_db), Scope.parse("CHN-RUS"), "quarter").indicators.to_json()))
    table = cli("indicators", "--actor", "CHN", "--parquet", exported)
    assert table.exit_code == 0 and "CHN→RUS" in table.stdout
    missing = cli("indicators", "--dyad", "CHN-RUS", "--parquet", exported.parent / "nothing")
    assert missing.exit_code == 1 and "no such file" in missing.stderr


# -- the synthetic corpus of bench/scale.py -------------------------------------------------------------------


def test_synthetic_corpus_word_counts_and_gold(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synthetic
    finally:
        sys.path.remove(str(ROOT / "bench"))
    paths, words = synthetic.write_corpus(tmp_path, 40, seed=5, min_words=250, max_words=450)
    assert len(paths) == 40
    total = 0
    for path in paths:
        text = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        n = len(text.split())
        assert 250 <= n <= 450, (path, n)
        gold = load_gold(path.with_name(path.name.replace(".md", ".gold.json")))
        assert gold.document == path and gold.published
        assert gold.items["events"] and gold.items["people"]
        total += n
    assert total == words
    # Reproducible from (seed, index), so a corpus can be written in parts.
    assert synthetic.item(7, seed=5, min_words=250, max_words=450) == synthetic.item(7, seed=5, min_words=250, max_words=450)
