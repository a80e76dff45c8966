"""The types that flow through bilat: documents as read, and the evidence spans facts point into."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field


def content_id(text: str) -> str:
    """A document's id: sha256 of its plain text, so the same text read twice is the same document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Page:
    """One PDF page's span in the plain text: text[start:end] is that page."""

    number: int
    start: int
    end: int


@dataclass
class Document:
    """A file read into plain text plus what the file says about itself.

    `text` is the string every evidence offset indexes into; nothing downstream may change it.
    """

    text: str
    path: str
    format: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    language: str | None = None
    encoding: str = "utf-8"
    pages: list[Page] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return content_id(self.text)

    def page_at(self, offset: int) -> int | None:
        """The page number holding a text offset, or None for formats without pages."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return None

    def metadata(self) -> dict:
        """The document header of the JSON contract."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "source": self.source,
            "language": self.language,
            "chars": len(self.text),
        }


@dataclass(frozen=True)
class Evidence:
    """The exact span of the document's plain text that states a fact."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Evidence":
        """Evidence for text[start:end], trimmed of surrounding whitespace so the quote reads cleanly."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            raise ValueError("empty evidence span")
        return cls(start, end, text[start:end])

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


class Fact:
    """Base of every extracted fact: a kind, a JSON body and the evidence that states it.

    Subclasses are dataclasses with an `evidence` field and a class-level `kind`.
    """

    kind: str = ""
    evidence: Evidence

    def to_json(self) -> dict:
        raise NotImplementedError

    def fact_id(self, document_id: str) -> str:
        """Deterministic: the same fact from the same document always has the same id."""
        body = json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{document_id}\x1f{self.kind}\x1f{body}".encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Actor:
    """Who acts: a state, its government, a ministry, a firm, an organisation or a person acting for one."""

    text: str
    country: str | None = None
    org: str | None = None
    cameo: str | None = None
    level: str | None = None

    @property
    def key(self) -> str | None:
        return self.country or self.org

    def to_json(self) -> dict:
        return {"text": self.text, "country": self.country, "org": self.org, "cameo": self.cameo,
                "level": self.level}


@dataclass(frozen=True)
class Place:
    text: str
    country: str | None

    def to_json(self) -> dict:
        return {"text": self.text, "country": self.country}


def _actors(actors) -> list[dict]:
    return [a.to_json() for a in actors]


@dataclass
class Event(Fact):
    kind = "events"
    source: Actor
    target: Actor
    cameo: str
    plover: str | None
    quad_class: int
    goldstein: float
    date: str | None
    date_end: str | None
    location: Place | None
    evidence: Evidence
    confidence: float = 0.5
    mode: str | None = None  # PLOVER mode, where the codebook gives one

    def to_json(self) -> dict:
        return {"date": self.date, "date_end": self.date_end, "source": self.source.to_json(),
                "target": self.target.to_json(), "cameo": self.cameo, "plover": self.plover,
                "quad_class": self.quad_class, "goldstein": self.goldstein,
                "location": self.location.to_json() if self.location else None,
                "evidence": self.evidence.to_json(), "confidence": round(self.confidence, 2)}


@dataclass
class Agreement(Fact):
    kind = "agreements"
    title: str
    type: str  # the contract's `kind`: joint_statement, agreement, protocol, ...
    parties: list[Actor]
    domains: list[str]
    signed: str | None
    place: Place | None
    evidence: Evidence

    def to_json(self) -> dict:
        return {"title": self.title, "kind": self.type, "parties": _actors(self.parties), "domains": self.domains,
                "signed": self.signed, "place": self.place.to_json() if self.place else None,
                "evidence": self.evidence.to_json()}


@dataclass
class Stance(Fact):
    kind = "stances"
    holders: list[Actor]
    polarity: str  # support | oppose
    target: str
    target_actor: Actor | None
    evidence: Evidence

    def to_json(self) -> dict:
        return {"holders": _actors(self.holders), "polarity": self.polarity, "target": self.target,
                "target_actor": self.target_actor.to_json() if self.target_actor else None,
                "evidence": self.evidence.to_json()}


@dataclass
class Figure(Fact):
    kind = "figures"
    indicator: str
    reporter: str | None
    partner: str | None
    period: str | None
    value: float | None
    unit: str | None
    change_pct: float | None
    basis: str | None
    approximate: bool
    evidence: Evidence

    def to_json(self) -> dict:
        return {"indicator": self.indicator, "reporter": self.reporter, "partner": self.partner,
                "period": self.period, "value": self.value, "unit": self.unit, "change_pct": self.change_pct,
                "basis": self.basis, "approximate": self.approximate, "evidence": self.evidence.to_json()}


@dataclass
class Person(Fact):
    kind = "people"
    name: str
    role: str | None
    country: str | None
    evidence: Evidence
    role_source: str = "text"  # text | gazetteer

    def to_json(self) -> dict:
        return {"name": self.name, "role": self.role, "country": self.country, "evidence": self.evidence.to_json()}


@dataclass
class Forecast(Fact):
    kind = "forecasts"
    text: str
    holder: str | None
    horizon: str | None
    evidence: Evidence

    def to_json(self) -> dict:
        return {"text": self.text, "holder": self.holder, "horizon": self.horizon,
                "evidence": self.evidence.to_json()}


FACT_KINDS = ("events", "agreements", "stances", "figures", "people", "forecasts")


def actor_key(actor) -> str | None:
    """What an actor in a fact's JSON is compared by: a state's code, else an organisation's (the scorer's key).
    Anything that is not an actor object (a malformed prediction, None) has no key."""
    if not isinstance(actor, dict):
        return None
    return actor.get("country") or actor.get("org")


def fact_keys(kind: str, data: dict) -> frozenset[str]:
    """The actors a fact (as JSON) is about."""
    if kind == "events":
        keys = {actor_key(data.get("source")), actor_key(data.get("target"))}
    elif kind == "agreements":
        keys = {actor_key(p) for p in data.get("parties") or []}
    elif kind == "stances":
        keys = {actor_key(h) for h in data.get("holders") or []} | {actor_key(data.get("target_actor"))}
    elif kind == "figures":
        keys = {data.get("reporter"), data.get("partner")}
    elif kind == "people":
        keys = {data.get("country")}
    else:
        keys = set()
    return frozenset(k for k in keys if k)
