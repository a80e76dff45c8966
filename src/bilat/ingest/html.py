"""HTML pages: main text and metadata by trafilatura; navigation, banners and footers are dropped."""
from __future__ import annotations

import re
from pathlib import Path

import trafilatura

from ..model import Document
from .dates import iso_date
from .decode import decode
from .markdown import authors_of

_LANG = re.compile(r"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z-]+)", re.IGNORECASE)


def read_html(path: Path, data: bytes) -> Document:
    markup, encoding, notes = decode(data)
    extracted = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=True,
        # precision, and no fallback extractors: those return menus and footers when a page has no article
        favor_precision=True, fast=True,
    )
    text = _paragraphs(extracted.text if extracted else "")
    if not text:
        raise ValueError("no readable text in the HTML (only markup or boilerplate)")
    lang = _LANG.search(markup[:5000])
    return Document(
        text=text,
        path=str(path),
        format="html",
        title=extracted.title or None,
        authors=authors_of(extracted.author),
        published=iso_date(extracted.date),
        source=extracted.sitename or None,
        url=extracted.url or None,
        language=lang.group(1) if lang else None,
        encoding=encoding,
        notes=notes,
    )


def _paragraphs(text: str) -> str:
    """trafilatura puts one paragraph per line; a blank line between them keeps sentence splitting honest."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    return "\n\n".join(line for line in lines if line)
