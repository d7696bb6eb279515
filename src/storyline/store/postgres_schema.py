"""Bringing a PostgreSQL store to the latest schema of `migrations`.

The tables and columns are SQLite's, so one set of row conversions (`rows`, `codec`) serves
both backends; dates stay ISO text so that a round trip is exact. The version lives in a
one-row table, since PostgreSQL has no `user_version`.
"""

from __future__ import annotations

import contextlib
from typing import Any

from storyline.store import migrations
from storyline.store.dialect import POSTGRES, Session

VERSION_TABLE = "storyline_schema_version"
# Any constant will do: it only has to be the same in every storyline process.
_MIGRATION_LOCK = 0x5709_1E5C


def schema_version(conn: Any) -> int:
    """The number of migrations applied (0 for an empty database)."""
    exists = conn.execute("SELECT to_regclass(%s)", (VERSION_TABLE,)).fetchone()[0]
    if exists is None:
        return 0
    row = conn.execute(f"SELECT version FROM {VERSION_TABLE}").fetchone()
    return int(row[0]) if row is not None else 0


def migrate(conn: Any) -> int:
    """Apply the migrations this database lacks, each in its own transaction.

    `conn` is a psycopg connection in autocommit mode. DDL is transactional in PostgreSQL,
    so a failing migration leaves nothing behind. A session advisory lock, taken before any
    migration transaction begins, makes processes that open a new database at once apply
    each migration exactly once: taken inside the transaction instead, the waiting process
    would keep the catalog view it had before the lock and miss the tables just created.
    """
    steps = migrations.MIGRATIONS
    migrations.refuse_newer(_read_version(conn), len(steps))
    conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
    try:
        for target, step in enumerate(steps, start=1):
            with conn.transaction():
                current = schema_version(conn)
                migrations.refuse_newer(current, len(steps))
                if current >= target:
                    continue
                step.apply(Session(conn, POSTGRES))
                conn.execute(
                    f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)"
                )
                conn.execute(f"DELETE FROM {VERSION_TABLE}")
                conn.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES (%s)", (target,))
    finally:
        # A lost connection has released the lock already; its error is the one to report.
        with contextlib.suppress(Exception):
            conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
    return _read_version(conn)


def _read_version(conn: Any) -> int:
    with conn.transaction():
        return schema_version(conn)
