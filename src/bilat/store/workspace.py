"""The workspace: documents and their facts in any SQLAlchemy database (SQLite file by default).

Every document is stored in its own transaction, so an interrupted batch leaves whole documents or
nothing, and running it again adds only what is missing.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, delete, event, exists, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, aliased

from ..errors import BilatError
from ..model import Document, Page
from .schema import DocumentRow, FactRow

DEFAULT_DB = "bilat.db"
MIGRATIONS = Path(__file__).parent / "migrations"
_RACE_RETRIES = 5
_MIGRATION_LOCK = 0x62696C6174  # any constant; "bilat" in ASCII


def database_url(db: str | None) -> str:
    """--db or BILAT_DB: a SQLAlchemy URL, or a plain file path meaning a SQLite file."""
    db = db or os.environ.get("BILAT_DB") or DEFAULT_DB
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


@dataclass(frozen=True)
class Outcome:
    """What storing one document did: 'added', 'updated' (a new version of a known path) or 'unchanged'."""

    status: str
    document_id: str
    version: int
    path: str


class Workspace:
    def __init__(self, db: str | None = None):
        url = database_url(db)
        try:
            self.engine: Engine = create_engine(url)
        except (ArgumentError, ImportError) as exc:
            raise BilatError(f"cannot open workspace {db!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            path = make_url(url).database
            if path and path != ":memory:" and not Path(path).parent.exists():
                raise BilatError(f"cannot open workspace {path}: folder {Path(path).parent} does not exist")
        try:
            migrate(self.engine)
        except OperationalError as exc:
            raise BilatError(f"cannot open workspace {db or url}: {exc.orig}") from None

    # -- writing ---------------------------------------------------------------------------------

    def add(self, doc: Document, facts: list | None = None, extractor: str = "") -> Outcome:
        """Store a document (and its facts) unless the same text is already here.

        Safe against other processes storing into the same workspace: an insert that loses a race on the
        content hash (same text) or on previous_id (another new version of the same path) is rolled back
        and tried again against what the winner stored, so the text ends up once and versions stay a chain.
        """
        path = str(Path(doc.path).resolve())
        for _ in range(_RACE_RETRIES):
            with Session(self.engine) as session:
                same = session.scalar(select(DocumentRow).where(DocumentRow.content_hash == doc.id))
                if same is not None:
                    return Outcome("unchanged", doc.id, same.version, same.path)
                newer = aliased(DocumentRow)
                prior = session.scalar(
                    select(DocumentRow).where(DocumentRow.path == path)
                    .where(~exists().where(newer.previous_id == DocumentRow.id))
                    .order_by(DocumentRow.version.desc()).limit(1)
                )
                row = DocumentRow(
                    content_hash=doc.id, path=path, format=doc.format, title=doc.title, authors=doc.authors,
                    published=doc.published, source=doc.source, url=doc.url, language=doc.language,
                    encoding=doc.encoding, notes=doc.notes, text=doc.text, chars=len(doc.text),
                    pages=[[p.number, p.start, p.end] for p in doc.pages],
                    version=prior.version + 1 if prior else 1, previous_id=prior.id if prior else None,
                    ingested_at=dt.datetime.now(dt.timezone.utc), extractor=extractor or None,
                )
                session.add(row)
                try:
                    session.flush()
                    _insert_facts(session, row.id, doc, facts or [], extractor)
                    session.commit()
                except IntegrityError:
                    session.rollback()
                    continue
                return Outcome("updated" if prior else "added", doc.id, row.version, path)
        raise BilatError(f"{path}: lost {_RACE_RETRIES} races in a row to store it; run the ingest again")

    def replace_facts(self, document_id: str, facts: list, extractor: str) -> int:
        """Swap a stored document's facts for a new extraction in one transaction: readers see the old
        facts or the new ones, never a mix or none."""
        with Session(self.engine) as session, session.begin():
            row = self._row(session, document_id)
            session.execute(delete(FactRow).where(FactRow.document_id == row.id))
            # Another process re-extracting the same document may have inserted these very facts after
            # our delete looked; theirs are identical (the id hashes the content), so ours are skipped.
            _insert_facts(session, row.id, _as_document(row), facts, extractor)
            row.extractor = extractor
            return len(facts)

    def extractor_of(self, content_hash: str) -> str | None | bool:
        """The engine version behind a stored document's facts; False when the text is not stored."""
        with Session(self.engine) as session:
            row = session.scalar(select(DocumentRow).where(DocumentRow.content_hash == content_hash))
            return False if row is None else row.extractor

    # -- reading ---------------------------------------------------------------------------------

    def documents(self, all_versions: bool = False) -> list[DocumentRow]:
        with Session(self.engine) as session:
            query = select(DocumentRow).order_by(DocumentRow.id)
            if not all_versions:
                newer = aliased(DocumentRow)
                query = query.where(~exists().where(newer.previous_id == DocumentRow.id))
            return list(session.scalars(query))

    def document(self, prefix: str) -> DocumentRow:
        """A document by its id or an unambiguous prefix of it (at least 4 characters), like git."""
        with Session(self.engine) as session:
            return self._row(session, prefix)

    def fact_counts(self) -> dict[int, int]:
        """Facts stored per document row id."""
        with Session(self.engine) as session:
            rows = session.execute(select(FactRow.document_id, func.count()).group_by(FactRow.document_id))
            return dict(rows.all())

    def count(self) -> int:
        with Session(self.engine) as session:
            return session.query(DocumentRow).count()

    def facts(self, document_id: str | None = None, kind: str | None = None) -> list[FactRow]:
        with Session(self.engine) as session:
            query = select(FactRow).order_by(FactRow.document_id, FactRow.evidence_start, FactRow.id)
            if document_id:
                query = query.where(FactRow.document_id == self._row(session, document_id).id)
            if kind:
                query = query.where(FactRow.kind == kind)
            return list(session.scalars(query))

    @staticmethod
    def _row(session: Session, prefix: str) -> DocumentRow:
        prefix = prefix.strip().lower()
        if len(prefix) < 4 or any(c not in "0123456789abcdef" for c in prefix):
            raise BilatError(f"{prefix!r} is not a document id (give at least 4 hex digits, as `bilat docs` shows)")
        rows = list(session.scalars(select(DocumentRow).where(DocumentRow.content_hash.startswith(prefix)).limit(2)))
        if not rows:
            raise BilatError(f"no document with id {prefix}")
        if len(rows) > 1:
            raise BilatError(f"id {prefix} is ambiguous: give more digits")
        return rows[0]


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema; a no-op (one query) when it is there already."""
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    with engine.begin() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Several `bilat ingest` processes may open a new workspace at once: one migrates, the others
            # wait here and then find it done. DDL is transactional there, so the lock covers all of it.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    # WAL keeps readers and one writer apart and survives a killed process; the timeout waits out
    # another process's write instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _insert_facts(session: Session, document_row_id: int, doc: Document, facts: list, extractor: str) -> None:
    rows = []
    for fact in facts:
        ev = fact.evidence
        if doc.text[ev.start:ev.end] != ev.text:
            raise ValueError(f"evidence does not match the text at {ev.start}:{ev.end}")
        rows.append(dict(
            id=fact.fact_id(doc.id), document_id=document_row_id, kind=fact.kind, data=fact.to_json(),
            evidence_start=ev.start, evidence_end=ev.end, evidence_text=ev.text,
            page=doc.page_at(ev.start), extractor=extractor,
        ))
    if rows:
        session.execute(_insert(session, FactRow).on_conflict_do_nothing(index_elements=["id"]), rows)


def _insert(session: Session, table):
    """INSERT with the dialect's ON CONFLICT clause available (SQLite and PostgreSQL both have one)."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise BilatError(f"the {name} dialect is not supported for workspaces (use SQLite or PostgreSQL)")


def _as_document(row: DocumentRow) -> Document:
    return Document(text=row.text, path=row.path, format=row.format,
                    pages=[Page(*p) for p in row.pages or []])
