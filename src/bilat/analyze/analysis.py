"""One analysis of a scope: every section of a brief, computed from the workspace."""
from __future__ import annotations

from dataclasses import dataclass

from ..store import Workspace
from .agreements import Portfolio, portfolio
from .dedup import Cluster, deduplicate
from .events import EventIndicators, event_indicators
from .figures import FigureSeries, figure_series
from .forecasts import ForecastView, forecasts
from .people import PersonView, people
from .records import DocRef, Report, load_reports
from ..model import actor_key
from .scope import Scope
from .stances import StanceMatrix, stance_matrix


@dataclass
class Analysis:
    scope: Scope
    documents: list[DocRef]  # the documents that report anything in scope
    events: list[Cluster]  # in date order, undated last
    indicators: EventIndicators
    agreements: Portfolio
    stances: StanceMatrix
    figures: list[Cluster]
    series: list[FigureSeries]
    people: list[PersonView]
    forecasts: list[ForecastView]

    def to_json(self) -> dict:
        return {
            "scope": self.scope.to_json(),
            "documents": [d.to_json() for d in self.documents],
            "events": [c.to_json() for c in self.events],
            "indicators": self.indicators.to_json(),
            "agreements": self.agreements.to_json(),
            "stances": self.stances.to_json(),
            "figures": [c.to_json() for c in self.figures],
            "series": [s.to_json() for s in self.series],
            "people": [p.to_json() for p in self.people],
            "forecasts": [f.to_json() for f in self.forecasts],
        }


def clusters(workspace: Workspace, kind: str, reports: list[Report] | None = None) -> list[Cluster]:
    """Every deduplicated fact of one kind in the workspace, whatever its scope."""
    return deduplicate(reports if reports is not None else load_reports(workspace, (kind,)), kind)


def _holder_keys(c: Cluster) -> frozenset[str]:
    return frozenset(k for r in c.reports for k in (actor_key(h) for h in r.data.get("holders") or []) if k)


def analyze(workspace: Workspace, scope: Scope, freq: str | None = None) -> Analysis:
    reports = load_reports(workspace)
    by_kind = {kind: clusters(workspace, kind, reports)
               for kind in ("events", "agreements", "stances", "figures", "people", "forecasts")}
    events = [c for c in by_kind["events"] if scope.covers(c.keys) and scope.in_period(c.date)]
    events.sort(key=lambda c: (c.date is None, c.date or "", c.data.get("cameo") or ""))
    agreements = [c for c in by_kind["agreements"] if scope.covers(c.keys) and scope.in_period(c.date)]
    figures = [c for c in by_kind["figures"] if scope.covers(c.keys) and scope.in_period(c.first_reported)]
    # Alignment needs each side's own stances too, not only the joint ones, so a stance is in scope when
    # one of the actors holds it.
    stances = [c for c in by_kind["stances"] if scope.touches(_holder_keys(c)) and scope.in_period(c.first_reported)]
    relevant = {d.id: d for c in events + agreements + figures + stances for d in c.documents}
    documents = sorted(relevant.values(), key=lambda d: (d.published or "9999", d.title or d.path))
    # People and forecasts name no dyad of their own: they are in scope through the documents that are.
    persons = [c for c in by_kind["people"] if c.data.get("country") in scope.keys
               and any(d.id in relevant for d in c.documents)]
    predictions = [c for c in by_kind["forecasts"] if any(d.id in relevant for d in c.documents)
                   and scope.in_period(c.first_reported)]
    return Analysis(scope, documents, events, event_indicators(events, freq), portfolio(agreements),
                    stance_matrix(stances, scope.keys), figures, figure_series(figures),
                    people(persons, events), forecasts(workspace, predictions))
