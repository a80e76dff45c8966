"""full-text search over documents; one successor per document version

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

SQLite: an FTS5 table over documents(title, text), an external-content index that triggers keep in
step with the documents table. PostgreSQL: a generated tsvector column with a GIN index. Neither is in
the models (schema.include_name hides them from autogenerate).

On SQLite, a later batch_alter_table on documents copies the table and drops the old one, and the
triggers with it: such a migration must run SQLITE_TRIGGERS again and rebuild the index.

previous_id becomes unique: two processes storing different new texts of one path at once would
otherwise both chain onto the same version, and the path would have two current versions.
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# porter: "signed" finds "signing", as the english configuration does on PostgreSQL.
SQLITE_TABLE = ("CREATE VIRTUAL TABLE documents_fts USING fts5("
                "title, text, content='documents', content_rowid='id', tokenize='porter unicode61')")
SQLITE_TRIGGERS = [
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    # an external-content FTS5 table forgets a row only when told the exact values it indexed
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
]
POSTGRES_COLUMN = ("ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED")


def upgrade() -> None:
    op.drop_index("ix_documents_previous_id", table_name="documents")
    op.create_index("ix_documents_previous_id", "documents", ["previous_id"], unique=True)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(SQLITE_TABLE)
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute(POSTGRES_COLUMN)
        op.execute("CREATE INDEX ix_documents_search ON documents USING gin (search)")
    # other databases get no search index, and Workspace.search says it cannot search them


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_search")
        op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS search")
    op.drop_index("ix_documents_previous_id", table_name="documents")
    op.create_index("ix_documents_previous_id", "documents", ["previous_id"])
