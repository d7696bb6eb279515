"""Bringing a SQLite store to the latest schema of `migrations`.

The schema version is `PRAGMA user_version`: the number of migrations applied.
"""

from __future__ import annotations

import sqlite3

from storyline.store import migrations
from storyline.store.base import StoreError
from storyline.store.dialect import SQLITE, Session


def schema_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this database lacks, each in its own transaction.

    `conn` must be in autocommit mode (`isolation_level=None`). Safe when several processes
    open a new database at once: the version is re-read under the write lock, so a migration
    another process has just applied is skipped. Returns the resulting version.
    """
    steps = migrations.MIGRATIONS
    migrations.refuse_newer(schema_version(conn), len(steps))
    if schema_version(conn) >= len(steps):
        return schema_version(conn)
    # Off while migrating, as SQLite's way to change a table (build a new one, drop the
    # old, rename) needs; it can only be switched outside a transaction.
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for target, step in enumerate(steps, start=1):
            if schema_version(conn) < target:
                _apply(conn, step, target, len(steps))
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(enforced):d}")
    return schema_version(conn)


def _apply(conn: sqlite3.Connection, step: migrations.Migration, target: int, latest: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(conn)
        migrations.refuse_newer(current, latest)
        if current < target:
            step.apply(Session(conn, SQLITE))
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(f"migration {target} left dangling references: {broken[:5]}")
            # PRAGMA takes no parameters; target is an int we computed.
            conn.execute(f"PRAGMA user_version = {target:d}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
