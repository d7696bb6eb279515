"""The PostgreSQL schema as an ordered list of migrations, the twin of `schema` for SQLite.

The tables and columns are the same as SQLite's, so one set of row conversions (`rows`,
`codec`) serves both backends; dates stay ISO text so that a round trip is exact. Indexes
differ where PostgreSQL's B-tree entry limit would refuse long keys. The
version lives in a one-row table, since PostgreSQL has no `user_version`; a migration is
never edited once released, a change is a new script appended to `MIGRATIONS`.
"""

from __future__ import annotations

import contextlib
from typing import Any

from storyline.store.base import StoreError

_INITIAL_SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE,
    source_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    path TEXT,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,
    published_day TEXT,
    published_method TEXT,
    published_confidence DOUBLE PRECISION,
    language TEXT,
    given_story TEXT,
    text TEXT NOT NULL,
    sentences TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
-- On a digest of source_key: a B-tree entry holds at most 2704 bytes, and a URL or a file
-- path may be longer. Lookups name both, so the index finds the row and the text decides.
CREATE UNIQUE INDEX articles_identity ON articles (md5(source_key), content_hash);
CREATE INDEX articles_published_day ON articles (published_day);
-- A hash index has no length limit, and story keys are only ever compared for equality.
CREATE INDEX articles_given_story ON articles USING hash (given_story);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    key TEXT,
    first_published TEXT,
    last_published TEXT,
    size INTEGER NOT NULL,
    brief TEXT NOT NULL
);

CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id),
    duplicate_of TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, position)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE runs (
    id BIGSERIAL PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    report TEXT NOT NULL
)
"""

MIGRATIONS: tuple[str, ...] = (_INITIAL_SCHEMA,)
"""Migration N (1-based) brings the schema from version N-1 to version N."""

LATEST_VERSION = len(MIGRATIONS)

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
    _refuse_newer(_read_version(conn))
    conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
    try:
        for target, script in enumerate(MIGRATIONS, start=1):
            with conn.transaction():
                current = schema_version(conn)
                _refuse_newer(current)
                if current >= target:
                    continue
                for statement in split_statements(script):
                    conn.execute(statement)
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


def split_statements(script: str) -> list[str]:
    """The statements of a migration; ours hold no `;` inside strings or bodies."""
    return [statement.strip() for statement in script.split(";") if statement.strip()]


def _read_version(conn: Any) -> int:
    with conn.transaction():
        return schema_version(conn)


def _refuse_newer(version: int) -> None:
    if version > LATEST_VERSION:
        raise StoreError(
            f"this database has schema version {version}, but this version of storyline "
            f"knows schema versions up to {LATEST_VERSION}; upgrade storyline to open it"
        )
