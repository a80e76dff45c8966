from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bilat.store import Workspace
from bilat.store.schema import Base


def test_migrations_build_exactly_the_models(tmp_path):
    ws = Workspace(str(tmp_path / "m.db"))
    with ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert set(inspect(ws.engine).get_table_names()) == {"alembic_version", "documents", "facts", "forecast_status"}


def test_reopening_a_workspace_keeps_its_rows(tmp_path, fixtures):
    from bilat.ingest import read_document

    db = str(tmp_path / "m.db")
    Workspace(db).add(read_document(fixtures / "lavrov-beijing-2024.html"))
    assert Workspace(db).count() == 1
