"""Reading files into Documents: one reader per format, chosen by file suffix."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import ReadError
from ..model import Document
from .html import read_html
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
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError(str(path), "is a folder")
        if size > limit:
            raise ReadError(str(path), f"too large ({size / 1048576:.1f} MB; the limit is {limit / 1048576:g} MB)")
        if size == 0:
            raise ReadError(str(path), "empty file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(str(path), "no such file") from None
    except PermissionError:
        raise ReadError(str(path), "permission denied") from None
    except IsADirectoryError:
        raise ReadError(str(path), "is a folder") from None
    except OSError as exc:
        raise ReadError(str(path), exc.strerror or str(exc)) from None
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
                p for p in Path(arg).rglob("*") if p.suffix.lower() in READERS and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(arg).parts)
            )
        else:
            candidates = [Path(arg)]
        for path in candidates:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path
