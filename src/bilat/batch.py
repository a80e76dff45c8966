"""Batch extraction for corpora of any size, on this machine's cores or on a Ray cluster.

    from bilat import batch
    report = batch.run("corpus/", engine="ray", workers=8, db="bilat.db", parquet_dir="facts/")
    print(report.docs_per_s, report.facts)

The driver (this process) reads documents one at a time, sends them to workers in batches, and writes what
comes back: to the workspace through the same calls as `bilat ingest` (so dedup, versions and counts are the
same) and/or to a month-partitioned Parquet dataset (see partitions.py). Each worker loads the pipeline once.

Memory does not grow with the corpus: inputs are streamed, at most `in_flight` batches are out at any time
(the driver stops reading until the oldest is written back), and results are written in submission order as
they arrive, so the documents held are those of the in-flight batches.

Ray: with no address, `ray.init` starts a private local instance on loopback with `workers` CPUs, no
dashboard and usage reporting off. To use a cluster, start it with `ray start --head` (and `ray start
--address=HEAD:6379` on the other machines, each with bilat installed in the same version), then pass
`ray_address="HEAD:6379"` (CLI: `--ray-address`, or set RAY_ADDRESS). Workers then run on every node; the
driver still reads the inputs and writes the outputs, so the inputs must be readable where it runs.
"""
from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import jobs
from .errors import BilatError
from .ingest import Item, read_items, walk_paths
from .jobs import FileResult
from .model import FACT_KINDS, Document, Fact
from .store import Outcome, Workspace

ENGINES = ("local", "ray")
MAX_ERRORS = 100  # kept in the report; every error is still yielded by stream()
_WRITES_FACTS = ("added", "updated", "re-extracted", "extracted")


@dataclass
class BatchReport:
    engine: str
    workers: int
    read: int = 0  # documents read (a JSONL line is one); failed ones are not counted here
    added: int = 0
    updated: int = 0
    reextracted: int = 0
    unchanged: int = 0
    extracted: int = 0  # extracted with no workspace to store them in
    failed: int = 0
    facts: Counter = field(default_factory=Counter)  # facts extracted in this run, per kind
    words: int = 0
    seconds: float = 0.0
    parquet_files: int = 0
    parquet_rows: int = 0
    errors: list[str] = field(default_factory=list)  # the first MAX_ERRORS, as "label: reason"

    @property
    def docs_per_s(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def count(self, result: FileResult, doc: Document | None) -> None:
        if result.error:
            self.failed += 1
            if len(self.errors) < MAX_ERRORS:
                self.errors.append(f"{result.path}: {result.error}")
            if doc is None:
                return
        self.read += 1
        self.words += len(doc.text.split())
        if result.outcome is not None:
            name = "reextracted" if result.outcome.status == "re-extracted" else result.outcome.status
            setattr(self, name, getattr(self, name) + 1)

    def to_json(self) -> dict:
        return {"engine": self.engine, "workers": self.workers, "read": self.read, "added": self.added,
                "updated": self.updated, "re-extracted": self.reextracted, "unchanged": self.unchanged,
                "extracted": self.extracted, "failed": self.failed,
                "facts": {k: self.facts[k] for k in FACT_KINDS}, "words": self.words,
                "seconds": round(self.seconds, 3), "docs_per_s": round(self.docs_per_s, 2),
                "words_per_s": round(self.words_per_s, 1), "parquet_files": self.parquet_files,
                "parquet_rows": self.parquet_rows, "errors": list(self.errors)}

    def summary(self) -> str:
        return (f"engine {self.engine}, {self.workers} worker{'s' if self.workers != 1 else ''}: "
                f"{self.read} documents, {self.words:,} words in {self.seconds:.1f} s "
                f"({self.docs_per_s:.1f} docs/s, {self.words_per_s:,.0f} words/s)")


def run(source, engine: str = "local", workers: int = 2, db: str | Workspace | None = None,
        parquet_dir: str | Path | None = None, batch_size: int = 32, published: str | None = None,
        **options) -> BatchReport:
    """Extract every document of `source` (paths, a folder, a JSONL file, or an iterable of these) and store
    the facts in `db` and/or `parquet_dir`. Unreadable inputs are counted and listed in the report; the rest
    go on. Options: in_flight (batches out at once, default 2 per worker), max_bytes, ray_address."""
    report = BatchReport(engine, workers)
    for _ in stream(source, engine, workers, db, parquet_dir, batch_size, published, report=report, **options):
        pass
    return report


def stream(source, engine: str = "local", workers: int = 2, db: str | Workspace | None = None,
           parquet_dir: str | Path | None = None, batch_size: int = 32, published: str | None = None,
           in_flight: int | None = None, max_bytes: int | None = None, ray_address: str | None = None,
           report: BatchReport | None = None) -> Iterator[FileResult]:
    """As run(), but yields each document's result (in input order) once it is written; fills `report`."""
    _check(engine, workers, batch_size, in_flight)
    published = _published(published)
    report = report or BatchReport(engine, workers)
    workspace = Workspace(str(db)) if isinstance(db, (str, Path)) else db
    items = read_items(walk_paths(_as_args(source)), max_bytes)
    started = time.perf_counter()
    try:
        with _engine(engine, workers, ray_address) as extractor, _ParquetSink(parquet_dir, report) as sink:
            driver = _Driver(extractor, workspace, sink, report, published)
            yield from driver.run(items, batch_size, in_flight or 2 * workers)
    finally:
        report.seconds = time.perf_counter() - started


def _check(engine: str, workers: int, batch_size: int, in_flight: int | None) -> None:
    if engine not in ENGINES:
        raise BilatError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if workers < 1 or batch_size < 1 or (in_flight is not None and in_flight < 1):
        raise BilatError("workers, batch size and in-flight batches must be at least 1")


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BilatError(f"published {value!r} is not a date in the form YYYY-MM-DD") from None


def _as_args(source) -> Iterator[str]:
    if isinstance(source, (str, Path)):
        return iter([str(source)])
    return (str(s) for s in source)


# -- the driver ----------------------------------------------------------------------------------------------


@dataclass
class _Batch:
    items: list[Item]
    todo: list[tuple[int, Document, object]]  # (index in items, document, what the workspace holds of it)
    handle: object


class _Driver:
    def __init__(self, extractor, workspace: Workspace | None, sink, report: BatchReport, published: str | None):
        self.extractor, self.workspace, self.sink = extractor, workspace, sink
        self.report, self.published = report, published

    def run(self, items: Iterable[Item], batch_size: int, in_flight: int) -> Iterator[FileResult]:
        pending: deque[_Batch] = deque()
        for chunk in jobs.batched(items, batch_size):
            pending.append(self.submit(chunk))
            # Backpressure: no more reading until the oldest batch is back and written.
            while len(pending) >= in_flight:
                yield from self.finish(pending.popleft())
        while pending:
            yield from self.finish(pending.popleft())

    def submit(self, chunk: list[Item]) -> _Batch:
        todo = []
        for i, item in enumerate(chunk):
            if item.document is None:
                continue
            if self.published:
                item.document.published = self.published
            stored = False if self.workspace is None else self.workspace.extractor_of(item.document.id)
            if not jobs.is_current(stored):
                todo.append((i, item.document, stored))
        handle = self.extractor.submit([doc for _, doc, _ in todo]) if todo else None
        return _Batch(chunk, todo, handle)

    def finish(self, batch: _Batch) -> Iterator[FileResult]:
        extracted = self.extractor.result(batch.handle) if batch.handle is not None else []
        fresh = {i: (doc, stored, facts) for (i, doc, stored), facts in zip(batch.todo, extracted)}
        for i, item in enumerate(batch.items):
            result = self.write(item, fresh.get(i))
            self.report.count(result, item.document)
            yield result

    def write(self, item: Item, fresh) -> FileResult:
        if item.error:
            return FileResult(item.label, error=item.error)
        doc = item.document
        if fresh is None:  # the workspace has this text, extracted by this engine
            return FileResult(item.label, outcome=self.workspace.add(doc), notes=tuple(doc.notes))
        _, stored, facts = fresh
        if isinstance(facts, str):
            return FileResult(item.label, error=facts)
        outcome = self._store(doc, stored, facts)
        if outcome.status in _WRITES_FACTS:
            self.report.facts.update(f.kind for f in facts)
            self._to_parquet(doc, facts)
        return FileResult(item.label, outcome=outcome, notes=tuple(doc.notes),
                          facts=jobs.stored_facts(outcome, facts))

    def _store(self, doc: Document, stored, facts: list[Fact]) -> Outcome:
        if self.workspace is None:
            return Outcome("extracted", doc.id, 1, str(Path(doc.path).resolve()))
        return jobs.store(self.workspace, doc, stored, facts)

    def _to_parquet(self, doc: Document, facts: list[Fact]) -> None:
        if self.sink is None:
            return
        from .partitions import fact_rows

        for kind, month, row in fact_rows(doc, facts):
            self.sink.write(kind, month, row)
        self.report.parquet_rows = self.sink.rows


class _ParquetSink:
    """The Parquet writer, or None; closed (its last rows flushed) however the run ends."""

    def __init__(self, parquet_dir, report: BatchReport):
        self.parquet_dir, self.report = parquet_dir, report
        self.writer = None

    def __enter__(self):
        if self.parquet_dir is not None:
            from .partitions import PartitionedWriter

            self.writer = PartitionedWriter(self.parquet_dir)
        return self.writer

    def __exit__(self, *exc):
        if self.writer is not None:
            self.writer.close()
            self.report.parquet_files, self.report.parquet_rows = self.writer.files, self.writer.rows


# -- engines: submit(documents) -> handle; result(handle) -> per document, its facts or an error message -------


def extract_batch(docs: list[Document]) -> list[list[Fact] | str]:
    """One batch in a worker. A document that breaks the extractor fails alone, not its whole batch."""
    out: list[list[Fact] | str] = []
    for doc in docs:
        try:
            out.append(jobs.extract_facts(doc))
        except Exception as exc:  # noqa: BLE001  (reported for that document; the batch goes on)
            out.append(f"extraction failed: {type(exc).__name__}: {exc}")
    return out


def _engine(name: str, workers: int, ray_address: str | None):
    return RayEngine(workers, ray_address) if name == "ray" else LocalEngine(workers)


class LocalEngine:
    """A pool of processes on this machine, each loading the pipeline once."""

    def __init__(self, workers: int):
        # fork is fastest (a loaded pipeline is inherited), but forking a process that runs Ray's threads
        # is unsafe; then the workers come from a clean server process instead.
        method = "forkserver" if _ray_running() else "fork"
        self.pool = multiprocessing.get_context(method).Pool(workers, initializer=jobs._worker_init)

    def submit(self, docs: list[Document]):
        return self.pool.apply_async(extract_batch, (docs,))

    def result(self, handle) -> list[list[Fact] | str]:
        return handle.get()

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _ray_running() -> bool:
    ray = sys.modules.get("ray")
    return bool(ray is not None and ray.is_initialized())


class ExtractActor:
    """A Ray actor: one process, the pipeline loaded once, one batch at a time."""

    def __init__(self):
        jobs.load_pipeline()

    def extract(self, docs: list[Document]) -> list[list[Fact] | str]:
        return extract_batch(docs)


class RayEngine:
    """A pool of ExtractActors. Each batch goes to the actor with the fewest batches queued, so a slow batch
    does not hold up the rest."""

    def __init__(self, workers: int, address: str | None = None):
        import ray

        self.ray = ray
        self.started = connect_ray(workers, address)
        actor = ray.remote(num_cpus=1, max_concurrency=1, max_restarts=1, max_task_retries=1)(ExtractActor)
        self.actors = [actor.remote() for _ in range(workers)]
        self.queued = [0] * workers

    def submit(self, docs: list[Document]):
        i = min(range(len(self.actors)), key=self.queued.__getitem__)
        self.queued[i] += 1
        return i, self.actors[i].extract.remote(docs)

    def result(self, handle) -> list[list[Fact] | str]:
        i, ref = handle
        try:
            return self.ray.get(ref)
        finally:
            self.queued[i] -= 1

    def close(self) -> None:
        # Dropping the handles ends the actors (they are not detached), without the retries an explicit
        # ray.kill would announce for batches still queued after Ctrl-C.
        self.actors.clear()
        if self.started:
            self.ray.shutdown()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def connect_ray(workers: int, address: str | None = None) -> bool:
    """Join the running Ray instance, the cluster at `address` (or RAY_ADDRESS), or start a private local one.
    Returns whether this call started Ray (and so should shut it down)."""
    import ray

    if ray.is_initialized():
        return False
    # Ray would otherwise report usage statistics over the network.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    address = address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, log_to_driver=False, ignore_reinit_error=True, logging_level=logging.ERROR)
    else:
        # "local" starts a new instance instead of joining whatever cluster this machine ran last.
        ray.init(address="local", num_cpus=workers, include_dashboard=False, log_to_driver=False,
                 ignore_reinit_error=True, logging_level=logging.ERROR, _node_ip_address="127.0.0.1")
    return True
