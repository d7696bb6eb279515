"""What only the PostgreSQL backend has: its schema versions, URLs, errors and text limits.

Everything both backends share runs in the other store tests, once per backend.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator

import pytest

from storyline.model import Article
from storyline.store import AddResult, StoreError, open_store, postgres_schema
from storyline.store.migrations import LATEST_VERSION
from storyline.store.postgres import PostgresStore, redacted
from tests.storyline_command import free_port

from .builders import make_article
from .postgres_server import PostgresServer
from .raw import query


@pytest.fixture
def database(postgres_server: PostgresServer) -> str:
    return postgres_server.new_database()


@pytest.mark.parametrize("scheme", ["postgres", "POSTGRESQL", "postgresql+psycopg"])
def test_every_postgres_url_spelling_opens_the_store(database: str, scheme: str) -> None:
    url = scheme + "://" + database.partition("://")[2]

    with open_store(url) as store:
        assert isinstance(store, PostgresStore)
        store.add_articles([make_article(1)])
        assert store.count_articles() == 1


def test_processes_opening_a_new_database_at_once_migrate_it_once(database: str) -> None:
    script = textwrap.dedent(
        f"""
        from storyline.store import open_store
        with open_store({database!r}) as store:
            print(store.count_articles())
        """
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=60)[0] for process in processes]

    assert [process.returncode for process in processes] == [0] * 4
    assert outputs == ["0\n"] * 4
    assert query(database, f"SELECT version FROM {postgres_schema.VERSION_TABLE}") == [
        (LATEST_VERSION,)
    ]


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    port = free_port()
    url = f"postgresql://reader:s3cret@127.0.0.1:{port}/news"

    with pytest.raises(StoreError, match="cannot open the store") as raised:
        open_store(url)

    assert "s3cret" not in str(raised.value)
    assert f"reader:***@127.0.0.1:{port}/news" in str(raised.value)


def test_a_database_that_does_not_exist_is_named(postgres_server: PostgresServer) -> None:
    with pytest.raises(StoreError, match="no_such_db"):
        open_store(postgres_server.url("no_such_db"))


def test_nul_characters_are_stored_as_replacement_characters(database: str) -> None:
    article = make_article(1, title="A\x00B", text="Text with a NUL\x00 inside.", sentences=())

    with open_store(database) as store:
        result = store.add_articles([article])
        again = store.add_articles([article])
        [stored] = store.get_articles(["art-1"])

    assert result.added == ("art-1",)
    assert again.existing == ("art-1",)
    assert stored.title == "A\ufffdB"
    assert stored.text == "Text with a NUL\ufffd inside."


def test_a_writer_commits_while_a_reader_holds_a_snapshot(database: str) -> None:
    import psycopg

    with open_store(database) as writer:
        writer.add_articles([make_article(1)])
        with psycopg.connect(database) as reader:
            reader.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            assert reader.execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)

            writer.add_articles([make_article(2)])

            assert reader.execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)
            reader.commit()
            assert reader.execute("SELECT COUNT(*) FROM articles").fetchone() == (2,)


def test_a_second_writer_waits_for_the_first_and_sees_its_articles(database: str) -> None:
    """The second writer queues on the articles lock, then finds the first writer's article
    stored instead of storing it again."""
    with open_store(database) as first, open_store(database) as second:
        results: list[AddResult] = []
        waiter = threading.Thread(
            target=lambda: results.append(second.add_articles([make_article(1)]))
        )
        still_waiting: list[bool] = []

        def batch() -> Iterator[Article]:
            yield make_article(1)
            waiter.start()
            waiter.join(timeout=1.0)
            still_waiting.append(waiter.is_alive())
            yield make_article(2)

        first.add_articles(batch())
        waiter.join(timeout=30)

    assert still_waiting == [True]
    assert [(r.added, r.existing) for r in results] == [((), ("art-1",))]


def test_store_location_is_shown_without_password(database: str) -> None:
    with_password = database.replace("postgres@", "postgres:hunter2@")
    with open_store(with_password) as store:
        assert "hunter2" not in repr(store)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:pw@h:5/db", "postgresql://u:***@h:5/db"),
        (
            "postgresql://u@h/db?password=pw&sslmode=require",
            "postgresql://u@h/db?password=***&sslmode=require",
        ),
        (
            "postgres://h/db?sslmode=disable&PASSWORD=pw",
            "postgres://h/db?sslmode=disable&PASSWORD=***",
        ),
        ("postgresql:///db?host=/run/sockets", "postgresql:///db?host=/run/sockets"),
    ],
)
def test_passwords_are_never_shown(url: str, shown: str) -> None:
    assert redacted(url) == shown
