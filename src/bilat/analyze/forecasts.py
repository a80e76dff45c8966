"""Forecasts with the analyst's verdict (open until the user says otherwise)."""
from __future__ import annotations

from dataclasses import dataclass

from ..store import Workspace
from ..store.annotations import forecast_statuses
from .dedup import Cluster


@dataclass
class ForecastView:
    cluster: Cluster
    status: str
    note: str | None
    updated_at: str | None

    @property
    def text(self) -> str:
        return self.cluster.data.get("text") or ""

    def to_json(self) -> dict:
        return {"id": self.cluster.id, "text": self.text, "holder": self.cluster.data.get("holder"),
                "horizon": self.cluster.data.get("horizon"), "status": self.status, "note": self.note,
                "updated_at": self.updated_at, "first_reported": self.cluster.first_reported,
                "documents": [d.id for d in self.cluster.documents],
                "sources": [r.to_json() for r in self.cluster.reports]}


def forecasts(workspace: Workspace, clusters: list[Cluster]) -> list[ForecastView]:
    statuses = forecast_statuses(workspace)
    out = []
    for c in clusters:
        s = statuses.get(c.id)
        out.append(ForecastView(c, s.status if s else "open", s.note if s else None, s.updated_at if s else None))
    out.sort(key=lambda f: (f.cluster.first_reported or "9999", f.text))
    return out
