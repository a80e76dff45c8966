"""The fact tables: one row per stored fact (as `bilat export` writes it), filtered by dyad, period and
fields of each kind, so that what the page shows and what its CSV/JSON export holds are the same rows."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from .. import export
from ..analyze import ForecastView, clusters, forecasts
from ..analyze.indicators import QUAD_CLASSES
from ..errors import BilatError
from ..model import fact_keys
from ..store import Workspace

KINDS = ("events", "agreements", "stances", "figures", "people")


@dataclass(frozen=True)
class Field:
    """A kind-specific filter: a query parameter tested against one column of the flat row."""

    param: str
    label: str
    column: str
    test: str  # eq | upper | prefix | contains | member | int
    choices: tuple[tuple[str, str], ...] = ()

    def matches(self, row: dict, wanted: str) -> bool:
        value = row.get(self.column)
        if self.test == "int":
            return str(value) == wanted
        if self.test == "upper":
            return (value or "").upper() == wanted.upper()
        if self.test == "prefix":
            return (value or "").startswith(wanted)
        if self.test == "contains":
            return wanted.casefold() in (value or "").casefold()
        if self.test == "member":
            return wanted.casefold() in {(v or "").casefold() for v in value or []}
        return value == wanted


_QUADS = tuple((str(q), f"{q} · {name}") for q, name in QUAD_CLASSES.items())
_INDICATORS = tuple((i, i) for i in ("exports", "imports", "trade", "trade_balance", "gdp", "investment", "fdi",
                                     "production", "consumption", "supply", "price", "reserves", "debt", "budget",
                                     "inflation", "other"))
_AGREEMENT_KINDS = tuple((k, k.replace("_", " ")) for k in (
    "joint_statement", "agreement", "protocol", "memorandum", "action_plan", "concept", "contract", "declaration",
    "treaty", "other"))

FIELDS: dict[str, tuple[Field, ...]] = {
    "events": (Field("quad_class", "QuadClass", "quad_class", "int", _QUADS),
               Field("cameo", "CAMEO code starts with", "cameo", "prefix"),
               Field("source", "source actor", "source_key", "upper"),
               Field("target", "target actor", "target_key", "upper")),
    "agreements": (Field("agreement_kind", "kind", "agreement_kind", "eq", _AGREEMENT_KINDS),
                   Field("domain", "domain", "domains", "member"),
                   Field("party", "party", "parties_key", "member")),
    "stances": (Field("polarity", "polarity", "polarity", "eq", (("support", "support"), ("oppose", "oppose"))),
                Field("holder", "holder", "holders_key", "member"),
                Field("target", "target contains", "target", "contains")),
    "figures": (Field("indicator", "indicator", "indicator", "eq", _INDICATORS),
                Field("reporter", "reporter", "reporter", "upper"),
                Field("partner", "partner", "partner", "upper")),
    "people": (Field("country", "country", "country", "upper"),
               Field("name", "name contains", "name", "contains")),
}


def rows(workspace: Workspace, kind: str, dyad: str | None = None, since: str | None = None,
         until: str | None = None, fields: dict[str, str] | None = None) -> list[dict]:
    if kind not in KINDS:
        raise BilatError(f"no table of {kind!r}: use one of {', '.join(KINDS)}")
    filters = export.parse_filters(kind, dyad or None, since or None, until or None)
    wanted = [(f, fields[f.param].strip()) for f in FIELDS[kind] if (fields or {}).get(f.param, "").strip()]
    out = []
    for fact in export.iter_facts(workspace, kind, filters):
        row = export.flat_row(fact)
        if all(f.matches(row, value) for f, value in wanted):
            out.append(row)
    return out


def to_csv(kind: str, table: list[dict]) -> str:
    buf = io.StringIO()
    export.write_csv(table, kind, buf)
    return buf.getvalue()


def to_json(kind: str, table: list[dict], filters: dict) -> str:
    return json.dumps({"kind": kind, "filters": filters, "count": len(table), "rows": table}, ensure_ascii=False,
                      indent=1)


def _pair_counts(workspace: Workspace) -> Counter:
    counts: Counter = Counter()
    for kind in ("events", "agreements", "stances", "figures"):
        for fact in export.iter_facts(workspace, kind):
            for pair in combinations(sorted(fact_keys(kind, fact.data)), 2):
                counts[pair] += 1
    return counts


def dyads(workspace: Workspace) -> list[dict]:
    """The pairs the workspace has facts about, the best documented first."""
    counts = _pair_counts(workspace)
    return [{"code": f"{a}-{b}", "facts": n} for (a, b), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def actors(workspace: Workspace) -> list[dict]:
    counts: Counter = Counter()
    for kind in ("events", "agreements", "stances"):
        for fact in export.iter_facts(workspace, kind):
            counts.update(fact_keys(kind, fact.data))
    return [{"code": k, "facts": n} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


# -- forecasts: one row per forecast (however many documents make it), with the analyst's status ----------

FORECAST_STATUSES = ("open", "confirmed", "refuted")


def forecast_views(workspace: Workspace, status: str | None = None, text: str | None = None,
                   since: str | None = None, until: str | None = None) -> list[ForecastView]:
    export.parse_filters("forecasts", None, since or None, until or None)  # the same date checks as elsewhere
    views = forecasts(workspace, clusters(workspace, "forecasts"))
    keep: list[Callable[[ForecastView], bool]] = []
    if status:
        keep.append(lambda v: v.status == status)
    if text and text.strip():
        keep.append(lambda v: text.strip().casefold() in v.text.casefold())
    if since:
        keep.append(lambda v: bool(v.cluster.first_reported) and v.cluster.first_reported >= since)
    if until:
        keep.append(lambda v: bool(v.cluster.first_reported) and v.cluster.first_reported <= until)
    return [v for v in views if all(k(v) for k in keep)]


FORECAST_COLUMNS = ("id", "text", "holder", "horizon", "status", "note", "updated_at", "first_reported", "documents")


def forecasts_csv(views: list[ForecastView]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FORECAST_COLUMNS)
    for v in views:
        j = v.to_json()
        writer.writerow(["" if j[c] is None else ";".join(j[c]) if isinstance(j[c], list) else j[c]
                         for c in FORECAST_COLUMNS])
    return buf.getvalue()
