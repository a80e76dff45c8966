"""The databases the storage tests run on: a SQLite file, and a PostgreSQL server started for the session.

Use the `db_url` fixture: it runs a test once per backend and yields a SQLAlchemy URL to an empty
workspace. The PostgreSQL server lives in a temporary data directory (initdb + pg_ctl from Debian's
`postgresql` package, which `make install` installs); every test gets a database of its own, dropped
afterwards. Without those binaries the postgresql case fails, saying so: CI has them, and a skip there
would hide a backend that no longer works.
"""
from __future__ import annotations

import atexit
import glob
import itertools
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

BACKENDS = ["sqlite", "postgresql"]
PREFIX = "bilat-pg-"


def _pg_bin() -> Path | None:
    override = os.environ.get("BILAT_PG_BIN")
    if override:
        return Path(override)
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not found:
        return None
    newest = max(found, key=lambda p: [int(n) for n in re.findall(r"\d+", p.split("/")[4])] or [0])
    return Path(newest).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        # Not under pytest's tmp_path: its folders are 0700 root, and the server runs as `postgres`.
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.root / "owner.pid").write_text(str(os.getpid()))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self.running = False
        self._names = itertools.count(1)
        self._as = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        os.chmod(self.root, 0o755)

    def _run(self, *args: str, timeout: float = 120) -> None:
        result = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}{log}")

    def start(self) -> None:
        # fsync and friends off: the data directory is thrown away, and durability costs most of the time.
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions")
        for attempt in range(5):  # the free port may be taken between finding and binding it
            self.port = _free_port()
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300")
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                          "-o", options, "-w", "-t", "60", "start")
                self.running = True
                return
            except RuntimeError:
                if attempt == 4:
                    raise

    def stop(self) -> None:
        if self.running:
            self.running = False
            subprocess.run([*self._as, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                            "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self) -> str:
        name = f"bilat_test_{os.getpid()}_{next(self._names)}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop_database(self, name: str) -> None:
        # FORCE: a test may leave pooled connections open in engines nobody has disposed of yet.
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _reap_orphans(bindir: Path) -> None:
    """Stop servers left by test sessions that were killed (SIGKILL skips teardown and atexit alike)."""
    for root in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((root / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        try:
            os.kill(owner, 0)
            continue  # its session is still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        if (root / "data" / "postmaster.pid").exists():
            subprocess.run([*(["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []),
                            str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "-w", "stop"],
                           capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    bindir = _pg_bin()
    if bindir is None or not (bindir / "initdb").exists() or not (bindir / "pg_ctl").exists():
        pytest.fail("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (or $BILAT_PG_BIN): "
                    "install Debian's `postgresql` package (`make install` does)", pytrace=False)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.fail("psycopg is not installed: `pip install -e '.[postgres]'` (`make install` does)", pytrace=False)
    _reap_orphans(bindir)
    server = PostgresServer(bindir)
    atexit.register(server.stop)  # also when the session dies before the fixture's teardown
    started = time.monotonic()
    try:
        server.start()
    except Exception:
        server.stop()
        raise
    server.startup_seconds = time.monotonic() - started
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty PostgreSQL database for one test."""
    name = postgres_server.create_database()
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """An empty workspace's SQLAlchemy URL, once per backend (the server starts only if a test asks)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'work.db'}"
    else:
        yield request.getfixturevalue("postgres_url")
