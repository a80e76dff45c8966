"""Full-text search over documents through Workspace.search, whatever shape its hits take."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..store import Workspace


@dataclass(frozen=True)
class Hit:
    id: str
    title: str | None
    published: str | None
    path: str
    snippet: str  # plain text: the template escapes it
    score: float | None = None


def _snippet(text: str, query: str, width: int = 220) -> str:
    words = [w for w in re.findall(r"\w+", query) if len(w) > 1]
    lowered = text.lower()
    at = min((i for i in (lowered.find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = " ".join(text[start:start + width].split())
    return ("… " if start else "") + piece + (" …" if start + width < len(text) else "")


def _field(hit, *names):
    for name in names:
        if isinstance(hit, dict) and name in hit:
            return hit[name]
        if hasattr(hit, name):
            return getattr(hit, name)
    return None


def search(workspace: Workspace, query: str, limit: int = 20) -> list[Hit]:
    query = query.strip()
    if not query:
        return []
    if not hasattr(workspace, "search"):
        return _scan(workspace, query, limit)
    hits = []
    rows = {}
    for raw in workspace.search(query, limit):
        row = _field(raw, "document") or raw
        if isinstance(raw, tuple):
            row = raw[0]
        doc_id = _field(row, "content_hash", "document_id", "id")
        if not isinstance(doc_id, str):
            continue
        if not hasattr(row, "text"):
            rows = rows or {r.content_hash: r for r in workspace.documents()}
            row = rows.get(doc_id, row)
        text = _field(row, "text") or ""
        snippet = _field(raw, "snippet") if not isinstance(raw, tuple) else (raw[1] if len(raw) > 1 else None)
        hits.append(Hit(doc_id, _field(row, "title"), _field(row, "published"), _field(row, "path") or "",
                        _plain(snippet) if isinstance(snippet, str) else _snippet(text, query),
                        _field(raw, "score", "rank")))
    return hits


def _plain(snippet: str) -> str:
    # A backend may mark matches with its own tags; the page shows text only.
    return re.sub(r"</?[a-z]+>", "", snippet)


def _scan(workspace: Workspace, query: str, limit: int) -> list[Hit]:
    """Until the store offers full-text search: every query word must occur, case-insensitively."""
    words = [w.lower() for w in re.findall(r"\w+", query)]
    hits = []
    for row in workspace.documents():
        haystack = f"{row.title or ''}\n{row.text}".lower()
        if words and all(w in haystack for w in words):
            hits.append(Hit(row.content_hash, row.title, row.published, row.path, _snippet(row.text, query)))
    return hits[:limit]
