"""Schema versions on both backends: stores made by earlier releases open with this one, keep
their data and end up with the same schema as a new store; a pending migration is applied
once and whole or not at all; a store from a newer release is refused."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storyline.store import LATEST_VERSION, StoreError, migrations, open_store
from storyline.store.codec import brief_to_json
from storyline.store.migrations import Migration
from storyline.store.rows import ARTICLE_COLUMNS, article_to_row

from .builders import bare_article, full_brief, make_article
from .postgres_server import PostgresServer
from .raw import is_postgres, query, schema_version, set_schema_version, table_names
from .released_schemas import POSTGRES_RELEASES, SQLITE_RELEASES

Execute = Callable[[str, tuple[Any, ...]], object]

# Outlets as the story list shows them: a source, else the web host without "www.";
# "daily planet" is the same outlet as "Daily Planet", a bare article has none.
MEMBERS = (
    make_article(1, source="Daily Planet", url="https://www.planet.example/1"),
    make_article(2, source=None, url="https://www.Gazette.example/2"),
    bare_article(3),
    make_article(4, source="  daily planet ", url=None),
    make_article(5, source=None, url="https://wire.example/5"),
)
LONE = make_article(6, source=None, url=None)


def _fill(execute: Execute) -> None:
    """What an earlier release wrote: articles, two stories with members, a run."""
    columns = (*ARTICLE_COLUMNS, "seq", "ingested_at")
    insert = f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    for seq, article in enumerate((*MEMBERS, LONE), start=1):
        execute(insert, (*article_to_row(article), seq, "2026-01-01T00:00:00.000+00:00"))
    for position, (story_id, members) in enumerate([("s-many", MEMBERS), ("s-lone", (LONE,))]):
        execute(
            "INSERT INTO stories (id, position, title, key, first_published, last_published,"
            " size, brief) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                story_id,
                position,
                f"Story {story_id}",
                None,
                None,
                None,
                len(members),
                brief_to_json(full_brief(tuple(a.id for a in members))),
            ),
        )
        for member_position, article in enumerate(members):
            execute(
                "INSERT INTO story_articles (story_id, article_id, duplicate_of, position)"
                " VALUES (?, ?, ?, ?)",
                (story_id, article.id, None, member_position),
            )
    execute("INSERT INTO runs (recorded_at, report) VALUES (?, ?)", ("2026-01-01", "{}"))


def _build_sqlite(path: str, version: int) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for script in SQLITE_RELEASES[:version]:
            conn.executescript(script)
        conn.execute(f"PRAGMA user_version = {version:d}")
        conn.execute("BEGIN")
        _fill(conn.execute)
        conn.execute("COMMIT")
    finally:
        conn.close()


def _build_postgres(url: str, version: int) -> None:
    import psycopg  # only PostgreSQL stores need it

    with psycopg.connect(url) as conn:  # one transaction, committed on leaving
        for script in POSTGRES_RELEASES[:version]:
            for statement in filter(str.strip, script.split(";")):
                conn.execute(statement)
        conn.execute("CREATE TABLE storyline_schema_version (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO storyline_schema_version (version) VALUES (%s)", (version,))
        _fill(lambda sql, params: conn.execute(sql.replace("?", "%s"), params))


def _schema(location: str) -> list[tuple[Any, ...]]:
    """Every table, column, index and constraint, as the database describes them."""
    if is_postgres(location):
        columns = query(
            location,
            "SELECT table_name, ordinal_position, column_name, data_type, is_nullable,"
            " column_default FROM information_schema.columns WHERE table_schema = 'public'"
            " ORDER BY table_name, ordinal_position",
        )
        indexes = query(
            location,
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
            " ORDER BY indexname",
        )
        constraints = query(
            location,
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE connamespace = 'public'::regnamespace ORDER BY conname",
        )
        return [*columns, *indexes, *constraints]
    return query(location, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")


def _fresh_location(location: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if is_postgres(location):
        server: PostgresServer = request.getfixturevalue("postgres_server")
        return server.new_database()
    return str(tmp_path / "fresh.db")


@pytest.mark.parametrize("version", range(1, len(SQLITE_RELEASES) + 1))
def test_an_older_store_migrates_and_keeps_its_data(
    location: str, version: int, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    build = _build_postgres if is_postgres(location) else _build_sqlite
    build(location, version)

    with open_store(location) as store:
        assert store.count_articles() == 6
        many = store.get_story("s-many")
        assert many is not None
        assert [a.id for a in many.articles] == [a.id for a in MEMBERS]
        assert many.articles[0] == MEMBERS[0]
        assert many.brief == full_brief(tuple(a.id for a in MEMBERS))
        rows = {row.id: row for row in store.list_stories()}
        assert rows["s-many"].outlets == ("Daily Planet", "gazette.example", "wire.example")
        assert rows["s-lone"].outlets == ()
        assert [row.size for row in rows.values()] == [5, 1]
        store.store_parses({"parsed": b"bytes"})
        assert store.cached_parses(["parsed"]) == {"parsed": b"bytes"}

    fresh = _fresh_location(location, request, tmp_path)
    with open_store(fresh):
        pass
    assert _schema(location) == _schema(fresh)
    if not is_postgres(location):
        assert query(location, "PRAGMA user_version") == [(LATEST_VERSION,)]


def test_a_new_store_gets_every_table_at_the_latest_version(location: str) -> None:
    with open_store(location):
        pass

    assert {"articles", "stories", "story_articles", "runs"} <= table_names(location)
    assert schema_version(location) == LATEST_VERSION >= 1


def test_pending_migrations_are_applied_once(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(location):
        pass
    extra = Migration("CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT)")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, extra))

    with open_store(location):
        pass
    with open_store(location):
        pass

    assert schema_version(location) == LATEST_VERSION + 1
    assert "notes" in table_names(location)


def test_a_failing_migration_is_rolled_back_whole(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(location) as store:
        store.add_articles([make_article(1)])
    broken = Migration("CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))

    with pytest.raises(StoreError, match="no_such_table"):
        open_store(location)

    assert schema_version(location) == LATEST_VERSION
    assert "half_done" not in table_names(location)
    monkeypatch.undo()
    with open_store(location) as store:
        assert store.count_articles() == 1


def test_a_store_from_a_newer_storyline_is_refused(location: str) -> None:
    with open_store(location):
        pass
    set_schema_version(location, LATEST_VERSION + 1)

    with pytest.raises(StoreError, match=r"schema version \d+.*upgrade storyline"):
        open_store(location)
