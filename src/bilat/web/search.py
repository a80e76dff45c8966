"""Full-text search over documents (Workspace.search: SQLite FTS5 or PostgreSQL tsvector), with each
snippet cut into plain and matched pieces so that the template escapes all of them."""
from __future__ import annotations

from dataclasses import dataclass

from ..store import Workspace


@dataclass(frozen=True)
class Hit:
    id: str
    title: str | None
    published: str | None
    path: str
    source: str | None
    snippet: str
    pieces: tuple[tuple[str, bool], ...]  # (text, matched the query)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "published": self.published, "path": self.path,
                "source": self.source, "snippet": self.snippet,
                "matches": [[s, e] for s, e in _offsets(self.pieces)]}


def _offsets(pieces) -> list[tuple[int, int]]:
    out, at = [], 0
    for text, matched in pieces:
        if matched:
            out.append((at, at + len(text)))
        at += len(text)
    return out


def _pieces(text: str, marks) -> tuple[tuple[str, bool], ...]:
    out, at = [], 0
    for start, end in marks:
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return tuple(out)


def search(workspace: Workspace, query: str, limit: int = 20) -> list[Hit]:
    hits = []
    for hit in workspace.search(query, limit):
        d, s = hit.document, hit.snippet
        hits.append(Hit(d.id, d.title, d.published, d.path, d.source, s.text, _pieces(s.text, s.marks)))
    return hits
