"""Batch jobs over many files: each file read and stored on its own, failures reported and skipped."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError
from .ingest import read_document
from .store import Outcome, Workspace


@dataclass(frozen=True)
class FileResult:
    path: str
    outcome: Outcome | None = None
    error: str | None = None
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict:
        if self.error:
            return {"path": self.path, "status": "failed", "error": self.error}
        out = self.outcome
        return {"path": self.path, "status": out.status, "id": out.document_id, "version": out.version,
                "notes": list(self.notes)}


def ingest(paths: Iterable[Path], workspace: Workspace, max_bytes: int | None = None) -> Iterator[FileResult]:
    for path in paths:
        try:
            doc = read_document(path, max_bytes)
        except ReadError as exc:
            yield FileResult(str(path), error=exc.reason)
            continue
        yield FileResult(str(path), outcome=workspace.add(doc), notes=tuple(doc.notes))
