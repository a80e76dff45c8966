"""Facts as a Hive-partitioned Parquet dataset, written as they stream in:

    ROOT/kind=events/month=2024-05/part-<run>-00000.parquet

One folder per kind (the kinds have different columns) and per month of the fact's date (an event's date, an
agreement's signing, else the document's publication date, else `month=unknown`). The columns are those of
`bilat export --format parquet` (export.columns), so both read the same way.

Memory is bounded whatever the corpus size: rows wait in a per-partition buffer of at most one row group, the
buffers together hold at most `max_buffered` rows, at most `max_open` files are open at once, and a file is
closed (and a new part begun) once it holds `file_rows` rows.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .export import PAGE_SIZE, StoredFact, fact_date, flat_row, parquet_schema
from .model import Document, Fact

UNKNOWN = "unknown"
_MONTH = re.compile(r"\d{4}-\d{2}")


def month_of(kind: str, data: dict, published: str | None) -> str:
    when = fact_date(kind, data, published)
    return when[:7] if when and _MONTH.match(when) else UNKNOWN


def fact_rows(doc: Document, facts: list[Fact]) -> Iterator[tuple[str, str, dict]]:
    """(kind, month, flat row) for each fact, the row exactly as `bilat export` would give it once stored."""
    path = str(Path(doc.path).resolve())  # the workspace stores resolved paths
    now = dt.datetime.now(dt.timezone.utc)
    for fact in facts:
        ev, data = fact.evidence, fact.to_json()
        stored = StoredFact(fact.fact_id(doc.id), fact.kind, data, ev.start, ev.end, ev.text, doc.page_at(ev.start),
                            doc.id, doc.title, path, doc.published, doc.url, now)
        yield fact.kind, month_of(fact.kind, data, doc.published), flat_row(stored)


@dataclass
class _Part:
    writer: object
    tmp: Path
    final: Path
    rows: int = 0


class PartitionedWriter:
    def __init__(self, root: str | Path, row_group: int = PAGE_SIZE, file_rows: int = 100_000,
                 max_open: int = 16, max_buffered: int = 20_000):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        # A run token in every file name: a second run into the same folder adds parts, never overwrites.
        self.run = uuid.uuid4().hex[:8]
        self.row_group, self.file_rows = row_group, file_rows
        self.max_open, self.max_buffered = max_open, max_buffered
        self.buffers: dict[tuple[str, str], list[dict]] = {}
        self.buffered = 0
        self.open: OrderedDict[tuple[str, str], _Part] = OrderedDict()
        self.sequence = 0
        self.files = 0
        self.rows = 0

    def write(self, kind: str, month: str, row: dict) -> None:
        key = (kind, month)
        buffer = self.buffers.setdefault(key, [])
        buffer.append(row)
        self.buffered += 1
        self.rows += 1
        if len(buffer) >= self.row_group:
            self._flush(key)
        elif self.buffered > self.max_buffered:
            self._flush(max(self.buffers, key=lambda k: len(self.buffers[k])))

    def close(self) -> None:
        for key in list(self.buffers):
            self._flush(key)
        for key in list(self.open):
            self._finish(key)

    def __enter__(self) -> "PartitionedWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _flush(self, key: tuple[str, str]) -> None:
        import pyarrow as pa

        rows = self.buffers.pop(key, [])
        if not rows:
            return
        self.buffered -= len(rows)
        part = self._part(key)
        part.writer.write_table(pa.Table.from_pylist(rows, schema=parquet_schema(key[0])))
        part.rows += len(rows)
        if part.rows >= self.file_rows:
            self._finish(key)

    def _part(self, key: tuple[str, str]) -> _Part:
        import pyarrow.parquet as pq

        if key in self.open:
            self.open.move_to_end(key)
            return self.open[key]
        if len(self.open) >= self.max_open:
            self._finish(next(iter(self.open)))
        kind, month = key
        folder = self.root / f"kind={kind}" / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"part-{self.run}-{self.sequence:05d}.parquet"
        self.sequence += 1
        # Written under a dot name (which pyarrow and DuckDB globs skip) and renamed when complete, so a
        # reader never sees a half-written file.
        part = _Part(pq.ParquetWriter(folder / f".{name}.tmp", parquet_schema(kind)), folder / f".{name}.tmp",
                     folder / name)
        self.open[key] = part
        return part

    def _finish(self, key: tuple[str, str]) -> None:
        part = self.open.pop(key)
        part.writer.close()
        os.replace(part.tmp, part.final)
        self.files += 1
