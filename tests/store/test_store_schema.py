"""Opening stores: schema versions, migrations, WAL, locations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.store import LATEST_VERSION, SqliteStore, StoreError, migrate, migrations, open_store
from storyline.store.migrations import Migration

from .builders import make_article, make_story


def _schema_of(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        conn.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        return version
    finally:
        conn.close()


def test_a_new_store_is_created_with_parent_dirs_in_wal_mode(db_path: Path) -> None:
    assert not db_path.parent.exists()

    with open_store(db_path):
        pass

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert {"articles", "stories", "story_articles", "runs"} <= tables
    assert _user_version(db_path) == LATEST_VERSION >= 1


def test_the_store_connection_uses_the_required_pragmas(db_path: Path) -> None:
    with SqliteStore(db_path) as store:
        conn = store._conn
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
        assert conn.execute("PRAGMA busy_timeout").fetchone() == (30000,)
        assert conn.isolation_level is None


def test_migrating_an_up_to_date_store_changes_nothing(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_articles([make_article(1)])
    before = _schema_of(db_path)

    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert migrate(conn) == LATEST_VERSION
    finally:
        conn.close()
    with open_store(db_path) as store:
        assert store.count_articles() == 1

    assert _schema_of(db_path) == before
    assert _user_version(db_path) == LATEST_VERSION


def test_pending_migrations_are_applied_once(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_path):
        pass
    extra = Migration("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, extra))

    with open_store(db_path):
        pass
    with open_store(db_path):
        pass

    assert _user_version(db_path) == LATEST_VERSION + 1
    assert "notes" in {name for name, _ in _schema_of(db_path)}


def test_a_failing_migration_is_rolled_back_whole(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_path):
        pass
    broken = Migration("CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))

    with pytest.raises(StoreError, match="no_such_table"):
        open_store(db_path)

    assert _user_version(db_path) == LATEST_VERSION
    assert "half_done" not in {name for name, _ in _schema_of(db_path)}


def test_a_migration_that_leaves_dangling_references_is_rolled_back(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Foreign keys are off while migrating (to rebuild tables), so they are checked before
    a migration commits."""
    with open_store(db_path) as store:
        store.replace_stories([make_story("s", (make_article(1),))])
    dangling = Migration("DELETE FROM stories;")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, dangling))

    with pytest.raises(StoreError, match="dangling references"):
        open_store(db_path)

    monkeypatch.undo()
    with SqliteStore(db_path) as store:
        assert [row.id for row in store.list_stories()] == ["s"]
        assert store._conn.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_the_story_list_columns_come_before_the_brief(db_path: Path) -> None:
    """SQLite reads a row up to the last column asked for: the list must not read briefs."""
    with open_store(db_path):
        pass
    conn = sqlite3.connect(db_path)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(stories)")]
    finally:
        conn.close()

    assert columns[-1] == "brief"
    assert "outlets" in columns


def test_a_store_from_a_newer_storyline_is_refused(db_path: Path) -> None:
    with open_store(db_path):
        pass
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()

    with pytest.raises(StoreError, match=r"schema version \d+.*upgrade storyline"):
        open_store(db_path)


def test_split_statements_respects_strings_comments_and_triggers() -> None:
    script = """
    -- a comment; with a semicolon
    CREATE TABLE t (x TEXT DEFAULT 'a;b');
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN
        UPDATE t SET x = 'c;d';
        DELETE FROM t WHERE x = 'e';
    END;
    """

    statements = migrations.split_statements(script)

    assert len(statements) == 2
    assert statements[0].endswith("DEFAULT 'a;b');")
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_other_urls_are_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unsupported store location"):
        open_store("mysql://localhost/db")


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just some text that is long enough " * 40)

    with pytest.raises(StoreError, match=r"cannot open the store .*notes\.txt"):
        open_store(path)


def test_an_in_memory_store_works() -> None:
    with open_store(":memory:") as store:
        store.add_articles([make_article(1)])
        assert store.count_articles() == 1
