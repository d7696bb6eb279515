"""Choosing a store backend from a location: a file path for SQLite, a URL for a server."""

from __future__ import annotations

import os

from storyline.store.base import Store, StoreError
from storyline.store.locations import redacted
from storyline.store.sqlite import SqliteStore

_POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def open_store(location: str | os.PathLike[str]) -> Store:
    """Open the store at `location`, creating it on first use.

    A file path (parent directories are created) or `":memory:"` opens SQLite. A
    `postgresql://` URL opens the PostgreSQL backend (the database must exist; its tables
    are created); it needs the `postgres` extra.
    """
    text = os.fspath(location)
    if text.lower().startswith(_POSTGRES_SCHEMES):
        # Imported here: psycopg is an optional dependency.
        from storyline.store.postgres import PostgresStore

        return PostgresStore(text)
    if "://" in text:
        raise StoreError(f"unsupported store location {redacted(text)!r}: give a file path")
    return SqliteStore(text)
