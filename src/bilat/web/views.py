"""What each page shows, as plain values: the templates only lay them out (and escape everything)."""
from __future__ import annotations

from markupsafe import Markup

from .. import output
from ..analyze import Analysis, Cluster, Scope, analyze
from ..analyze.indicators import QUAD_CLASSES
from ..model import actor_key
from ..report import charts
from ..report.context import headline, name_of
from ..store import Workspace
from ..vocab import load as load_vocab
from . import highlight

KIND_LABELS = {"events": "event", "agreements": "agreement", "stances": "stance", "figures": "figure",
               "people": "person", "forecasts": "forecast"}


def web_url(url: str | None) -> str:
    """Only web addresses become links: metadata is untrusted, and javascript: is a URL too."""
    return url if url and url.lower().startswith(("http://", "https://")) else ""


def doc_title(row) -> str:
    return row.title or row.path.rsplit("/", 1)[-1]


# -- dashboard ------------------------------------------------------------------------------------------


def dashboard(workspace: Workspace, scope: Scope) -> dict:
    a = analyze(workspace, scope)
    names = " – ".join(name_of(k) for k in scope.keys)
    svg = charts.timeline(a.indicators, f"{names}: events by QuadClass and mean Goldstein")
    quads = {q: sum(v["quad_class"][q] for v in a.indicators.by_direction.values()) for q in QUAD_CLASSES}
    return {
        "names": names, "analysis": a, "cards": headline(a),
        # The chart is the report's own matplotlib SVG, whose labels charts._label reduces to plain characters.
        "timeline": Markup(svg) if svg else None,
        "quads": [{"q": q, "label": QUAD_CLASSES[q], "count": n} for q, n in quads.items()],
        "directions": [{"direction": k, **v} for k, v in a.indicators.by_direction.items()],
        "recent": [cluster_row(c) for c in sorted(a.events, key=lambda c: c.date or "", reverse=True)[:8]],
        "alignment": a.stances.alignment,
    }


def cluster_row(c: Cluster) -> dict:
    """One deduplicated fact with links to every sentence that reports it."""
    d = c.data
    return {"id": c.id, "date": c.date or "undated", "what": summary(c.kind, d), "quad": d.get("quad_class"),
            "direction": f"{actor_key(d.get('source'))}→{actor_key(d.get('target'))}" if c.kind == "events" else "",
            "sources": [{"doc": r.document.id, "fact": r.fact_id, "title": r.document.title or r.document.path,
                         "quote": r.quote} for r in c.reports]}


def summary(kind: str, data: dict) -> str:
    """One readable line per fact: CAMEO names rather than bare codes, arrows rather than ASCII."""
    d = data
    if kind == "events":
        code = d.get("cameo") or ""
        codebook = load_vocab().cameo
        return (f"{(d.get('source') or {}).get('text')} → {(d.get('target') or {}).get('text')}: "
                f"{codebook[code].name if code in codebook else code} ({code})")
    if kind == "stances":
        holders = " + ".join(h.get("text") or "?" for h in d.get("holders") or [])
        return f"{holders} {d.get('polarity')}s {d.get('target')}"
    if kind == "agreements":
        return f"{(d.get('kind') or 'other').replace('_', ' ')}: {(d.get('title') or '').strip()}"
    try:
        return output.summary(kind, data)
    except (KeyError, TypeError, ValueError):  # a fact stored by an older engine may lack a field
        return kind


# -- actor page -----------------------------------------------------------------------------------------


def actor(workspace: Workspace, scope: Scope) -> dict:
    a: Analysis = analyze(workspace, scope)
    key = scope.keys[0]
    held = [c for c in a.stances.stances if key in {actor_key(h) for h in c.data.get("holders") or []}]
    partners: dict[str, int] = {}
    for c in a.events + a.agreements.agreements:
        for k in c.keys - {key}:
            partners[k] = partners.get(k, 0) + 1
    return {"key": key, "name": name_of(key), "events": [cluster_row(c) for c in a.events],
            "agreements": [{**cluster_row(c), "title": (c.data.get("title") or "").strip(),
                            "kind": (c.data.get("kind") or "other").replace("_", " "),
                            "parties": ", ".join(f"{p.get('text')} ({actor_key(p) or '?'})"
                                                 for p in c.data.get("parties") or [])}
                           for c in a.agreements.agreements],
            "stances": [cluster_row(c) for c in held],
            "partners": sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))[:12]}


# -- document page --------------------------------------------------------------------------------------


def document(workspace: Workspace, row) -> dict:
    facts = workspace.facts(document_id=row.content_hash)
    spans = [(f.evidence_start, f.evidence_end, f.id, f.kind) for f in facts]
    items = [{"id": f.id, "kind": f.kind, "label": KIND_LABELS.get(f.kind, f.kind), "summary": summary(f.kind, f.data),
              "start": f.evidence_start, "page": f.page} for f in facts]
    counts = {k: sum(1 for f in facts if f.kind == k) for k in KIND_LABELS}
    return {"doc": row, "title": doc_title(row), "url": web_url(row.url), "segments": highlight.segments(row.text, spans),
            "facts": items, "counts": counts}
