"""JSON Lines corpora: one document per line, `{"text": ..., "id"?, "title"?, "published"?, "source"?, "url"?,
"authors"?}`. The file is read line by line, so a corpus file of any size needs memory for one line."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReadError, reading
from ..model import Document
from .dates import iso_date
from .decode import normalise_newlines
from .language import guess_language

SUFFIX = ".jsonl"


@dataclass(frozen=True)
class Record:
    """One line: a Document, or the reason it is not one."""

    line: int
    document: Document | None = None
    error: str | None = None


def read_jsonl(path: str | Path, max_bytes: int | None = None) -> Iterator[Record]:
    """Every non-blank line of a JSONL file; raises ReadError (on first iteration) if the file cannot be opened."""
    path = Path(path)
    with reading(path):
        fh = open(path, "rb")
    with fh:
        for number, raw in enumerate(fh, 1):
            if raw.strip():
                yield _record(path, number, raw, max_bytes)


def _record(path: Path, number: int, raw: bytes, max_bytes: int | None) -> Record:
    if max_bytes is not None and len(raw) > max_bytes:
        return Record(number, error=f"too large ({len(raw) / 1048576:.1f} MB; the limit is "
                                    f"{max_bytes / 1048576:g} MB)")
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Record(number, error=f"not valid UTF-8 (bad byte at offset {exc.start})")
    except json.JSONDecodeError as exc:
        return Record(number, error=f"invalid JSON ({exc.msg} at column {exc.colno})")
    try:
        return Record(number, document=to_document(obj, path, number))
    except ValueError as exc:
        return Record(number, error=str(exc))


def to_document(obj, path: Path, number: int) -> Document:
    """One parsed line as a Document; raises ValueError saying what is wrong with it."""
    if not isinstance(obj, dict):
        raise ValueError(f"not a JSON object but {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError("no 'text' field" if text is None else "'text' is not a string")
    # The same normalisation as a .txt file, so a text is the same document whichever way it arrives.
    text = normalise_newlines(text)
    if not text.strip():
        raise ValueError("no text (only whitespace)")
    notes: list[str] = []
    doc = Document(text=text, path=_record_path(path, obj.get("id"), number), format="jsonl",
                   title=_string(obj.get("title")) or _first_line(text), authors=_authors(obj.get("authors")),
                   published=_published(obj.get("published"), notes), source=_string(obj.get("source")),
                   url=_string(obj.get("url")), notes=notes)
    doc.language = guess_language(doc.text, None)
    return doc


def _record_path(path: Path, record_id, number: int) -> str:
    # The record's own id, when it has one, names it across re-exports of the corpus (so a changed text is a
    # new version of the same record); otherwise its line is all there is.
    base = str(path.resolve())
    if record_id is not None and str(record_id).strip():
        return f"{base}#{str(record_id).strip()}"
    return f"{base}:{number}"


def _published(value, notes: list[str]) -> str | None:
    if value in (None, ""):
        return None
    try:
        date = iso_date(value)
    except (TypeError, ValueError, OverflowError):
        date = None
    if date is None:
        notes.append(f"'published' {value!r} is not a date; left out")
    return date


def _authors(value) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(a).strip() for a in value if a is not None and str(a).strip()]
    return []


def _string(value) -> str | None:
    return (str(value).strip() or None) if value is not None else None


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:300]
    return None
