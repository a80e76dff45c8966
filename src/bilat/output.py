"""Extraction results as JSON, JSON Lines, CSV or a terminal table."""
from __future__ import annotations

import csv
import io
import json

from .model import FACT_KINDS

CSV_COLUMNS = ["document", "kind", "summary", "date", "source", "target", "cameo", "evidence_start", "evidence_end",
               "evidence"]


def summary(kind: str, fact: dict) -> str:
    """One line that says what a fact is, for tables and CSV."""
    if kind == "events":
        return f"{fact['source']['text']} -> {fact['target']['text']}: CAMEO {fact['cameo']} ({fact['plover'] or '-'})"
    if kind == "agreements":
        return f"{fact['kind']}: {fact['title']}"
    if kind == "stances":
        holders = " + ".join(h["text"] for h in fact["holders"])
        return f"{holders} {fact['polarity']} {fact['target']}"
    if kind == "figures":
        value = f"{fact['value']:g} {fact['unit'] or ''}".strip() if fact["value"] is not None else ""
        change = f"{fact['change_pct']:+g}%" if fact["change_pct"] is not None else ""
        who = f"{fact['reporter'] or '?'}->{fact['partner'] or 'world'}"
        return " ".join(x for x in (fact["indicator"], who, fact["period"] or "", value, change) if x)
    if kind == "people":
        return f"{fact['name']} ({fact['role'] or '?'}, {fact['country'] or '?'})"
    return fact["text"]


def rows(result: dict):
    path = result["document"]["path"]
    for kind in FACT_KINDS:
        for fact in result[kind]:
            yield {
                "document": path, "kind": kind, "summary": summary(kind, fact),
                "date": fact.get("date") or fact.get("signed") or fact.get("period") or "",
                "source": fact["source"]["cameo"] or "" if kind == "events" else "",
                "target": fact["target"]["cameo"] or "" if kind == "events" else "",
                "cameo": fact.get("cameo") or "",
                "evidence_start": fact["evidence"]["start"], "evidence_end": fact["evidence"]["end"],
                "evidence": fact["evidence"]["text"],
            }


def to_csv(results: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerows(rows(result))
    return buf.getvalue()


def to_json(result: dict, indent: int | None = 1) -> str:
    return json.dumps(result, ensure_ascii=False, indent=indent)
