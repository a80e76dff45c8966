"""Batch jobs over many files: each file read, extracted and stored on its own; failures are reported
and skipped. Extraction can run in a pool of worker processes; the database is written by this process
only, in batches, so memory stays flat however long the corpus."""
from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .ingest import read_items
from .model import Document, Fact
from .store import Outcome, Workspace

BATCH = 16


@dataclass(frozen=True)
class FileResult:
    path: str
    outcome: Outcome | None = None
    error: str | None = None
    notes: tuple[str, ...] = ()
    facts: int = 0

    def to_json(self) -> dict:
        if self.error:
            return {"path": self.path, "status": "failed", "error": self.error}
        out = self.outcome
        return {"path": self.path, "status": out.status, "id": out.document_id, "version": out.version,
                "facts": self.facts, "notes": list(self.notes)}


def extract_facts(doc: Document) -> list[Fact]:
    from .extract import extract

    return extract(doc).all()


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group; the parent decides what to do, workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_pipeline()


def load_pipeline() -> None:
    """Load everything extraction needs, so that a worker pays for it once and not in its first document."""
    from .extract import build_context  # noqa: F401  (imports the pipeline once per worker)
    from .nlp import get_nlp
    from .extract.actors import gazetteer

    get_nlp()
    gazetteer()


class Extractor:
    """Runs extraction here (workers=1) or in a pool of processes that each load the pipeline once."""

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)
        self.pool = None
        if self.workers > 1:
            self.pool = multiprocessing.get_context("fork").Pool(self.workers, initializer=_worker_init)

    def map(self, docs: list[Document]) -> list[list[Fact]]:
        if self.pool is None:
            return [extract_facts(d) for d in docs]
        return self.pool.map(extract_facts, docs, chunksize=1)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch


def ingest(paths: Iterable[Path], workspace: Workspace, max_bytes: int | None = None,
           workers: int = 1) -> Iterator[FileResult]:
    with Extractor(workers) as extractor:
        for batch in batched(read_items(paths, max_bytes), BATCH * max(1, workers)):
            results: list[FileResult | None] = [None] * len(batch)
            todo: list[tuple[int, Document, object]] = []
            for i, item in enumerate(batch):
                if item.error:
                    results[i] = FileResult(item.label, error=item.error)
                    continue
                stored = workspace.extractor_of(item.document.id)
                if is_current(stored):
                    results[i] = FileResult(item.label, outcome=workspace.add(item.document),
                                            notes=tuple(item.document.notes))
                else:
                    todo.append((i, item.document, stored))
            for (i, doc, stored), facts in zip(todo, extractor.map([d for _, d, _ in todo])):
                outcome = store(workspace, doc, stored, facts)
                results[i] = FileResult(batch[i].label, outcome=outcome, notes=tuple(doc.notes),
                                        facts=stored_facts(outcome, facts))
            yield from results


def is_current(stored) -> bool:
    """Whether Workspace.extractor_of's answer means the text is stored with this engine's facts already."""
    from .extract import ENGINE_VERSION

    return stored == ENGINE_VERSION


def stored_facts(outcome: Outcome, facts: list[Fact]) -> int:
    # A text seen twice in one batch is extracted twice but stored once: only the stored copy's facts count,
    # so the totals do not depend on where the batches happen to split.
    return 0 if outcome.status == "unchanged" else len(facts)


def store(workspace: Workspace, doc: Document, stored, facts: list[Fact]) -> Outcome:
    """Write a fresh extraction. `stored` is Workspace.extractor_of's answer from before extracting: False for
    a new text, else the older engine whose facts are to be replaced."""
    from .extract import ENGINE_VERSION

    if stored is False:
        return workspace.add(doc, facts, ENGINE_VERSION)
    # Stored by an older engine: its facts are replaced in one transaction.
    workspace.replace_facts(doc.id, facts, ENGINE_VERSION)
    return Outcome("re-extracted", doc.id, 1, str(Path(doc.path).resolve()))
