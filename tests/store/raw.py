"""Looking at a store's tables directly, past the Store API, on either backend."""

from __future__ import annotations

import sqlite3
from typing import Any

from storyline.store import postgres_schema


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


def table_names(location: str) -> set[str]:
    if is_postgres(location):
        rows = query(location, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    else:
        rows = query(location, "SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}


def schema_version(location: str) -> int:
    """The schema version the store records: a table of its own on PostgreSQL, SQLite's
    `user_version` header field."""
    if is_postgres(location):
        [(version,)] = query(location, f"SELECT version FROM {postgres_schema.VERSION_TABLE}")
    else:
        [(version,)] = query(location, "PRAGMA user_version")
    return int(version)


def set_schema_version(location: str, version: int) -> None:
    if is_postgres(location):
        query(location, f"UPDATE {postgres_schema.VERSION_TABLE} SET version = ?", (version,))
    else:
        query(location, f"PRAGMA user_version = {version:d}")
