"""Extraction: Document -> facts. One module per fact kind, each a function Context -> list of facts,
registered here in the order they run."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import FACT_KINDS, Document, Fact
from ..nlp import get_nlp
from .actors import ActorIndex, gazetteer
from .context import Context
from .dates import DateIndex
from .people import PeopleIndex, extract_people

ENGINE_VERSION = "bilat-extract-0.1"

Extractor = Callable[[Context], list[Fact]]
EXTRACTORS: dict[str, Extractor] = {"people": extract_people}


def register(kind: str):
    def wrap(fn: Extractor) -> Extractor:
        EXTRACTORS[kind] = fn
        return fn
    return wrap


@dataclass
class Extraction:
    document: Document
    facts: dict[str, list[Fact]] = field(default_factory=lambda: {k: [] for k in FACT_KINDS})

    def all(self) -> list[Fact]:
        return [f for kind in FACT_KINDS for f in self.facts[kind]]

    @classmethod
    def of(cls, document: Document, facts: list[Fact]) -> "Extraction":
        result = cls(document)
        for fact in facts:
            result.facts[fact.kind].append(fact)
        return result

    def to_json(self) -> dict:
        out = {"document": self.document.metadata()}
        for kind in FACT_KINDS:
            out[kind] = [f.to_json() for f in self.facts[kind]]
        return out


def build_context(document: Document, published: str | None = None) -> Context:
    published = published or document.published
    doc = get_nlp()(document.text)
    actors = ActorIndex(doc, gazetteer().mentions(doc))
    dates = DateIndex(doc, published)
    ctx = Context(document, doc, published, actors, dates, None)
    on_date = published or (dates.occasion.first.isoformat() if dates.occasion and dates.occasion.first else None)
    ctx.people = PeopleIndex(doc, actors, on_date, dates.spans)
    return ctx


def extract(document: Document, published: str | None = None) -> Extraction:
    """All facts of one document. A fact whose evidence does not slice back out of the text is dropped:
    evidence is what makes a fact checkable, so none goes out without it."""
    if published:
        document.published = published
    ctx = build_context(document, published)
    result = Extraction(document)
    _load_extractors()
    for kind, fn in EXTRACTORS.items():
        result.facts[kind] = [f for f in fn(ctx) if document.text[f.evidence.start:f.evidence.end] == f.evidence.text]
    return result


def _load_extractors() -> None:
    """Import the fact modules so that their @register runs (kept lazy to avoid import cycles)."""
    import importlib

    for name in ("events", "agreements", "stances", "figures", "forecasts"):
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
