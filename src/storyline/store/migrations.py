"""The schema of both backends as one ordered list of migrations.

Migration N (1-based) brings a store from schema version N-1 to version N. A migration is
a script template, filled in with the backend's column types and index clauses
(`Dialect.ddl`), and optionally a backfill run after it in the same transaction. A
migration is never edited once released (its rendered SQL must stay what it was); a change
is a new migration appended to `MIGRATIONS`. Where the version is kept and how concurrent
openers are kept apart is each backend's own (`schema` for SQLite, `postgres_schema`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from storyline.store.base import StoreError
from storyline.store.dialect import SQLITE, Dialect, Session
from storyline.store.rows import outlets_to_json


@dataclass(frozen=True, slots=True)
class Migration:
    script: str
    backfill: Callable[[Session], None] | None = None
    # The script a backend runs instead of `script`, by `Dialect.name`.
    overrides: Mapping[str, str] = field(default_factory=dict)

    def apply(self, session: Session) -> None:
        for statement in render(self, session.dialect):
            session.run(statement)
        if self.backfill is not None:
            self.backfill(session)


_INITIAL_SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    -- Explicit ingest order: VACUUM may renumber the implicit rowid of a table like this one.
    seq {big_integer} NOT NULL UNIQUE,
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
    published_confidence {real},
    language TEXT,
    given_story TEXT,
    text TEXT NOT NULL,
    -- JSON array of [start, end] offsets into text; [start, end, text] when the sentence
    -- text is not exactly that slice.
    sentences TEXT NOT NULL,
    ingested_at TEXT NOT NULL{identity_constraint}
);
{identity_index}
CREATE INDEX articles_published_day ON articles (published_day);
CREATE INDEX articles_given_story ON articles {hash_index}(given_story);

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
    id {serial_key},
    recorded_at TEXT NOT NULL,
    report TEXT NOT NULL
);
"""

# Parsed sentences of the synthesize stage, keyed by what they were parsed from, so that a
# re-brief does not parse an unchanged article again.
_PARSE_CACHE = """
CREATE TABLE parse_cache (
    key TEXT PRIMARY KEY,
    data {blob} NOT NULL
);
"""

# The outlets of a story's articles, kept on its row (a JSON array, in the order of their
# first article) so that a story list needs no join over every membership.
_STORY_OUTLETS = """
ALTER TABLE stories ADD COLUMN outlets TEXT NOT NULL DEFAULT '[]';
"""

# SQLite reads a row from its start up to the last column asked for, so a column added
# behind the brief (kilobytes of JSON) would make the story list read every brief: the
# table is rebuilt with the list's columns first. (PostgreSQL keeps long values out of
# line, so there the column is only added.) The migration runs with foreign keys off, so
# that dropping the old table leaves the memberships in place for the new one.
_SQLITE_STORY_OUTLETS = """
CREATE TABLE stories_rebuilt (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    key TEXT,
    first_published TEXT,
    last_published TEXT,
    size INTEGER NOT NULL,
    outlets TEXT NOT NULL DEFAULT '[]',
    -- The Brief as JSON (see store.codec); it is always read whole, never queried into.
    brief TEXT NOT NULL
);
INSERT INTO stories_rebuilt (id, position, title, key, first_published, last_published, size,
    brief)
SELECT id, position, title, key, first_published, last_published, size, brief FROM stories;
DROP TABLE stories;
ALTER TABLE stories_rebuilt RENAME TO stories;
"""


def _backfill_story_outlets(session: Session) -> None:
    members = session.all(
        "SELECT sa.story_id, a.source, a.url FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article_id ORDER BY sa.story_id, sa.position"
    )
    session.many(
        "UPDATE stories SET outlets = ? WHERE id = ?",
        (
            (outlets_to_json((source, url) for _, source, url in rows), story_id)
            for story_id, rows in groupby(members, key=itemgetter(0))
        ),
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(_INITIAL_SCHEMA),
    Migration(_PARSE_CACHE),
    Migration(
        _STORY_OUTLETS,
        backfill=_backfill_story_outlets,
        overrides={SQLITE.name: _SQLITE_STORY_OUTLETS},
    ),
)

LATEST_VERSION = len(MIGRATIONS)


def refuse_newer(version: int, latest: int) -> None:
    if version > latest:
        raise StoreError(
            f"this database has schema version {version}, but this version of storyline "
            f"knows schema versions up to {latest}; upgrade storyline to open it"
        )


def split_statements(script: str) -> list[str]:
    """Split a script into single statements.

    Statements are run one by one inside the migration's transaction (`executescript`
    would commit it first); `sqlite3.complete_statement` keeps semicolons inside strings,
    comments and trigger bodies from splitting a statement, and knows PostgreSQL's
    quoting as far as our scripts use it.
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


def render(migration: Migration, dialect: Dialect) -> list[str]:
    """The statements of a migration's script on one backend (for inspection and tests)."""
    script = migration.overrides.get(dialect.name, migration.script)
    return split_statements(script.format(**dialect.ddl))
