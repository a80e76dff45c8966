"""What a brief shows, as plain values for the templates: one place decides wording and order, and the
HTML and Markdown templates only lay it out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..analyze import Analysis, Cluster
from ..analyze.agreements import Portfolio
from ..analyze.indicators import QUAD_CLASSES
from ..analyze.records import DocRef, Report
from ..model import actor_key
from ..vocab import load as load_vocab

KIND_LABELS = {"joint_statement": "joint statement", "action_plan": "action plan"}


def name_of(key: str | None) -> str:
    if not key:
        return "?"
    vocab = load_vocab()
    if key in vocab.states:
        return vocab.states[key].names[0]
    if key in vocab.organisations:
        return vocab.organisations[key].names[0]
    return key


def doc_anchor(doc: DocRef) -> str:
    return f"doc-{doc.id[:12]}"


@dataclass
class Notes:
    """Numbered evidence notes, like an analyst's footnotes: every table row cites the quotes behind it."""

    items: list[dict] = field(default_factory=list)
    _seen: dict[str, int] = field(default_factory=dict)

    def cite(self, cluster: Cluster) -> list[dict]:
        out = []
        for report in cluster.reports:
            if report.fact_id not in self._seen:
                self._seen[report.fact_id] = len(self.items) + 1
                self.items.append(self._note(len(self.items) + 1, report, cluster))
            out.append(self.items[self._seen[report.fact_id] - 1])
        return out

    @staticmethod
    def _note(n: int, report: Report, cluster: Cluster) -> dict:
        doc = report.document
        return {"n": n, "anchor": f"ev-{n}", "fact": f"fact-{cluster.id}", "quote": report.quote,
                "title": doc.title or doc.path.rsplit("/", 1)[-1], "path": doc.path, "published": doc.published,
                "page": report.page, "doc_anchor": doc_anchor(doc), "start": report.start, "end": report.end}


def _date(c: Cluster) -> str:
    if c.kind == "events":
        start, end = c.data.get("date"), c.data.get("date_end")
        if start and end and end != start:
            return f"{start} – {end}"
        return start or (f"undated (reported {c.first_reported})" if c.first_reported else "undated")
    return c.data.get("signed") or "not stated"


def _actor(actor: dict | None) -> str:
    if not actor:
        return "?"
    key = actor_key(actor)
    return f"{actor.get('text')} ({key})" if key and key != actor.get("text") else str(actor.get("text"))


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"


def events(a: Analysis, notes: Notes) -> list[dict]:
    codebook = load_vocab().cameo
    rows = []
    for c in a.events:
        d = c.data
        code = d.get("cameo") or ""
        rows.append({"anchor": f"fact-{c.id}", "date": _date(c),
                     "direction": f"{actor_key(d.get('source'))} → {actor_key(d.get('target'))}",
                     "actors": f"{d['source'].get('text')} → {d['target'].get('text')}",
                     "action": f"{codebook[code].name if code in codebook else code} ({code})",
                     "quad": d.get("quad_class"), "quad_label": QUAD_CLASSES.get(d.get("quad_class"), "–"),
                     "goldstein": d.get("goldstein"), "location": (d.get("location") or {}).get("text") or "",
                     "sources": len(c.documents), "cites": notes.cite(c)})
    return rows


def agreements(p: Portfolio, notes: Notes) -> list[dict]:
    rows = []
    for n, c in enumerate(p.agreements, 1):
        d = c.data
        parties = [f"{x.get('text')} ({actor_key(x) or '?'}, {x.get('level') or 'level not stated'})"
                   for x in d.get("parties") or []]
        rows.append({"n": n, "anchor": f"fact-{c.id}", "date": _date(c),
                     "kind": KIND_LABELS.get(d.get("kind"), d.get("kind") or "other"),
                     "title": (d.get("title") or "").strip(), "parties": parties, "level": p.level_of(c) or "–",
                     "domains": ", ".join(d.get("domains") or []) or "–",
                     "place": (d.get("place") or {}).get("text") or "",
                     "sources": len(c.documents), "cites": notes.cite(c)})
    return rows


def breakdown(section: dict) -> list[dict]:
    return [{"label": KIND_LABELS.get(k, k), "count": v["count"], "share": _pct(v["share"])}
            for k, v in section.items()]


def stances(a: Analysis, notes: Notes) -> dict:
    m = a.stances
    by_id = {c.id: c for c in m.stances}
    symbols = {"support": "supports", "oppose": "opposes", "mixed": "mixed"}
    rows = []
    for t in m.targets:
        cites = [n for cid in t["stances"] for n in notes.cite(by_id[cid])]
        rows.append({"label": t["label"], "anchors": [f"fact-{cid}" for cid in t["stances"]],
                     "cells": [{"side": m.cells[h].get(t["group"], ""),
                                "text": symbols.get(m.cells[h].get(t["group"], ""), "")} for h in m.holders],
                     "cites": cites})
    # Targets both sides take a position on first: that is where alignment is read.
    rows.sort(key=lambda r: (-sum(1 for c in r["cells"] if c["side"]), r["label"].lower()))
    al = m.alignment
    summary = None
    if al is not None:
        summary = {"share": _pct(al["share"]), "same": al["same"], "common": al["common"],
                   "a": name_of(al["a"]), "b": name_of(al["b"]),
                   "differ": [t["label"] for t in al["targets"] if not t["same"]]}
    return {"holders": m.holders, "holder_names": [name_of(h) for h in m.holders], "rows": rows,
            "alignment": summary}


def figures(a: Analysis, notes: Notes) -> list[dict]:
    rows = []
    by_id = {c.id: c for c in a.figures}
    for s in a.series:
        for p in s.points:
            c = by_id[p["id"]]
            change = p.get("change_pct")
            basis = c.data.get("basis")
            rows.append({"anchor": f"fact-{c.id}", "series": s.label, "indicator": s.indicator,
                         "reporter": s.reporter or "–", "partner": s.partner or "total", "period": p["period"] or "–",
                         "value": _number(p["value"]), "unit": p["unit"] or "",
                         "change": "–" if change is None else f"{change:+.1f}%" + (f" {basis}" if basis else ""),
                         "sources": len(c.documents), "cites": notes.cite(c)})
    return rows


def people(a: Analysis, notes: Notes) -> list[dict]:
    dates = {c.id: _date(c) for c in a.events}
    return [{"anchor": f"fact-{p.cluster.id}", "name": p.name, "country": p.country or "–",
             "roles": p.roles, "events": [{"anchor": f"fact-{e}", "date": dates[e]} for e in p.events],
             "sources": len(p.cluster.documents), "cites": notes.cite(p.cluster)} for p in a.people]


def forecasts(a: Analysis, notes: Notes) -> list[dict]:
    return [{"anchor": f"fact-{f.cluster.id}", "id": f.cluster.id, "text": f.text,
             "holder": f.cluster.data.get("holder") or "", "horizon": f.cluster.data.get("horizon") or "",
             "reported": f.cluster.first_reported or "undated", "status": f.status, "note": f.note or "",
             "sources": len(f.cluster.documents), "cites": notes.cite(f.cluster)} for f in a.forecasts]


def headline(a: Analysis) -> list[dict]:
    ind = a.indicators
    total = sum(v["events"] for v in ind.by_direction.values())
    quads = {q: sum(v["quad_class"][q] for v in ind.by_direction.values()) for q in QUAD_CLASSES}
    coop = quads[1] + quads[2]
    goldstein = [c.data.get("goldstein") for c in a.events if c.data.get("goldstein") is not None]
    al = a.stances.alignment
    statuses = [f.status for f in a.forecasts]
    trade = _latest_trade(a)
    cards = [
        {"label": "events", "value": str(total),
         "note": f"{_pct(coop / total if total else None)} cooperative · {quads[2]} material"},
        {"label": "mean Goldstein", "value": f"{sum(goldstein) / len(goldstein):+.1f}" if goldstein else "–",
         "note": "−10 conflict … +10 cooperation"},
        {"label": "agreements", "value": str(a.agreements.summary["agreements"]),
         "note": _top(a.agreements.summary["by_level"], "at {} level")},
    ]
    if al is not None:
        cards.append({"label": "stance alignment", "value": _pct(al["share"]),
                      "note": f"same side on {al['same']} of {al['common']} common targets"})
    if trade:
        cards.append(trade)
    cards.append({"label": "forecasts", "value": str(len(statuses)),
                  "note": " · ".join(f"{statuses.count(s)} {s}" for s in ("open", "confirmed", "refuted"))})
    cards.append({"label": "sources", "value": str(len(a.documents)),
                  "note": f"{sum(len(c.documents) > 1 for c in a.events + a.agreements.agreements)} facts in 2+ documents"})
    return cards


def _web(url: str | None) -> str:
    """Only web addresses become links: a document's metadata is untrusted, and javascript: is a URL too."""
    return url if url and url.lower().startswith(("http://", "https://")) else ""


def _top(section: dict, template: str) -> str:
    if not section:
        return "none in scope"
    key, value = next(iter(section.items()))
    return f"{_pct(value['share'])} " + template.format(key)


def _latest_trade(a: Analysis) -> dict | None:
    for s in a.series:
        if s.indicator == "trade" and s.partner:
            years = s.annual()
            if years:
                p = years[-1]
                change = f"{p['change_pct']:+.1f}% on the year before" if p.get("change_pct") is not None else ""
                return {"label": f"trade {p['period']}", "value": f"{_number(p['value'])} {p['unit']}",
                        "note": f"{s.reporter} data; {change}".rstrip("; ")}
    return None


def build(a: Analysis, charts: dict[str, str | None], workspace_label: str) -> dict:
    notes = Notes()
    scope = a.scope
    names = " – ".join(name_of(k) for k in scope.keys)
    if scope.since or scope.until:
        period = f"{scope.since or 'the beginning'} to {scope.until or 'the latest document'}"
    else:
        dated = [d.published for d in a.documents if d.published]
        period = f"all documents ({min(dated)} to {max(dated)})" if dated else "all documents"
    ctx = {
        "title": f"{names}: relations brief", "scope": scope.label, "period": period,
        "generated": dt.date.today().isoformat(), "workspace": workspace_label,
        "headline": headline(a), "charts": charts, "freq": a.indicators.freq,
        "directions": [{"direction": k, **v} for k, v in a.indicators.by_direction.items()],
        "roots": [{"root": k, **v} for k, v in a.indicators.by_root.items()],
        "undated_events": a.indicators.undated,
        "events": events(a, notes),
        "agreements": agreements(a.agreements, notes),
        "by_kind": breakdown(a.agreements.summary["by_kind"]),
        "by_domain": breakdown(a.agreements.summary["by_domain"]),
        "by_level": breakdown(a.agreements.summary["by_level"]),
        "stances": stances(a, notes),
        "figures": figures(a, notes),
        "people": people(a, notes),
        "forecasts": forecasts(a, notes),
        "documents": [{"anchor": doc_anchor(d), "id": d.id[:12], "title": d.title or d.path.rsplit("/", 1)[-1],
                       "path": d.path, "published": d.published or "undated", "source": d.source or "",
                       "url": _web(d.url)} for d in a.documents],
    }
    ctx["notes"] = notes.items
    return ctx
