"""What differs between the backends, and the URLs that choose them."""
import pytest

from bilat.errors import BilatError
from bilat.model import Document
from bilat.store import Workspace, database_url


def test_database_url():
    assert database_url("work.db") == "sqlite:///work.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_a_nul_character_is_refused_clearly_on_postgresql(db_url, tmp_path):
    ws = Workspace(db_url)
    doc = Document(text="Talks in Minsk.\x00", path=str(tmp_path / "nul.txt"), format="txt")
    if ws.engine.dialect.name == "postgresql":
        with pytest.raises(BilatError, match="NUL characters"):
            ws.add(doc)
        assert ws.count() == 0
    else:
        assert ws.add(doc).status == "added"


def test_an_unreachable_server_is_one_line(postgres_server):
    url = f"postgresql+psycopg://postgres@127.0.0.1:{postgres_server.port}/no_such_database"
    with pytest.raises(BilatError, match="cannot open workspace .*no_such_database"):
        Workspace(url)


def test_a_password_in_the_url_stays_out_of_errors(postgres_server):
    url = f"postgresql://postgres:s3cret@127.0.0.1:{postgres_server.port}/no_such_database"
    with pytest.raises(BilatError) as raised:
        Workspace(url)
    assert "s3cret" not in str(raised.value) and "***" in str(raised.value)
