"""The indicator definitions, once: pure functions over flat rows (plain dicts).

The SQLite backend feeds them rows built from deduplicated clusters (see `rows.py`). The event indicators
are the exception: they must stay interactive over tens of millions of events, so their one definition is
SQL (`sql.py`), run by SQLite over these rows and by DuckDB over Parquet.

Row shapes:
  event     {"date", "source_key", "target_key", "cameo", "quad_class", "goldstein"}
  agreement {"kind", "domains": [..], "levels": [party levels]}
  stance    {"holders": [keys], "polarity", "target", "target_key"}
  figure    {"indicator", "reporter", "partner", "period", "value", "unit", "change_pct"}
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from .periods import month_span

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
# Who signed, most senior first: an agreement counts at the level of its most senior signatory.
LEVELS = ("state", "government", "ministry", "agency", "company", "media", "organisation")


def event_indicators(rows: Iterable[dict], freq: str) -> list[dict]:
    """Per period and direction: the number of events, counts by QuadClass and by CAMEO root, mean
    Goldstein. Undated rows are left out (they cannot be placed in a period). The definition itself is the
    SQL in `sql.py`, shared with the DuckDB/Parquet backend; this runs it over rows held in memory."""
    from . import sql

    return sql.rows_indicators(rows, freq).by_period_direction


def mean(values: Iterable[float | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return round(sum(numbers) / len(numbers), 3) if numbers else None


def signatory_level(levels: Iterable[str | None]) -> str | None:
    ranked = [LEVELS.index(level) for level in levels if level in LEVELS]
    return LEVELS[min(ranked)] if ranked else None


def shares(counts: Counter, total: int) -> dict[str, dict]:
    return {key: {"count": n, "share": round(n / total, 4) if total else 0.0}
            for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))}


def portfolio(rows: Iterable[dict]) -> dict:
    """Agreements by kind, by domain (an agreement with two domains counts in both, so domain shares can
    sum past 1), and by signatory level."""
    rows = list(rows)
    total = len(rows)
    kinds = Counter(r.get("kind") or "other" for r in rows)
    domains = Counter(d for r in rows for d in (r.get("domains") or ["unspecified"]))
    levels = Counter(signatory_level(r.get("levels") or []) or "unknown" for r in rows)
    return {"agreements": total, "by_kind": shares(kinds, total), "by_domain": shares(domains, total),
            "by_level": shares(levels, total)}


def target_groups(rows: list[dict], same_target: Callable[[dict, dict], bool]) -> list[int]:
    """Group stance rows whose targets are the same thing; returns a group number per row (the index of
    the group's first row), linking transitively."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(rows)):
        for j in range(i):
            if same_target(rows[i], rows[j]):
                a, b = find(i), find(j)
                parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(len(rows))]


def side(polarities: list[str]) -> str:
    """An actor's position on one target: its majority polarity, 'mixed' on a tie."""
    counts = Counter(polarities)
    if counts["support"] == counts["oppose"]:
        return "mixed"
    return "support" if counts["support"] > counts["oppose"] else "oppose"


def positions(rows: list[dict], groups: list[int]) -> dict[str, dict[int, str]]:
    """holder key -> target group -> side."""
    stated: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row, group in zip(rows, groups):
        for holder in row.get("holders") or []:
            stated[holder][group].append(row["polarity"])
    return {holder: {g: side(p) for g, p in sorted(by_group.items())} for holder, by_group in stated.items()}


def alignment(rows: list[dict], groups: list[int], a: str, b: str) -> dict:
    """The share of the targets both actors take a side on where they take the same side (a joint
    statement counts for both holders)."""
    held = positions(rows, groups)
    pa, pb = held.get(a, {}), held.get(b, {})
    common = sorted(set(pa) & set(pb))
    same = [g for g in common if pa[g] == pb[g] and pa[g] != "mixed"]
    return {"a": a, "b": b, "common": len(common), "same": len(same),
            "share": round(len(same) / len(common), 4) if common else None,
            "targets": [{"group": g, "a": pa[g], "b": pb[g], "same": g in same} for g in common]}


_SERIES_KEY = ("indicator", "reporter", "partner")


def figure_series(rows: Iterable[dict]) -> list[dict]:
    """Figures sharing indicator, reporter and partner, as a series of points in period order (a point
    keeps the row's other fields, such as an id)."""
    series: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        series[(row.get("indicator"), row.get("reporter"), row.get("partner"))].append(row)
    out = []
    for (indicator, reporter, partner), points in sorted(series.items(), key=lambda kv: tuple(map(str, kv[0]))):
        points.sort(key=lambda p: (month_span(p.get("period")) or (10**9, 0), str(p.get("unit"))))
        out.append({"indicator": indicator, "reporter": reporter, "partner": partner,
                    "points": [{k: v for k, v in p.items() if k not in _SERIES_KEY} for p in points]})
    return out
