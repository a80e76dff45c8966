"""The workspace: documents and their facts in any SQLAlchemy database (SQLite file by default).

Every document is stored in its own transaction, so an interrupted batch leaves whole documents or
nothing, and running it again adds only what is missing.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

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
        # psycopg 3 is the driver the `postgres` extra installs; SQLAlchemy's default would be psycopg2
        for plain in ("postgresql://", "postgres://"):
            if db.startswith(plain):
                return "postgresql+psycopg://" + db[len(plain):]
        return db
    return f"sqlite:///{Path(db).expanduser()}"


@dataclass(frozen=True)
class Outcome:
    """What storing one document did: 'added', 'updated' (a new version of a known path) or 'unchanged'."""

    status: str
    document_id: str
    version: int
    path: str


@dataclass(frozen=True)
class DocumentSummary:
    id: str  # the content hash, as `bilat docs` shows it
    title: str | None
    path: str
    published: str | None
    source: str | None
    format: str
    version: int
    chars: int


@dataclass(frozen=True)
class Snippet:
    """A passage of a found document as plain text, with the spans that matched the query as offsets
    into it (not markup: the text is the document's and may hold anything, '<mark>' included)."""

    text: str
    marks: tuple[tuple[int, int], ...]

    def html(self) -> str:
        """The passage HTML-escaped, with <mark> around each match."""
        out, at = [], 0
        for start, end in self.marks:
            out += [html.escape(self.text[at:start]), "<mark>", html.escape(self.text[start:end]), "</mark>"]
            at = end
        out.append(html.escape(self.text[at:]))
        return "".join(out)


class SearchHit(NamedTuple):
    document: DocumentSummary
    snippet: Snippet


class Workspace:
    def __init__(self, db: str | None = None):
        url = database_url(db)
        try:
            self.engine: Engine = create_engine(url)
        except (ArgumentError, ImportError) as exc:
            raise BilatError(f"cannot open workspace {_shown(db, url)!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            path = make_url(url).database
            if path and path != ":memory:" and not Path(path).parent.exists():
                raise BilatError(f"cannot open workspace {path}: folder {Path(path).parent} does not exist")
        try:
            migrate(self.engine)
        except OperationalError as exc:
            raise BilatError(f"cannot open workspace {_shown(db, url)}: {exc.orig}") from None

    # -- writing ---------------------------------------------------------------------------------

    def add(self, doc: Document, facts: list | None = None, extractor: str = "") -> Outcome:
        """Store a document (and its facts) unless the same text is already here.

        Safe against other processes storing into the same workspace: an insert that loses a race on the
        content hash (same text) or on previous_id (another new version of the same path) is rolled back
        and tried again against what the winner stored, so the text ends up once and versions stay a chain.
        """
        path = str(Path(doc.path).resolve())
        if "\x00" in doc.text and self.engine.dialect.name == "postgresql":
            raise BilatError(f"{path}: the text has NUL characters, which PostgreSQL cannot store")
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
                    if not self._lost_race(session, doc.id, path, prior.id if prior else None):
                        raise
                    continue
                return Outcome("updated" if prior else "added", doc.id, row.version, path)
        raise BilatError(f"{path}: lost {_RACE_RETRIES} races in a row to store it; run the ingest again")

    @staticmethod
    def _lost_race(session: Session, content_hash: str, path: str, prior_id: int | None) -> bool:
        """Whether another writer has since stored this text or a newer version of this path, which is
        what a failed insert means unless it is a bug."""
        if session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == content_hash)) is not None:
            return True
        return session.scalar(select(DocumentRow.id).where(DocumentRow.path == path)
                              .order_by(DocumentRow.version.desc()).limit(1)) != prior_id

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

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Current document versions whose title or text has every word of the query, best first.

        The query is words only: punctuation, quotes and operators are dropped, so no input makes the
        database complain, and a query without a word finds nothing. Words are stemmed (English) on both
        backends; PostgreSQL also drops English stop words ("the", "of"), SQLite keeps them.
        """
        words = _WORD.findall(query)[:_MAX_WORDS]
        if not words or limit <= 0:
            return []
        dialect = self.engine.dialect.name
        with Session(self.engine) as session:
            if dialect == "sqlite":
                # each word a quoted FTS5 string: AND, OR, NOT, NEAR and * are then plain words
                found = session.execute(_SQLITE_SEARCH, {
                    "q": " ".join(f'"{w}"' for w in words), "limit": limit, "start": _MARK_START,
                    "end": _MARK_END}).all()
            elif dialect == "postgresql":
                found = session.execute(_POSTGRES_SEARCH, {
                    "q": " ".join(words), "limit": limit,
                    "options": f'StartSel="{_MARK_START}", StopSel="{_MARK_END}", MaxWords=35, MinWords=15',
                }).all()
            else:
                raise BilatError(f"full-text search needs SQLite or PostgreSQL, not {dialect}")
            if not found:
                return []
            rows = {r.id: r for r in session.execute(
                select(DocumentRow.id, DocumentRow.content_hash, DocumentRow.title, DocumentRow.path,
                       DocumentRow.published, DocumentRow.source, DocumentRow.format, DocumentRow.version,
                       DocumentRow.chars).where(DocumentRow.id.in_([row_id for row_id, _ in found])))}
        return [SearchHit(DocumentSummary(r.content_hash, r.title, r.path, r.published, r.source, r.format,
                                          r.version, r.chars), _snippet(marked))
                for row_id, marked in found for r in [rows[row_id]]]

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


def _shown(db: str | None, url: str) -> str:
    """The workspace as the user gave it, minus any password in a URL (error messages end up in logs)."""
    if db and "://" not in db:
        return db
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


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


# Private-use characters mark the matches in what the database returns; they are split out again into
# offsets, so no markup ever travels with a document's own text.
_MARK_START, _MARK_END = "\ue000", "\ue001"
_WORD = re.compile(r"\w+")
_MAX_WORDS = 32

_CURRENT = "NOT EXISTS (SELECT 1 FROM documents AS newer WHERE newer.previous_id = d.id)"
# bm25 weights: a word in the title counts five times one in the text
_SQLITE_SEARCH = text(f"""
    SELECT d.id, snippet(documents_fts, -1, :start, :end, '…', 24)
    FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid
    WHERE documents_fts MATCH :q AND {_CURRENT}
    ORDER BY bm25(documents_fts, 5.0, 1.0), d.id
    LIMIT :limit
""")
# The headline (slow: it re-parses the text) only for the rows that make the cut.
_POSTGRES_SEARCH = text(f"""
    WITH q AS (SELECT plainto_tsquery('english', :q) AS query),
    hits AS (
        SELECT d.id, ts_rank_cd(d.search, q.query) AS rank
        FROM documents AS d, q
        WHERE d.search @@ q.query AND {_CURRENT}
        ORDER BY rank DESC, d.id
        LIMIT :limit
    )
    SELECT d.id, ts_headline('english', coalesce(d.title, '') || ' ' || d.text, q.query, :options)
    FROM hits JOIN documents AS d ON d.id = hits.id, q
    ORDER BY hits.rank DESC, d.id
""")


def _snippet(marked: str) -> Snippet:
    marked = marked.strip()
    parts, marks, at, start = [], [], 0, None
    for piece in re.split(f"([{_MARK_START}{_MARK_END}])", marked):
        if piece == _MARK_START:
            start = at
        elif piece == _MARK_END:
            if start is not None and at > start:
                marks.append((start, at))
            start = None
        else:
            parts.append(piece)
            at += len(piece)
    return Snippet("".join(parts), tuple(marks))
