"""Event indicators for a scope: cooperation and conflict over time, in each direction."""
from __future__ import annotations

from dataclasses import dataclass

from ..vocab import load as load_vocab
from . import indicators
from .dedup import Cluster
from .periods import FREQUENCIES, bucket, buckets_between, month_span
from .rows import event_row


def auto_frequency(dates: list[str]) -> str:
    """Months for up to a year and a half of events, quarters beyond: enough bars to read, not too many."""
    if not dates:
        return "month"
    first, last = month_span(min(dates)[:7]), month_span(max(dates)[:7])
    return "month" if last[0] - first[0] < 18 else "quarter"


@dataclass
class EventIndicators:
    freq: str
    periods: list[str]  # every bucket from the first to the last dated event, empty ones included
    by_period_direction: list[dict]  # indicators.event_indicators
    by_period: dict[str, dict]  # all directions together
    by_direction: dict[str, dict]
    by_root: dict[str, dict]  # CAMEO root -> {"name", "events"}
    undated: int

    def to_json(self) -> dict:
        return {"freq": self.freq, "periods": self.periods, "by_period_direction": self.by_period_direction,
                "by_period": self.by_period, "by_direction": self.by_direction, "by_root": self.by_root,
                "undated": self.undated}


def direction(row: dict) -> str:
    return f"{row['source_key']}→{row['target_key']}"


def event_indicators(events: list[Cluster], freq: str | None = None) -> EventIndicators:
    rows = [event_row(c) for c in events]
    dated = [r for r in rows if r["date"]]
    freq = freq or auto_frequency([r["date"] for r in dated])
    if freq not in FREQUENCIES:
        raise ValueError(f"frequency {freq!r}: use one of {', '.join(FREQUENCIES)}")
    periods = buckets_between(min(r["date"] for r in dated), max(r["date"] for r in dated), freq) if dated else []
    by_period = indicators.event_totals(dated, lambda r: bucket(r["date"], freq))
    codebook = load_vocab().cameo
    roots = {}
    for root, n in sorted(indicators.event_totals(rows, lambda r: (r["cameo"] or "")[:2] or None).items()):
        roots[root] = {"name": codebook[root].name if root in codebook else root, "events": n["events"],
                       "goldstein_mean": n["goldstein_mean"]}
    return EventIndicators(freq, periods, indicators.event_indicators(dated, freq), by_period,
                           indicators.event_totals(rows, direction), roots, len(rows) - len(dated))
