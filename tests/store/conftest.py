"""Store fixtures: every test that takes `location` or `store` runs on SQLite and on a real
PostgreSQL server that the session starts (and skips, saying why, only when the PostgreSQL
binaries are not installed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.store import Store, open_store

from .postgres_server import PostgresServer, find_bindir, running_server

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb nor initdb on"
            " PATH): `make postgres` installs it"
        )
    with running_server(bindir) as server:
        yield server


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "storyline.db"


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Where a fresh store lives: a SQLite file path, or a new PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(db_path)
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    with open_store(location) as opened:
        yield opened
