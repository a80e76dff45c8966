"""Cross-document deduplication: the reports of one fact become one cluster with all its sources.

Each kind has a blocking key (what must be equal) and a pairwise test (what must be close). A report joins
the first cluster of its block whose every member it is compatible with (complete linkage), so a vague
report such as an event dated "2024" cannot chain two distinct meetings into one. Reports are visited most
precise first, which makes the result, and the cluster ids, independent of ingestion order.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..vocab import load as load_vocab
from .periods import month_span, span_days
from .records import DocRef, Report
from ..model import actor_key, fact_keys
from .text import content_words, fold, jaccard

TITLE_SIMILARITY = 0.5  # agreement titles: "share most content words"
TARGET_SIMILARITY = 1 / 3  # stance targets: "overlapping target words"
FIGURE_TOLERANCE = 0.01


@dataclass
class Cluster:
    """One fact, however many documents report it. `data` is the most complete report's fact JSON."""

    id: str
    kind: str
    data: dict
    reports: list[Report] = field(default_factory=list)

    @property
    def documents(self) -> list[DocRef]:
        seen: dict[str, DocRef] = {}
        for report in self.reports:
            seen.setdefault(report.document.id, report.document)
        return list(seen.values())

    @property
    def keys(self) -> frozenset[str]:
        return frozenset().union(*(fact_keys(self.kind, r.data) for r in self.reports))

    @property
    def first_reported(self) -> str | None:
        dates = [d.published for d in self.documents if d.published]
        return min(dates) if dates else None

    @property
    def date(self) -> str | None:
        """When it happened (events, agreements), else when it was first reported."""
        own = self.data.get("date") if self.kind == "events" else self.data.get("signed")
        return own or self.first_reported

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "date": self.date, "fact": self.data,
                "documents": [d.id for d in self.documents], "sources": [r.to_json() for r in self.reports]}


def _span(data: dict) -> tuple[str, str] | None:
    start = data.get("date")
    return (start, data.get("date_end") or start) if start else None


def _root(data: dict) -> str:
    return (data.get("cameo") or "")[:2]


def _events_block(r: Report) -> tuple:
    return tuple(sorted(fact_keys("events", r.data))), _root(r.data)


def _events_order(r: Report) -> tuple:
    return (span_days(r.data.get("date"), r.data.get("date_end")), r.data.get("date") or "",
            r.document.published or "9999", r.document.id, r.start)


def _events_match(a: Report, b: Report) -> bool:
    sa, sb = _span(a.data), _span(b.data)
    if sa is None or sb is None:
        return a.document.id == b.document.id  # an undated mention is placed only by its own document
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def _events_id(block: tuple, first: Report) -> tuple:
    span = _span(first.data)
    return block + ((span,) if span else ("undated", first.document.id, first.start))


def _agreements_block(r: Report) -> tuple:
    return r.data.get("kind"), tuple(sorted(fact_keys("agreements", r.data)))


def _agreements_order(r: Report) -> tuple:
    return (r.data.get("signed") is None, -len(r.data.get("parties") or []), r.data.get("signed") or "",
            r.document.published or "9999", r.document.id, r.start)


def _agreements_match(a: Report, b: Report) -> bool:
    sa, sb = a.data.get("signed"), b.data.get("signed")
    if sa and sb and sa != sb:
        return False
    return jaccard(content_words(a.data.get("title")), content_words(b.data.get("title"))) >= TITLE_SIMILARITY


def _agreements_id(block: tuple, first: Report) -> tuple:
    return block + (sorted(content_words(first.data.get("title"))), first.data.get("signed"))


def _stances_block(r: Report) -> tuple:
    holders = sorted({k for k in (actor_key(h) for h in r.data.get("holders") or []) if k})
    return tuple(holders), r.data.get("polarity")


def _stances_order(r: Report) -> tuple:
    return r.document.published or "9999", r.document.id, r.start


def stance_targets_match(a: dict, b: dict) -> bool:
    """Whether two stances (fact JSON) are about the same thing: shared target words, and not aimed at two
    different actors."""
    ka, kb = actor_key(a.get("target_actor")), actor_key(b.get("target_actor"))
    if ka and kb and ka != kb:
        return False
    return jaccard(content_words(a.get("target")), content_words(b.get("target"))) >= TARGET_SIMILARITY


def _stances_id(block: tuple, first: Report) -> tuple:
    return block + (sorted(content_words(first.data.get("target"))),)


def _figures_block(r: Report) -> tuple:
    d = r.data
    return d.get("indicator"), d.get("reporter"), d.get("partner"), month_span(d.get("period")) or d.get("period")


def _figures_order(r: Report) -> tuple:
    return (r.data.get("value") is None, r.data.get("change_pct") is None, r.document.published or "9999",
            r.document.id, r.start)


_SCALE = {"k": 1e3, "mn": 1e6, "bn": 1e9, "tn": 1e12}


def base_value(data: dict) -> tuple[float, str] | None:
    """A figure's value in its base unit: 1.74 'CNY tn' -> (1.74e12, 'CNY')."""
    value, unit = data.get("value"), (data.get("unit") or "").split()
    if value is None:
        return None
    base = unit[0] if unit else ""
    scale = _SCALE.get(unit[1], 1.0) if len(unit) > 1 else 1.0
    return value * scale, base


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= FIGURE_TOLERANCE * max(abs(x), abs(y)) if x or y else True


def _figures_match(a: Report, b: Report) -> bool:
    compared = False
    va, vb = base_value(a.data), base_value(b.data)
    if va and vb:
        if va[1] != vb[1] or not _close(va[0], vb[0]):
            return False
        compared = True
    ca, cb = a.data.get("change_pct"), b.data.get("change_pct")
    if ca is not None and cb is not None:
        if not _close(ca, cb):
            return False
        compared = True
    return compared


def _figures_id(block: tuple, first: Report) -> tuple:
    return block[:3] + (first.data.get("period"), first.data.get("value"), first.data.get("unit"),
                        first.data.get("change_pct"))


def _people_block(r: Report) -> tuple:
    return fold(r.data.get("name")), r.data.get("country")


def _forecasts_block(r: Report) -> tuple:
    return (fold(r.data.get("text")),)


def _always(a: Report, b: Report) -> bool:
    return True


def _block_id(block: tuple, first: Report) -> tuple:
    return block


@dataclass(frozen=True)
class Rule:
    block: Callable[[Report], tuple]
    order: Callable[[Report], tuple]
    match: Callable[[Report, Report], bool]
    ident: Callable[[tuple, Report], tuple]


RULES: dict[str, Rule] = {
    "events": Rule(_events_block, _events_order, _events_match, _events_id),
    "agreements": Rule(_agreements_block, _agreements_order, _agreements_match, _agreements_id),
    "stances": Rule(_stances_block, _stances_order,
                    lambda a, b: stance_targets_match(a.data, b.data), _stances_id),
    "figures": Rule(_figures_block, _figures_order, _figures_match, _figures_id),
    "people": Rule(_people_block, _stances_order, _always, _block_id),
    "forecasts": Rule(_forecasts_block, _stances_order, _always, _block_id),
}


def cluster_id(kind: str, key: tuple) -> str:
    body = json.dumps([kind, key], ensure_ascii=False, default=list)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def deduplicate(reports: Iterable[Report], kind: str) -> list[Cluster]:
    """The clusters of one kind of fact, in the order of their most precise report."""
    rule = RULES[kind]
    ordered = sorted((r for r in reports if r.kind == kind), key=rule.order)
    blocks: dict[tuple, list[Cluster]] = defaultdict(list)
    clusters: list[Cluster] = []
    for report in ordered:
        block = rule.block(report)
        home = next((c for c in blocks[block] if all(rule.match(report, m) for m in c.reports)), None)
        if home is None:
            home = Cluster(cluster_id(kind, rule.ident(block, report)), kind, _enriched(kind, report.data))
            blocks[block].append(home)
            clusters.append(home)
        home.reports.append(report)
    for c in clusters:
        c.reports.sort(key=lambda r: (r.document.published or "9999", r.document.id, r.start))
    return clusters


def _enriched(kind: str, data: dict) -> dict:
    """Stored facts predate nothing here, but an event without its QuadClass or Goldstein score (an older
    extractor, a hand-made fact) gets them from the codebook so every indicator can count it."""
    if kind != "events" or (data.get("quad_class") is not None and data.get("goldstein") is not None):
        return data
    entry = load_vocab().cameo.get(data.get("cameo") or "")
    if entry is None:
        return data
    return {**data, "quad_class": data.get("quad_class") or entry.quad_class,
            "goldstein": data.get("goldstein") if data.get("goldstein") is not None else entry.goldstein}
