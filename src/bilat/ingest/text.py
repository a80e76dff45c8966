"""Plain text files: the decoded content with line endings normalised, nothing else changed."""
from __future__ import annotations

from pathlib import Path

from ..model import Document
from .decode import decode, normalise_newlines


def read_text(path: Path, data: bytes) -> Document:
    text, encoding, notes = decode(data)
    text = normalise_newlines(text)
    return Document(text=text, path=str(path), format="txt", title=_first_line(text), encoding=encoding, notes=notes)


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:300]
    return None
