"""Publication dates as written in metadata ("2024-01-12T08:00:00Z", "12 January 2024") to YYYY-MM-DD."""
from __future__ import annotations

import datetime as dt

import dateparser

_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}


def iso_date(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    parsed = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    return parsed.date().isoformat() if parsed else None
