"""What every route needs: the server's settings and workspace, and checked parameters."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request

from ..analyze import ForecastView, Scope, clusters, forecasts
from ..errors import BilatError
from ..store import Workspace


@dataclass(frozen=True)
class Settings:
    db: str | None
    token: str | None = None
    max_upload_bytes: int = 20 * 1048576
    upload_dir: Path = Path("uploads")


def workspace_of(request: Request) -> Workspace:
    return request.app.state.workspace


def parse_scope(spec: str, since: str | None = None, until: str | None = None) -> Scope:
    """BilatError here becomes a 400 with its message (see app.py)."""
    return Scope.parse(spec, since or None, until or None)


def find_forecast(workspace: Workspace, forecast_id: str) -> ForecastView:
    wanted = forecast_id.strip().lower()
    if len(wanted) < 4 or any(c not in "0123456789abcdef" for c in wanted):
        raise BilatError(f"{forecast_id!r} is not a forecast id (give at least 4 hex digits)")
    matches = [v for v in forecasts(workspace, clusters(workspace, "forecasts")) if v.cluster.id.startswith(wanted)]
    if not matches:
        raise HTTPException(404, f"no forecast with id {forecast_id}")
    if len(matches) > 1:
        raise BilatError(f"id {forecast_id} is ambiguous: give more digits")
    return matches[0]
