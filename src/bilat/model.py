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
