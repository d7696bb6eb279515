"""Looking at a store's tables directly, past the Store API, on either backend."""

from __future__ import annotations

import sqlite3
from typing import Any


def is_postgres(location: str) -> bool:
    return location.startswith("postgresql://")


def query(location: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of one statement (written with `?` placeholders), in a connection of its own."""
    if is_postgres(location):
        import psycopg  # only PostgreSQL stores need it

        with psycopg.connect(location, autocommit=True) as server:
            cursor = server.execute(sql.replace("?", "%s"), params)
            return [tuple(row) for row in cursor.fetchall()] if cursor.description else []
    conn = sqlite3.connect(location, isolation_level=None)
    try:
        return [tuple(row) for row in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()
