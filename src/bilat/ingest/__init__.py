"""Reading files into Documents: one reader per format, chosen by file suffix."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReadError, reading
from ..model import Document
from .html import read_html
from .jsonl import SUFFIX as JSONL_SUFFIX, read_jsonl
from .language import guess_language
from .markdown import read_markdown
from .pdf import read_pdf
from .text import read_text

Reader = Callable[[Path, bytes], Document]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
}

# What a folder walk picks up: every single-document format, and JSONL corpora (many documents per file).
WALKED = frozenset(READERS) | {JSONL_SUFFIX}

DEFAULT_MAX_MB = 50.0


def max_bytes_from_env() -> int:
    return int(float(os.environ.get("BILAT_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


def read_document(path: str | Path, max_bytes: int | None = None) -> Document:
    """Read one file; raises ReadError naming the file and the reason for anything unreadable."""
    path = Path(path)
    limit = max_bytes_from_env() if max_bytes is None else max_bytes
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(str(path), f"unsupported format '{path.suffix or '(no suffix)'}' "
                                   f"(bilat reads {', '.join(sorted(set(READERS)))})")
    with reading(path):
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError(str(path), "is a folder")
        if size > limit:
            raise ReadError(str(path), f"too large ({size / 1048576:.1f} MB; the limit is {limit / 1048576:g} MB)")
        if size == 0:
            raise ReadError(str(path), "empty file")
        data = path.read_bytes()
    try:
        doc = reader(path, data)
    except ValueError as exc:
        raise ReadError(str(path), str(exc)) from None
    if not doc.text.strip():
        raise ReadError(str(path), "no text (only whitespace)")
    doc.language = guess_language(doc.text, doc.language)
    return doc


def expand_paths(args: Iterable[str], stdin=None) -> Iterator[Path]:
    """Files named on the command line, folders walked recursively (supported suffixes only, sorted), and
    '-' for a list of paths on stdin, one per line. Paths are yielded as given, each once."""
    seen: set[Path] = set()
    for arg in args:
        if arg == "-":
            lines = (line.strip() for line in (stdin or sys.stdin))
            candidates: Iterable[Path] = (Path(line) for line in lines if line)
        elif Path(arg).is_dir():
            candidates = sorted(
                p for p in Path(arg).rglob("*") if p.suffix.lower() in WALKED and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(arg).parts)
            )
        else:
            candidates = [Path(arg)]
        for path in candidates:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


@dataclass(frozen=True)
class Item:
    """One document of a batch, or why it could not be read. `label` names it in messages: the file's path, or
    `file.jsonl:LINE` for one line of a JSONL corpus."""

    label: str
    document: Document | None = None
    error: str | None = None


def read_items(paths: Iterable[str | Path], max_bytes: int | None = None) -> Iterator[Item]:
    """The documents of these files, one at a time: a JSONL file gives one per line, any other file one."""
    for path in paths:
        if Path(path).suffix.lower() == JSONL_SUFFIX:
            yield from _jsonl_items(Path(path), max_bytes)
            continue
        try:
            yield Item(str(path), read_document(path, max_bytes))
        except ReadError as exc:
            yield Item(str(path), error=exc.reason)


def _jsonl_items(path: Path, max_bytes: int | None) -> Iterator[Item]:
    try:
        for record in read_jsonl(path, max_bytes):
            yield Item(f"{path}:{record.line}", record.document, record.error)
    except ReadError as exc:
        yield Item(str(path), error=exc.reason)


def walk_paths(args: Iterable[str], stdin=None) -> Iterator[Path]:
    """Like expand_paths, but streaming: a folder is walked level by level (each level sorted) and nothing is
    remembered, so a corpus of any number of files costs the memory of its largest folder listing. A file
    named twice is read twice (the workspace stores its text once)."""
    for arg in args:
        if arg == "-":
            yield from (Path(line.strip()) for line in (stdin or sys.stdin) if line.strip())
        elif Path(arg).is_dir():
            yield from _walk(Path(arg))
        else:
            yield Path(arg)


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if not name.startswith(".") and path.suffix.lower() in WALKED and path.is_file():
                yield path
