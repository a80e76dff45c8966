"""Event indicators for a scope: cooperation and conflict over time, in each direction."""
from __future__ import annotations

from dataclasses import dataclass

from . import sql
from .dedup import Cluster
from .periods import FREQUENCIES
from .rows import event_row


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


def auto_frequency(dates: list[str]) -> str:
    """Months for up to a year and a half of events, quarters beyond: enough bars to read, not too many."""
    return sql.auto_frequency(min(dates), max(dates)) if dates else "month"


def event_indicators(events: list[Cluster], freq: str | None = None) -> EventIndicators:
    """The indicators of deduplicated events, computed by the one SQL definition (`sql.py`) over an
    in-memory table of their rows, as DuckDB computes them over Parquet."""
    if freq is not None and freq not in FREQUENCIES:
        raise ValueError(f"frequency {freq!r}: use one of {', '.join(FREQUENCIES)}")
    return sql.rows_indicators([event_row(c) for c in events], freq)
