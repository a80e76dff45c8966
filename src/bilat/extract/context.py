"""What every extractor reads: the parsed document, its actors, people and dates."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..model import Document, Evidence
from .actors import ActorIndex
from .dates import DateIndex

if TYPE_CHECKING:
    from .people import PeopleIndex


@dataclass
class Context:
    document: Document
    doc: Doc
    published: str | None
    actors: ActorIndex
    dates: DateIndex
    people: "PeopleIndex"

    @property
    def text(self) -> str:
        return self.document.text


def sentence_evidence(ctx: Context, where: Span | Token) -> Evidence:
    """The sentence (or list item, or heading) holding a span: what an analyst would quote."""
    sent = where.sent
    return Evidence.of(ctx.text, sent.start_char, sent.end_char)


def span_evidence(ctx: Context, start: int, end: int) -> Evidence:
    return Evidence.of(ctx.text, start, end)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraph_break(ctx: Context, start: int, end: int) -> bool:
    """Whether a blank line stands between two offsets: the text goes on in another paragraph."""
    return _PARAGRAPH_BREAK.search(ctx.text, start, end) is not None
