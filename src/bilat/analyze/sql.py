"""The event indicators as one SQL definition, run by SQLite or DuckDB over any relation of event rows.

The relation needs the columns date ('YYYY-MM-DD' text or NULL), source_key, target_key, cameo, quad_class
and goldstein: the export's event columns. It can be an in-memory table of deduplicated clusters (the
analysis layer), the workspace's stored facts (SQLite), or Parquet files read by DuckDB:

    from bilat.analyze import sql
    ind = sql.parquet_indicators("out/", Scope.parse("CHN-RUS", since="2020-01-01"), "month")

The query groups at the finest grain the indicators need (period, direction, CAMEO root, quad class);
`fold` turns those few groups into every total (per period and direction, per period, per direction, per
root), so both databases run the same text and the same Python folds their answers: nothing to drift apart.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .periods import FREQUENCIES, buckets_between, month_span
from .scope import Scope

DIALECTS = ("sqlite", "duckdb")
QUAD_CLASSES = (1, 2, 3, 4)
COLUMNS = ("date", "source_key", "target_key", "cameo", "quad_class", "goldstein")

_DAY = "substr(date, 1, 10)"
_QUARTER = ("substr(date, 1, 4) || '-Q' || CASE WHEN substr(date, 6, 2) <= '03' THEN '1' "
            "WHEN substr(date, 6, 2) <= '06' THEN '2' WHEN substr(date, 6, 2) <= '09' THEN '3' ELSE '4' END")
# ISO weeks: SQLite 3.40 has no %G/%V, so the ISO year and week are read off the Thursday of the date's
# week (the day that decides which year a week belongs to), as periods.bucket does with isocalendar().
_THURSDAY = f"date({_DAY}, '-' || ((CAST(strftime('%w', {_DAY}) AS INTEGER) + 6) % 7) || ' days', '+3 days')"
_PERIOD = {
    "sqlite": {
        "month": "substr(date, 1, 7)",
        "quarter": _QUARTER,
        "week": (f"strftime('%Y', {_THURSDAY}) || '-W' || "
                 f"printf('%02d', (CAST(strftime('%j', {_THURSDAY}) AS INTEGER) - 1) / 7 + 1)"),
    },
    "duckdb": {
        "month": "substr(date, 1, 7)",
        "quarter": _QUARTER,
        "week": f"strftime(CAST({_DAY} AS DATE), '%G-W%V')",
    },
}

# One row per (period, direction, CAMEO root, quad class): a few thousand rows for a dyad over ten years,
# however many events. Quad classes and date bounds are plain group keys and min/max of the (ISO, so
# sortable) date text rather than CASE expressions per row: the aggregation is where the time goes.
_GROUPS = """
SELECT {period} AS period, source_key, target_key, coalesce(substr(cameo, 1, 2), '') AS root, quad_class,
       count(*) AS events,
       sum(CAST(round(goldstein * 1000) AS BIGINT)) AS goldstein_milli, count(goldstein) AS goldstein_n,
       min(date) AS first_date, max(date) AS last_date
FROM (SELECT nullif(date, '') AS date, source_key, target_key, cameo, quad_class, goldstein
      FROM {relation} WHERE {where}) AS scoped
GROUP BY 1, 2, 3, 4, 5
"""

_SPAN = """
SELECT min({day}), max({day}) FROM {relation} WHERE {where} AND date IS NOT NULL AND date <> ''
"""


def scope_filter(scope: Scope | None) -> tuple[str, list]:
    """The WHERE clause and parameters selecting a scope's events: a dyad in either direction, or every
    event that involves one actor, within the period (undated events only when the period is open)."""
    if scope is None:
        return "1 = 1", []
    clauses, params = [], []
    if scope.is_dyad:
        a, b = scope.keys
        clauses.append("((source_key = ? AND target_key = ?) OR (source_key = ? AND target_key = ?))")
        params += [a, b, b, a]
    else:
        clauses.append("(source_key = ? OR target_key = ?)")
        params += [scope.keys[0]] * 2
    if scope.since:
        clauses.append(f"{_DAY} >= ?")
        params.append(scope.since)
    if scope.until:
        clauses.append(f"{_DAY} <= ?")
        params.append(scope.until)
    return " AND ".join(clauses), params


def query(relation: str, freq: str, dialect: str, scope: Scope | None = None) -> tuple[str, list]:
    """The indicator query text over `relation` (a table, view or table function) and its parameters."""
    if freq not in FREQUENCIES:
        raise ValueError(f"frequency {freq!r}: use one of {', '.join(FREQUENCIES)}")
    if dialect not in DIALECTS:
        raise ValueError(f"dialect {dialect!r}: use one of {', '.join(DIALECTS)}")
    where, params = scope_filter(scope)
    return _GROUPS.format(period=_PERIOD[dialect][freq], relation=relation, where=where), params


def span_query(relation: str, scope: Scope | None = None) -> tuple[str, list]:
    where, params = scope_filter(scope)
    return _SPAN.format(day=_DAY, relation=relation, where=where), params


def auto_frequency(first: str | None, last: str | None) -> str:
    """Months for up to a year and a half of events, quarters beyond: enough bars to read, not too many."""
    if not first or not last:
        return "month"
    return "month" if month_span(last[:7])[0] - month_span(first[:7])[0] < 18 else "quarter"


# -- folding the groups into indicators ------------------------------------------------------------------


# Goldstein scores are summed as integer thousandths: a float sum depends on the order of the additions,
# which differs between databases and between DuckDB's threads, and the means must agree exactly. The
# codebook's scores have one decimal, so nothing is lost.
def _mean(milli: int, n: int) -> float | None:
    return round(milli / 1000 / n, 3) if n else None


class _Acc:
    __slots__ = ("events", "quads", "gsum", "gn", "roots")

    def __init__(self):
        self.events, self.quads, self.gsum, self.gn, self.roots = 0, dict.fromkeys(QUAD_CLASSES, 0), 0, 0, {}

    def add(self, root: str, quad, events: int, milli, n) -> None:
        self.events += events
        if quad in self.quads:
            self.quads[quad] += events
        if n:
            self.gsum += int(milli)
            self.gn += n
        self.roots[root] = self.roots.get(root, 0) + events

    def merge(self, other: "_Acc") -> None:
        self.events += other.events
        for q, k in other.quads.items():
            self.quads[q] += k
        self.gsum += other.gsum
        self.gn += other.gn
        for root, k in other.roots.items():
            self.roots[root] = self.roots.get(root, 0) + k

    def totals(self) -> dict:
        return {"events": self.events, "quad_class": dict(self.quads), "goldstein_mean": _mean(self.gsum, self.gn)}


def fold(groups: Iterable[tuple], freq: str):
    """EventIndicators from the query's rows: (period, source, target, root, quad_class, events,
    goldstein_milli, goldstein_n, first_date, last_date) tuples, in any order."""
    from ..vocab import load as load_vocab
    from .events import EventIndicators

    cells: dict[tuple, _Acc] = {}  # (period, source, target); period None for undated events
    roots: dict[str, _Acc] = {}
    first = last = None
    for period, source, target, root, quad, events, milli, n, lo, hi in groups:
        key = (period, source, target)
        acc = cells.get(key)
        if acc is None:
            acc = cells[key] = _Acc()
        acc.add(root, quad, events, milli, n)
        if root:
            (roots.get(root) or roots.setdefault(root, _Acc())).add(root, quad, events, milli, n)
        if period is not None:
            first = lo if first is None or lo < first else first
            last = hi if last is None or hi > last else last
    periods: dict[str, _Acc] = {}
    directions: dict[str, _Acc] = {}
    undated = 0
    for (period, source, target), acc in cells.items():
        directions.setdefault(f"{source}→{target}", _Acc()).merge(acc)
        if period is None:
            undated += acc.events
        else:
            periods.setdefault(period, _Acc()).merge(acc)
    by_period_direction = [
        {"period": p, "source": s, "target": t, "events": acc.events, "quad_class": dict(acc.quads),
         "cameo_root": dict(sorted(acc.roots.items())), "goldstein_mean": _mean(acc.gsum, acc.gn)}
        for (p, s, t), acc in sorted(((k, v) for k, v in cells.items() if k[0] is not None),
                                     key=lambda kv: tuple(str(k) for k in kv[0]))]
    codebook = load_vocab().cameo
    by_root = {root: {"name": codebook[root].name if root in codebook else root, "events": acc.events,
                      "goldstein_mean": _mean(acc.gsum, acc.gn)}
               for root, acc in sorted(roots.items())}
    first, last = (first[:10], last[:10]) if first else (None, None)
    return EventIndicators(
        freq, buckets_between(first, last, freq) if first else [], by_period_direction,
        {p: acc.totals() for p, acc in sorted(periods.items())},
        {d: acc.totals() for d, acc in sorted(directions.items())}, by_root, undated)


# -- backends -------------------------------------------------------------------------------------------


def run(conn, relation: str, dialect: str, scope: Scope | None = None, freq: str | None = None):
    """EventIndicators for a scope over `relation` on an open sqlite3 or duckdb connection."""
    if freq is None:
        text, params = span_query(relation, scope)
        freq = auto_frequency(*conn.execute(text, params).fetchone())
    text, params = query(relation, freq, dialect, scope)
    return fold(conn.execute(text, params).fetchall(), freq)


def sqlite_table(rows: Iterable[dict], conn: sqlite3.Connection | None = None,
                 name: str = "events") -> sqlite3.Connection:
    """Event rows (dicts with COLUMNS) as a table in a SQLite database (in memory by default)."""
    conn = conn or sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE {name} (date TEXT, source_key TEXT, target_key TEXT, cameo TEXT, "
                 "quad_class INTEGER, goldstein REAL)")
    conn.executemany(f"INSERT INTO {name} VALUES (?, ?, ?, ?, ?, ?)",
                     ([r.get(c) for c in COLUMNS] for r in rows))
    return conn


def rows_indicators(rows: Iterable[dict], freq: str | None = None, scope: Scope | None = None):
    """The indicators of event rows held in memory (the analysis layer's deduplicated clusters)."""
    conn = sqlite_table(rows)
    try:
        return run(conn, "events", "sqlite", scope, freq)
    finally:
        conn.close()


# The workspace's current event facts with the export's column names, for SQLite workspaces. A superseded
# version of a changed document keeps its facts; counting them would count the same facts twice.
WORKSPACE_EVENTS = """(
  SELECT json_extract(f.data, '$.date') AS date,
         coalesce(nullif(json_extract(f.data, '$.source.country'), ''),
                  nullif(json_extract(f.data, '$.source.org'), '')) AS source_key,
         coalesce(nullif(json_extract(f.data, '$.target.country'), ''),
                  nullif(json_extract(f.data, '$.target.org'), '')) AS target_key,
         json_extract(f.data, '$.cameo') AS cameo,
         json_extract(f.data, '$.quad_class') AS quad_class,
         json_extract(f.data, '$.goldstein') AS goldstein
  FROM facts f JOIN documents d ON d.id = f.document_id
  WHERE f.kind = 'events' AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.previous_id = d.id)
) AS workspace_events"""


def workspace_indicators(workspace, scope: Scope | None = None, freq: str | None = None):
    """The indicators over every stored event fact of a SQLite workspace, one row per report (not
    deduplicated across documents, like an export); `bilat brief` counts deduplicated events instead."""
    if workspace.engine.dialect.name != "sqlite":
        raise ValueError("workspace_indicators reads SQLite workspaces; export to Parquet for others")
    raw = workspace.engine.raw_connection()
    try:
        return run(raw.driver_connection, WORKSPACE_EVENTS, "sqlite", scope, freq)
    finally:
        raw.close()


def parquet_relation(path: str | Path) -> str:
    """DuckDB's read_parquet over one exported file, or over the events of a Hive-partitioned folder
    (DIR/kind=events/month=YYYY-MM/part-*.parquet, as `bilat ingest --parquet` writes)."""
    path = Path(path)
    if path.is_dir():
        # One level of partitions, as bilat writes them: a recursive ** glob costs DuckDB twice the time.
        pattern = path / "kind=events" / "*" / "*.parquet" if (path / "kind=events").is_dir() else path / "**" / "*.parquet"
        return f"read_parquet({_quote(str(pattern))}, hive_partitioning = true)"
    return f"read_parquet({_quote(str(path))})"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def duckdb_connection(threads: int | None = None):
    import duckdb

    conn = duckdb.connect(":memory:")
    # Only DuckDB's built-in Parquet reader is used; never let it fetch an extension from the network.
    conn.execute("SET autoinstall_known_extensions = false")
    conn.execute("SET autoload_known_extensions = false")
    if threads:
        conn.execute(f"SET threads = {int(threads)}")
    return conn


def parquet_indicators(path: str | Path, scope: Scope | None = None, freq: str | None = None, conn=None):
    """The indicators over Parquet event files, run by DuckDB without loading them into memory."""
    own = conn is None
    conn = conn or duckdb_connection()
    try:
        return run(conn, parquet_relation(path), "duckdb", scope, freq)
    finally:
        if own:
            conn.close()
