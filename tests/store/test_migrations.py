from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bilat.store import Workspace
from bilat.store.schema import Base, include_name

TABLES = {"alembic_version", "documents", "facts", "forecast_status"}
# FTS5's table and the shadow tables it keeps its index in
SQLITE_SEARCH_TABLES = {"documents_fts", "documents_fts_config", "documents_fts_data", "documents_fts_docsize",
                        "documents_fts_idx"}


def test_migrations_build_exactly_the_models(db_url):
    ws = Workspace(db_url)
    with ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}),
                                Base.metadata)
    assert diff == []
    search_tables = SQLITE_SEARCH_TABLES if ws.engine.dialect.name == "sqlite" else set()
    assert set(inspect(ws.engine).get_table_names()) == TABLES | search_tables


def test_the_search_index_is_there_but_outside_the_models(db_url):
    ws = Workspace(db_url)
    inspector = inspect(ws.engine)
    if ws.engine.dialect.name == "postgresql":
        assert "search" in {c["name"] for c in inspector.get_columns("documents")}
        indexes = {i["name"]: i for i in inspector.get_indexes("documents")}
        assert "ix_documents_search" in indexes
        with ws.engine.connect() as conn:
            (method,), = conn.exec_driver_sql(
                "select am.amname from pg_class c join pg_am am on am.oid = c.relam "
                "where c.relname = 'ix_documents_search'").all()
        assert method == "gin"
    else:
        with ws.engine.connect() as conn:
            triggers = conn.exec_driver_sql("select name from sqlite_master where type = 'trigger' order by name")
            assert [t for t, in triggers] == ["documents_fts_delete", "documents_fts_insert", "documents_fts_update"]


def test_reopening_a_workspace_keeps_its_rows(db_url, fixtures):
    from bilat.ingest import read_document

    Workspace(db_url).add(read_document(fixtures / "lavrov-beijing-2024.html"))
    assert Workspace(db_url).count() == 1


def test_an_old_workspace_is_upgraded_and_its_documents_indexed(db_url, fixtures):
    """A workspace made before full-text search (revision 0003) gets it, over the documents it has."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from bilat.ingest import read_document
    from bilat.store.workspace import MIGRATIONS

    engine = create_engine(db_url)
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    engine.dispose()
    # stored the way the 0003 code did, before the search index existed
    ws = Workspace.__new__(Workspace)
    ws.engine = create_engine(db_url)
    ws.add(read_document(fixtures / "lavrov-beijing-2024.html"))
    ws.engine.dispose()
    hits = Workspace(db_url).search("Lavrov")
    assert [h.document.title for h in hits] == ["Wang Yi and Sergei Lavrov hold talks in Beijing"]
