"""PDF files: text page by page with pypdf; each page's span is kept so a fact can cite its page."""
from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pypdf
from pypdf.errors import PyPdfError

from ..model import Document, Page
from .dates import iso_date
from .decode import normalise_newlines
from .markdown import authors_of

PAGE_BREAK = "\n\n"

# pypdf logs recoverable damage as warnings; we report damage ourselves, once, as a one-line error.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(path: Path, data: bytes) -> Document:
    if not data.lstrip().startswith(b"%PDF"):
        raise ValueError("not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise ValueError("truncated PDF (no end-of-file marker)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == 0:
            raise ValueError("encrypted PDF (a password is needed)")
        page_texts = [_clean(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata or {}
    except (PyPdfError, OSError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ValueError(f"corrupt PDF ({type(exc).__name__}: {exc})".strip()) from None
    parts, pages, offset = [], [], 0
    for number, page_text in enumerate(page_texts, start=1):
        if parts:
            offset += len(PAGE_BREAK)
        pages.append(Page(number, offset, offset + len(page_text)))
        parts.append(page_text)
        offset += len(page_text)
    text = PAGE_BREAK.join(parts)
    if not text.strip():
        raise ValueError("PDF has no extractable text (scanned images need OCR, which bilat does not do)")
    return Document(
        text=text,
        path=str(path),
        format="pdf",
        title=_meta(info, "/Title"),
        authors=authors_of(_meta(info, "/Author")),
        published=_pdf_date(_meta(info, "/CreationDate")),
        pages=pages,
    )


_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*–])\s+")


def _clean(page_text: str) -> str:
    """Undo the PDF's hard line wrapping: lines of a paragraph are joined with spaces, so that sentences
    (and names) are not cut at the margin. A line well short of the page's measure ends a paragraph
    (headings, last lines), and so does the line before a list item."""
    lines = [line.strip() for line in normalise_newlines(page_text).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    measure = sorted(len(line) for line in lines)[int(len(lines) * 0.9)]
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        ends_paragraph = len(prev) < 0.8 * measure or _LIST_ITEM.match(line) is not None
        out.append("\n" if ends_paragraph else ("" if prev.endswith("-") and line[:1].islower() else " "))
        out.append(line)
    return "".join(out)


def _meta(info, key: str) -> str | None:
    try:
        value = info.get(key)
    except Exception:  # damaged info dictionaries raise from pypdf's lazy objects
        return None
    return str(value).strip() or None if value is not None else None


def _pdf_date(value: str | None) -> str | None:
    """PDF dates look like D:20250512093000+02'00'."""
    if not value:
        return None
    digits = value[2:] if value.startswith("D:") else value
    if len(digits) >= 8 and digits[:8].isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    return iso_date(value)
