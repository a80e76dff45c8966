"""The JSON API under /api. Reads are open; writes (uploads, forecast verdicts) need the token."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from ..analyze import analyze
from ..analyze.indicators import QUAD_CLASSES
from ..report.context import headline
from ..store.annotations import set_forecast_status
from . import search as full_text
from . import tables, uploads
from .deps import find_forecast, parse_scope, workspace_of
from .security import require_token

router = APIRouter(prefix="/api")

Dyad = Annotated[str, Query(description="Two actor codes, e.g. CHN-RUS (or one code for an actor).",
                            pattern=r"^[A-Za-z0-9]{2,10}([-–][A-Za-z0-9]{2,10})?$")]
Since = Annotated[Optional[str], Query(description="First day, YYYY-MM-DD.")]
Until = Annotated[Optional[str], Query(description="Last day, YYYY-MM-DD.")]


def _doc_json(row, facts: int | None = None) -> dict:
    out = {"id": row.content_hash, "title": row.title, "path": row.path, "format": row.format,
           "authors": row.authors, "published": row.published, "source": row.source, "url": row.url,
           "language": row.language, "chars": row.chars, "version": row.version, "pages": len(row.pages or [])}
    if facts is not None:
        out["facts"] = facts
    return out


@router.get("/documents", summary="List the documents (current versions)")
def documents(request: Request) -> list[dict]:
    ws = workspace_of(request)
    counts = ws.fact_counts()
    return [_doc_json(row, counts.get(row.id, 0)) for row in ws.documents()]


@router.get("/documents/{document_id}", summary="One document with its text and every fact")
def document(request: Request, document_id: str) -> dict:
    """`document_id` is a document id or an unambiguous prefix of at least 4 hex digits."""
    ws = workspace_of(request)
    row = ws.document(document_id)
    facts = [{"id": f.id, "kind": f.kind, "data": f.data, "page": f.page,
              "evidence": {"start": f.evidence_start, "end": f.evidence_end, "text": f.evidence_text}}
             for f in ws.facts(document_id=row.content_hash)]
    return {**_doc_json(row, len(facts)), "text": row.text, "facts": facts}


@router.post("/documents", status_code=201, summary="Upload and ingest a document (token required)")
def upload(request: Request, file: Annotated[UploadFile, File(description="A .txt, .md, .html or .pdf file.")],
           token: Annotated[Optional[str], Form(description="The token, if not sent as a Bearer header.")] = None
           ) -> dict:
    """Reads, extracts and stores the file as `bilat ingest` does. 401 without the token, 403 with a wrong one,
    413 past the size limit."""
    require_token(request, token)
    settings = request.app.state.settings
    data = uploads.read_limited(file.file, settings.max_upload_bytes)
    return uploads.ingest_upload(workspace_of(request), settings.upload_dir, file.filename, data,
                                 settings.max_upload_bytes)


@router.get("/search", summary="Full-text search over documents, best first")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> list[dict]:
    hits = full_text.search(workspace_of(request), q, limit)
    return [h.to_json() for h in hits]


@router.get("/facts/{kind}", summary="Facts of one kind, filtered; JSON or CSV")
def facts(request: Request, kind: Literal["events", "agreements", "stances", "figures", "people"],
          dyad: Annotated[Optional[str], Query(description="e.g. CHN-RUS: facts about both sides.")] = None,
          since: Since = None, until: Until = None,
          format: Annotated[Literal["json", "csv"], Query(description="json or csv.")] = "json",
          quad_class: Optional[str] = None, cameo: Optional[str] = None, source: Optional[str] = None,
          target: Optional[str] = None, agreement_kind: Optional[str] = None, domain: Optional[str] = None,
          party: Optional[str] = None, polarity: Optional[str] = None, holder: Optional[str] = None,
          indicator: Optional[str] = None, reporter: Optional[str] = None, partner: Optional[str] = None,
          country: Optional[str] = None, name: Optional[str] = None) -> Response:
    """One row per stored fact, as `bilat export` writes it. Kind-specific filters: events `quad_class`,
    `cameo` (prefix), `source`, `target`; agreements `agreement_kind`, `domain`, `party`; stances `polarity`,
    `holder`, `target` (contains); figures `indicator`, `reporter`, `partner`; people `country`, `name`."""
    given = {k: v for k, v in locals().items() if k not in ("request", "kind", "format") and v}
    fields = {k: v for k, v in given.items() if k not in ("dyad", "since", "until")}
    table = tables.rows(workspace_of(request), kind, dyad, since, until, fields)
    if format == "csv":
        return Response(tables.to_csv(kind, table), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="bilat-{kind}.csv"'})
    return Response(tables.to_json(kind, table, given), media_type="application/json",
                    headers={"content-disposition": f'inline; filename="bilat-{kind}.json"'})


@router.get("/dyads", summary="The pairs of actors the workspace has facts about")
def dyads(request: Request) -> list[dict]:
    return tables.dyads(workspace_of(request))


@router.get("/indicators", summary="Event indicators, agreements, figure series and alignment for a scope")
def indicators(request: Request, dyad: Dyad, since: Since = None, until: Until = None,
               freq: Annotated[Optional[Literal["week", "month", "quarter"]], Query()] = None) -> dict:
    a = analyze(workspace_of(request), parse_scope(dyad, since, until), freq)
    ind = a.indicators
    totals = {q: sum(v["quad_class"][q] for v in ind.by_direction.values()) for q in QUAD_CLASSES}
    return {"scope": a.scope.to_json(),
            "events": {"total": sum(v["events"] for v in ind.by_direction.values()), "undated": ind.undated,
                       "quad_class": {str(q): n for q, n in totals.items()}},
            "indicators": ind.to_json(), "agreements": a.agreements.summary,
            "series": [s.to_json() for s in a.series], "alignment": a.stances.alignment,
            "headline": headline(a)}


@router.get("/alignment", summary="How often two actors take the same side on the targets both address")
def alignment(request: Request, dyad: Dyad, since: Since = None, until: Until = None) -> dict:
    scope = parse_scope(dyad, since, until)
    if not scope.is_dyad:
        raise HTTPException(400, "alignment needs a dyad, e.g. CHN-RUS")
    a = analyze(workspace_of(request), scope)
    return {"scope": scope.to_json(), **a.stances.alignment, "holders": a.stances.holders}


@router.get("/forecasts", summary="Forecasts with the analyst's status")
def forecast_list(request: Request, status: Optional[Literal["open", "confirmed", "refuted"]] = None,
                  q: Annotated[Optional[str], Query(description="Text contains.")] = None,
                  since: Since = None, until: Until = None) -> list[dict]:
    return [v.to_json() for v in tables.forecast_views(workspace_of(request), status, q, since, until)]


class ForecastUpdate(BaseModel):
    status: Optional[Literal["open", "confirmed", "refuted"]] = None
    note: Optional[str] = None


def _update(request: Request, forecast_id: str, body: ForecastUpdate) -> dict:
    require_token(request)
    ws = workspace_of(request)
    view = find_forecast(ws, forecast_id)
    if body.status is None and body.note is None:
        raise HTTPException(400, "give a status (open, confirmed, refuted), a note, or both")
    saved = set_forecast_status(ws, view.cluster.id, body.status or view.status, body.note)
    view.status, view.note, view.updated_at = saved.status, saved.note, saved.updated_at
    return view.to_json()


@router.patch("/forecasts/{forecast_id}", summary="Set a forecast's status or note (token required)")
def forecast_patch(request: Request, forecast_id: str, body: ForecastUpdate) -> dict:
    return _update(request, forecast_id, body)


@router.post("/forecasts/{forecast_id}", summary="Set a forecast's status or note (token required)")
def forecast_post(request: Request, forecast_id: str, body: ForecastUpdate) -> dict:
    return _update(request, forecast_id, body)
