"""The SQLite schema as an ordered list of migrations.

The schema version is `PRAGMA user_version`: the number of migrations applied. A migration
is never edited once released; a change is a new script appended to `MIGRATIONS`.
"""

from __future__ import annotations

import sqlite3

from storyline.store.base import StoreError

_INITIAL_SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    -- Explicit ingest order: VACUUM may renumber the implicit rowid of a table like this one.
    seq INTEGER NOT NULL UNIQUE,
    source_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    path TEXT,
    url TEXT,
    source TEXT,
    title TEXT,
    -- PublicationDate.iso(): the day, or the full tz-aware moment when the time is known.
    published TEXT,
    published_day TEXT,
    published_method TEXT,
    published_confidence REAL,
    language TEXT,
    given_story TEXT,
    text TEXT NOT NULL,
    -- JSON array of [start, end] offsets into text; [start, end, text] when the sentence
    -- text is not exactly that slice.
    sentences TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (source_key, content_hash)
);
CREATE INDEX articles_published_day ON articles (published_day);
CREATE INDEX articles_given_story ON articles (given_story);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    key TEXT,
    first_published TEXT,
    last_published TEXT,
    size INTEGER NOT NULL,
    -- The Brief as JSON (see store.codec); it is always read whole, never queried into.
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
    id INTEGER PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    report TEXT NOT NULL
);
"""

MIGRATIONS: tuple[str, ...] = (_INITIAL_SCHEMA,)
"""Migration N (1-based) brings the schema from version N-1 to version N."""

LATEST_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this database lacks, each in its own transaction.

    `conn` must be in autocommit mode (`isolation_level=None`). Safe when several processes
    open a new database at once: the version is re-read under the write lock, so a migration
    another process has just applied is skipped. Returns the resulting version.
    """
    _refuse_newer(schema_version(conn))
    for target, script in enumerate(MIGRATIONS, start=1):
        if schema_version(conn) >= target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            _refuse_newer(current)
            if current < target:
                for statement in split_statements(script):
                    conn.execute(statement)
                # PRAGMA takes no parameters; target is an int we computed.
                conn.execute(f"PRAGMA user_version = {target:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)


def split_statements(script: str) -> list[str]:
    """Split a script into single statements.

    `executescript` would commit the open transaction first, so statements are run one by
    one inside ours; `sqlite3.complete_statement` keeps semicolons inside strings, comments
    and trigger bodies from splitting a statement.
    """
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if _has_code(pending):
                statements.append(pending.strip())
            pending = ""
    if _has_code(pending.rstrip(";")):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {pending!r}")
    return statements


def _has_code(sql: str) -> bool:
    lines = (line.split("--", 1)[0] for line in sql.splitlines())
    return any(line.strip(" \t;") for line in lines)


def _refuse_newer(version: int) -> None:
    if version > LATEST_VERSION:
        raise StoreError(
            f"this database has schema version {version}, but this version of storyline "
            f"knows schema versions up to {LATEST_VERSION}; upgrade storyline to open it"
        )
