"""documents and facts

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("published", sa.String(10)),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("encoding", sa.String(32), nullable=False),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("pages", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("previous_id", sa.Integer, sa.ForeignKey("documents.id")),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_path", "documents", ["path"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_previous_id", "documents", ["previous_id"])
    op.create_table(
        "facts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("extractor", sa.String(32), nullable=False),
    )
    op.create_index("ix_facts_document_id", "facts", ["document_id"])
    op.create_index("ix_facts_kind", "facts", ["kind"])


def downgrade() -> None:
    op.drop_table("facts")
    op.drop_table("documents")
