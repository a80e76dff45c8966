"""Figure series: one indicator between one reporter and partner, period by period."""
from __future__ import annotations

from dataclasses import dataclass

from . import indicators
from .dedup import Cluster
from .periods import month_span
from .rows import figure_row


@dataclass
class FigureSeries:
    indicator: str
    reporter: str | None
    partner: str | None
    points: list[dict]  # {"id" (cluster id), "period", "value", "unit", "change_pct"}

    @property
    def label(self) -> str:
        preposition = {"exports": "to", "imports": "from"}.get(self.indicator, "with")
        partner = f" {preposition} {self.partner}" if self.partner else " (total)"
        return f"{self.reporter or '?'} {self.indicator}{partner}"

    def annual(self) -> list[dict]:
        """Whole-year points in the series' commonest unit: the ones a bar chart can compare honestly."""
        units = [p["unit"] for p in self.points if p["value"] is not None and p["unit"]]
        if not units:
            return []
        unit = max(sorted(set(units)), key=units.count)
        years = [p for p in self.points if p["unit"] == unit and p["value"] is not None
                 and (span := month_span(p["period"])) and span[1] - span[0] == 11 and span[0] % 12 == 0]
        return years

    def to_json(self) -> dict:
        return {"indicator": self.indicator, "reporter": self.reporter, "partner": self.partner,
                "points": self.points}


def figure_series(figures: list[Cluster]) -> list[FigureSeries]:
    return [FigureSeries(s["indicator"], s["reporter"], s["partner"], s["points"])
            for s in indicators.figure_series(figure_row(c) for c in figures)]
