"""Workspace tables. Changes go through an Alembic migration in migrations/versions/."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """One version of one document. A changed file at a known path is a new row whose previous_id points
    at the version it replaces; old versions are kept, and the current one is the row nobody points at."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text, index=True)
    format: Mapped[str] = mapped_column(String(8))
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list] = mapped_column(JSON, default=list)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    encoding: Mapped[str] = mapped_column(String(32))
    notes: Mapped[list] = mapped_column(JSON, default=list)
    pages: Mapped[list] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text)
    chars: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # unique: a version has at most one successor, even when two processes store a changed file at once
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True, unique=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    extractor: Mapped[str | None] = mapped_column(String(32))  # engine version of the stored facts


class FactRow(Base):
    """One extracted fact of one document, with the span of that document's text that states it."""

    __tablename__ = "facts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # hash of document, kind and content
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    data: Mapped[dict] = mapped_column(JSON)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    extractor: Mapped[str] = mapped_column(String(32))


class ForecastStatusRow(Base):
    """An analyst's verdict on a forecast. Kept apart from the extracted facts, and keyed on the forecast's
    cross-document cluster id rather than a fact id, so it survives re-extraction and new reports."""

    __tablename__ = "forecast_status"

    cluster_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


# The full-text index (migration 0004) is dialect-specific SQL, not a model: an FTS5 table and its shadow
# tables on SQLite, a generated tsvector column and its GIN index on PostgreSQL.
SEARCH_OBJECTS = {"search", "ix_documents_search"}


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """For Alembic's autogenerate and compare_metadata: leave the full-text index out of the comparison."""
    return not (name and (name in SEARCH_OBJECTS or name.startswith("documents_fts")))
