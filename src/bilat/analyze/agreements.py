"""The agreements portfolio: what was signed, in which fields, at what level."""
from __future__ import annotations

from dataclasses import dataclass

from . import indicators
from .dedup import Cluster
from .rows import agreement_row


@dataclass
class Portfolio:
    agreements: list[Cluster]  # in date order
    summary: dict  # indicators.portfolio

    def level_of(self, c: Cluster) -> str | None:
        return indicators.signatory_level(agreement_row(c)["levels"])

    def to_json(self) -> dict:
        return {**self.summary,
                "items": [{**c.to_json(), "level": self.level_of(c)} for c in self.agreements]}


def portfolio(agreements: list[Cluster]) -> Portfolio:
    ordered = sorted(agreements, key=lambda c: (c.date or "9999", c.data.get("title") or ""))
    return Portfolio(ordered, indicators.portfolio(agreement_row(c) for c in ordered))
