"""Facts as one document reports them, read from the workspace's current document versions."""
from __future__ import annotations

from dataclasses import dataclass

from ..store import Workspace


@dataclass(frozen=True)
class DocRef:
    id: str  # content hash, as `bilat docs` shows it
    title: str | None
    path: str
    published: str | None
    source: str | None
    url: str | None

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "path": self.path, "published": self.published,
                "source": self.source, "url": self.url}


@dataclass(frozen=True)
class Report:
    """One fact as one document states it: the fact's contract JSON plus the quoted sentence."""

    fact_id: str
    kind: str
    data: dict
    document: DocRef
    start: int
    end: int
    quote: str
    page: int | None

    def to_json(self) -> dict:
        return {"fact_id": self.fact_id, "document": self.document.to_json(),
                "evidence": {"start": self.start, "end": self.end, "text": self.quote}, "page": self.page}


def load_reports(workspace: Workspace, kinds: tuple[str, ...] | None = None) -> list[Report]:
    """Every fact of every current document version (an older version's facts were superseded)."""
    docs = {row.id: DocRef(row.content_hash, row.title, row.path, row.published, row.source, row.url)
            for row in workspace.documents()}
    reports = []
    for kind in kinds or (None,):
        for row in workspace.facts(kind=kind):
            doc = docs.get(row.document_id)
            if doc is None:
                continue
            data = {k: v for k, v in row.data.items() if k != "evidence"}
            reports.append(Report(row.id, row.kind, data, doc, row.evidence_start, row.evidence_end,
                                  row.evidence_text, row.page))
    return reports
