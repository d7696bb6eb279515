"""Opening stores: SQLite's WAL and pragmas, its migration safeguards, locations.

The schema-version rules both backends share are tested in test_store_migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.store import LATEST_VERSION, SqliteStore, StoreError, migrate, migrations, open_store
from storyline.store.migrations import Migration

from .builders import make_article, make_story
from .raw import query, schema_version


def _schema_of(path: Path) -> list[tuple[str, str]]:
    return query(str(path), "SELECT name, sql FROM sqlite_master ORDER BY name")


def test_a_new_store_is_created_with_parent_dirs_in_wal_mode(db_path: Path) -> None:
    assert not db_path.parent.exists()

    with open_store(db_path):
        pass

    assert query(str(db_path), "PRAGMA journal_mode") == [("wal",)]


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
    assert schema_version(str(db_path)) == LATEST_VERSION


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
