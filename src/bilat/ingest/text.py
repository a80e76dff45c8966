"""Plain text files: the decoded content with line endings normalised, nothing else changed."""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Document
from .dates import iso_date
from .decode import decode, normalise_newlines


# A byline or dateline near the top: 'By Jane Roe | Moscow, 22 March 2023', 'Published 12 January 2024'.
_DATELINE = re.compile(
    r"(?<!\d)(\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) "
    r"(?:19|20)\d\d|(?:January|February|March|April|May|June|July|August|September|October|November|December) "
    r"\d{1,2}, (?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)")
_HEADER_LINES = 4


def read_text(path: Path, data: bytes) -> Document:
    text, encoding, notes = decode(data)
    text = normalise_newlines(text)
    return Document(text=text, path=str(path), format="txt", title=_first_line(text), encoding=encoding,
                    notes=notes, published=_dateline(text))


def _dateline(text: str) -> str | None:
    """The publication date of a plain-text article is its dateline: a full date on one of the short lines
    under the title (not a date inside the story)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][1:1 + _HEADER_LINES]
    for line in lines:
        match = _DATELINE.search(line)
        if match and len(line) <= 120:
            return iso_date(match.group(1))
    return None


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:300]
    return None
