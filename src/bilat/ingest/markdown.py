"""Markdown: optional YAML front matter is metadata; the body is rendered to plain text.

Rendering (rather than keeping the markup) gives the extractors prose without '**' or link targets;
evidence offsets index into this rendered text, which `bilat text` prints.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from ..model import Document
from .dates import iso_date
from .decode import decode, normalise_newlines

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_PARSER = MarkdownIt("commonmark").enable("table")


def read_markdown(path: Path, data: bytes) -> Document:
    raw, encoding, notes = decode(data)
    raw = normalise_newlines(raw)
    meta, body = split_front_matter(raw, path)
    text = render_plain(body)
    title = _str(meta.get("title")) or _first_heading(body)
    return Document(
        text=text,
        path=str(path),
        format="md",
        title=title,
        authors=authors_of(meta.get("authors", meta.get("author"))),
        published=iso_date(meta.get("published", meta.get("date"))),
        source=_str(meta.get("source")),
        url=_str(meta.get("url")),
        language=_str(meta.get("language") or meta.get("lang")),
        encoding=encoding,
        notes=notes,
    )


def split_front_matter(raw: str, path: Path) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ValueError(f"invalid YAML front matter{where}") from None
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping of keys to values")
    return meta, raw[match.end():]


def authors_of(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = re.split(r"\s*(?:;|\band\b|&)\s*|,\s*(?=\S+\s+\S)", value)
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]


def render_plain(body: str) -> str:
    """Markdown to plain text: one block per paragraph, heading, list item or table row, blank lines
    between blocks. List items keep a '- ' or 'N. ' marker so enumerations still read as lists; a table
    row becomes its cells joined by ' | '."""
    blocks: list[str] = []
    lists: list[list] = []  # per open list: [ordered, next number]
    prefix = ""
    row: list[str] | None = None
    for token in _PARSER.parse(body):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append([kind == "ordered_list_open", int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open" and lists:
            ordered, number = lists[-1]
            prefix = f"{number}. " if ordered else "- "
            lists[-1][1] += 1
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            blocks.append(" | ".join(row))
            row = None
        elif kind == "inline":
            if row is not None:
                row.append(_inline_text(token))
            else:
                blocks.append(prefix + _inline_text(token))
                prefix = ""
        elif kind in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(b for b in blocks if b.strip())


def _inline_text(token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)  # the alt text
    return "".join(out).strip()


def _first_heading(body: str) -> str | None:
    for line in body.split("\n"):
        if line.startswith("#"):
            return line.lstrip("#").strip() or None
    return None


def _str(value) -> str | None:
    return str(value).strip() if value not in (None, "") else None
