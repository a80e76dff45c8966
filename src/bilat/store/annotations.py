"""What the user says about facts, stored apart from what extraction found (see ForecastStatusRow)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import BilatError
from .schema import ForecastStatusRow
from .workspace import Workspace

FORECAST_STATUSES = ("open", "confirmed", "refuted")


@dataclass(frozen=True)
class ForecastStatus:
    cluster_id: str
    status: str
    note: str | None
    updated_at: str


def set_forecast_status(workspace: Workspace, cluster_id: str, status: str, note: str | None = None) -> ForecastStatus:
    if status not in FORECAST_STATUSES:
        raise BilatError(f"status {status!r} is not one of {', '.join(FORECAST_STATUSES)}")
    now = dt.datetime.now(dt.timezone.utc)
    with Session(workspace.engine) as session, session.begin():
        row = session.get(ForecastStatusRow, cluster_id)
        if row is None:
            row = ForecastStatusRow(cluster_id=cluster_id)
            session.add(row)
        elif note is None:
            note = row.note  # changing only the status keeps the analyst's earlier note
        row.status, row.note, row.updated_at = status, note, now
    return ForecastStatus(cluster_id, status, note, now.isoformat(timespec="seconds"))


def forecast_statuses(workspace: Workspace) -> dict[str, ForecastStatus]:
    with Session(workspace.engine) as session:
        return {
            row.cluster_id: ForecastStatus(row.cluster_id, row.status, row.note,
                                           row.updated_at.isoformat(timespec="seconds"))
            for row in session.scalars(select(ForecastStatusRow))
        }
