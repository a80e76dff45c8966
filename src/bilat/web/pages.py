"""The HTML pages. Every value reaches the page through an autoescaping template."""
from __future__ import annotations

from typing import Annotated, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from ..store.annotations import FORECAST_STATUSES, set_forecast_status
from . import search as full_text
from . import tables, uploads, views
from .deps import find_forecast, parse_scope, workspace_of
from .security import require_token

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


@router.get("/")
def dashboard(request: Request, dyad: Optional[str] = None, since: Optional[str] = None,
              until: Optional[str] = None):
    ws = workspace_of(request)
    pairs = tables.dyads(ws)
    chosen = dyad or (pairs[0]["code"] if pairs else None)
    context = {"dyads": pairs, "dyad": chosen, "since": since or "", "until": until or "", "data": None}
    if chosen:
        context["data"] = views.dashboard(ws, parse_scope(chosen, since, until))
    return render(request, "dashboard.html", **context)


@router.get("/documents")
def documents(request: Request, q: Annotated[str, Query(max_length=500)] = ""):
    ws = workspace_of(request)
    if q.strip():
        return render(request, "documents.html", q=q, hits=full_text.search(ws, q, 50), rows=None)
    counts = ws.fact_counts()
    rows = sorted(ws.documents(), key=lambda r: (r.published or "0000", r.id), reverse=True)
    return render(request, "documents.html", q="", hits=None,
                  rows=[{"row": r, "title": views.doc_title(r), "facts": counts.get(r.id, 0)} for r in rows])


@router.get("/documents/{document_id}")
def document(request: Request, document_id: str):
    ws = workspace_of(request)
    return render(request, "document.html", **views.document(ws, ws.document(document_id)))


@router.get("/tables/{kind}")
def table(request: Request, kind: str, dyad: str = "", since: str = "", until: str = ""):
    if kind not in tables.KINDS:
        raise HTTPException(404, f"no table of {kind!r}")
    fields = {f.param: request.query_params.get(f.param, "") for f in tables.FIELDS[kind]}
    rows = tables.rows(workspace_of(request), kind, dyad, since, until, fields)
    given = {k: v for k, v in {"dyad": dyad, "since": since, "until": until, **fields}.items() if v}
    return render(request, "table.html", kind=kind, rows=rows, fields=tables.FIELDS[kind], values=fields,
                  dyad=dyad, since=since, until=until, dyads=tables.dyads(workspace_of(request)),
                  csv=f"/api/facts/{kind}?{urlencode({**given, 'format': 'csv'})}",
                  json=f"/api/facts/{kind}?{urlencode({**given, 'format': 'json'})}")


@router.get("/forecasts")
def forecast_table(request: Request, status: str = "", q: str = "", since: str = "", until: str = ""):
    if status and status not in FORECAST_STATUSES:
        raise HTTPException(400, f"status {status!r} is not one of {', '.join(FORECAST_STATUSES)}")
    rows = tables.forecast_views(workspace_of(request), status, q, since, until)
    given = {k: v for k, v in {"status": status, "q": q, "since": since, "until": until}.items() if v}
    return render(request, "forecasts.html", rows=rows, status=status, q=q, since=since, until=until,
                  statuses=FORECAST_STATUSES, query=urlencode(given))


@router.get("/forecasts/export")
def forecast_export(request: Request, format: str = "csv", status: str = "", q: str = "", since: str = "",
                    until: str = ""):
    from fastapi.responses import JSONResponse, Response

    rows = tables.forecast_views(workspace_of(request), status, q, since, until)
    if format == "json":
        return JSONResponse([v.to_json() for v in rows],
                            headers={"content-disposition": 'inline; filename="bilat-forecasts.json"'})
    return Response(tables.forecasts_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="bilat-forecasts.csv"'})


@router.post("/forecasts/{forecast_id}")
def forecast_update(request: Request, forecast_id: str, status: Annotated[str, Form()],
                    note: Annotated[str, Form()] = "", token: Annotated[str, Form()] = ""):
    require_token(request, token)
    if status not in FORECAST_STATUSES:
        raise HTTPException(400, f"status {status!r} is not one of {', '.join(FORECAST_STATUSES)}")
    ws = workspace_of(request)
    view = find_forecast(ws, forecast_id)
    set_forecast_status(ws, view.cluster.id, status, note.strip() or None)
    return RedirectResponse(f"/forecasts#f-{view.cluster.id[:12]}", status_code=303)


@router.get("/actors")
def actor_index(request: Request):
    return render(request, "actors.html", actors=tables.actors(workspace_of(request)))


@router.get("/actors/{key}")
def actor(request: Request, key: str):
    scope = parse_scope(key)
    if scope.is_dyad:
        raise HTTPException(404, "an actor page is for one actor; see the dashboard for a pair")
    return render(request, "actor.html", **views.actor(workspace_of(request), scope))


@router.get("/upload")
def upload_form(request: Request):
    return render(request, "upload.html", result=None)


@router.post("/upload")
def upload(request: Request, file: Annotated[UploadFile, File()], token: Annotated[str, Form()] = ""):
    require_token(request, token)
    settings = request.app.state.settings
    data = uploads.read_limited(file.file, settings.max_upload_bytes)
    result = uploads.ingest_upload(workspace_of(request), settings.upload_dir, file.filename, data,
                                   settings.max_upload_bytes)
    return render(request, "upload.html", status_code=201, result=result)


@router.get("/docs")
def api_docs(request: Request):
    from .apidocs import operations

    return render(request, "apidocs.html", operations=operations(request.app.openapi()))
