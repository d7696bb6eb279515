"""Ingest: idempotence, id collisions, exact round trips, atomic batches."""

from __future__ import annotations

import dataclasses
import random
import sqlite3
import string
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from storyline.model import Article, PublicationDate, Sentence
from storyline.store import AddResult, Store, StoreError, open_store

from .builders import IST, bare_article, make_article
from .raw import query


def test_adding_the_same_batch_twice_stores_it_once(store: Store) -> None:
    batch = [make_article(1), make_article(2), make_article(3)]

    first = store.add_articles(batch)
    second = store.add_articles(batch)

    assert first == AddResult(
        added=("art-1", "art-2", "art-3"), existing=(), stored_ids=("art-1", "art-2", "art-3")
    )
    assert second.added == ()
    assert second.existing == ("art-1", "art-2", "art-3")
    assert store.count_articles() == 3


def test_an_article_repeated_within_a_batch_is_stored_once(store: Store) -> None:
    result = store.add_articles([make_article(1), make_article(1)])

    assert result.added == ("art-1",)
    assert result.existing == ("art-1",)
    assert store.count_articles() == 1


def test_same_content_under_another_id_reports_the_stored_id(store: Store) -> None:
    store.add_articles([make_article(1)])

    result = store.add_articles([make_article(1, id="renamed")])

    assert result.existing == ("art-1",)
    assert result.stored_ids == ("art-1",)
    assert store.get_articles(["renamed"]) == []


def test_an_id_taken_by_other_content_gets_a_suffixed_id(store: Store) -> None:
    original = make_article(1)
    edited = make_article(
        1, text="The file was edited since.", sentences=(), content_hash="ab" * 32
    )
    store.add_articles([original])

    result = store.add_articles([edited])

    assert result.added == ("art-1~abababab",)
    assert result.stored_ids == ("art-1~abababab",)
    assert store.get_articles(["art-1", "art-1~abababab"]) == [
        original,
        dataclasses.replace(edited, id="art-1~abababab"),
    ]


def test_id_collisions_within_one_batch_and_on_the_suffixed_id(store: Store) -> None:
    first = make_article(1)
    second = make_article(1, content_hash="ab" * 32)
    # Same content as `second` from another source: its suffixed id is taken as well.
    third = make_article(1, content_hash="ab" * 32, source_key="other://1")

    result = store.add_articles([first, second, third])

    assert result.added == ("art-1", "art-1~abababab", "art-1~abababab-2")
    assert store.count_articles() == 3


def test_articles_round_trip_exactly(store: Store) -> None:
    day_only = make_article(
        2, published=PublicationDate(day=date(2020, 3, 1), method="text", confidence=0.5)
    )
    trimmed = make_article(
        3, sentences=(Sentence(text="Headline number 3 happened", start=0, end=27),)
    )
    articles = [make_article(1), day_only, trimmed, bare_article(4)]
    store.add_articles(articles)

    assert store.get_articles([a.id for a in articles]) == articles
    assert list(store.iter_articles()) == articles
    moment = store.get_articles(["art-1"])[0].published.moment  # type: ignore[union-attr]
    assert moment is not None
    assert moment.utcoffset() == IST.utcoffset(None)
    assert moment.microsecond == 123456


def test_duplicate_of_is_not_an_article_column(store: Store) -> None:
    article = make_article(1, duplicate_of="art-0")
    store.add_articles([article])

    assert store.get_articles(["art-1"]) == [dataclasses.replace(article, duplicate_of=None)]


def test_iter_articles_follows_ingest_order_across_batches(store: Store) -> None:
    # Ids chosen so that id order and ingest order differ.
    ids = ["z", "a", "m", "b", "y"]
    for n, article_id in enumerate(ids):
        store.add_articles([make_article(n, id=article_id)])

    assert [a.id for a in store.iter_articles(batch_size=2)] == ids
    assert [a.id for a in store.iter_articles(batch_size=1)] == ids
    with pytest.raises(ValueError, match="batch_size"):
        next(store.iter_articles(batch_size=0))


def test_get_articles_keeps_the_given_order_and_skips_unknown_ids(store: Store) -> None:
    store.add_articles([make_article(n) for n in range(1, 4)])

    found = store.get_articles(["art-3", "missing", "art-1", "art-3"])

    assert [a.id for a in found] == ["art-3", "art-1", "art-3"]
    assert store.get_articles([]) == []


def test_get_articles_handles_more_ids_than_one_query_takes(store: Store) -> None:
    store.add_articles([bare_article(n) for n in range(1200)])
    wanted = [f"bare-{n}" for n in reversed(range(1200))]

    assert [a.id for a in store.get_articles(wanted)] == wanted


def test_a_batch_that_fails_midway_leaves_nothing(store: Store) -> None:
    store.add_articles([make_article(1)])

    def failing_batch() -> Iterator[Article]:
        yield make_article(2)
        yield make_article(3)
        raise RuntimeError("reader broke")

    with pytest.raises(RuntimeError, match="reader broke"):
        store.add_articles(failing_batch())

    assert store.count_articles() == 1
    assert [a.id for a in store.iter_articles()] == ["art-1"]
    # The store is usable afterwards: the failed transaction was rolled back, not left open.
    assert store.add_articles([make_article(2)]).added == ("art-2",)


def test_a_process_killed_midway_leaves_nothing_of_its_batch(location: str) -> None:
    with open_store(location) as store:
        store.add_articles([make_article(1)])
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from builders import make_article
        from storyline.store import open_store

        def batch():
            yield make_article(2)
            yield make_article(3)
            os._exit(7)  # no cleanup of any kind, like a kill

        open_store({location!r}).add_articles(batch())
        """
    )
    completed = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)

    assert completed.returncode == 7
    with open_store(location) as store:
        assert [a.id for a in store.iter_articles()] == ["art-1"]


def test_an_article_generator_may_read_but_not_write_the_same_store(store: Store) -> None:
    counts_seen: list[int] = []

    def reading_batch() -> Iterator[Article]:
        yield make_article(1)
        counts_seen.append(store.count_articles())  # its own uncommitted batch
        yield make_article(2)

    store.add_articles(reading_batch())
    assert counts_seen == [1]

    def writing_batch() -> Iterator[Article]:
        store.add_articles([make_article(4)])
        yield make_article(3)

    with pytest.raises(StoreError, match="inside another write"):
        store.add_articles(writing_batch())
    assert store.count_articles() == 2


def test_a_reader_sees_committed_data_while_a_batch_is_being_written(location: str) -> None:
    with open_store(location) as writer, open_store(location) as reader:
        writer.add_articles([make_article(1)])
        seen_mid_batch: list[list[str]] = []

        def batch() -> Iterator[Article]:
            yield make_article(2)
            # The writer holds its write transaction here.
            seen_mid_batch.append([a.id for a in reader.iter_articles()])
            yield make_article(3)

        writer.add_articles(batch())

        assert seen_mid_batch == [["art-1"]]
        assert reader.count_articles() == 3


def test_a_writer_commits_while_a_reader_holds_a_snapshot(db_path: Path) -> None:
    """Only WAL allows this: in rollback-journal mode the commit waits for the reader."""
    from storyline.store import SqliteStore

    with SqliteStore(db_path, busy_timeout=2.0) as writer:
        writer.add_articles([make_article(1)])
        reader = sqlite3.connect(db_path, isolation_level=None)
        try:
            reader.execute("BEGIN")
            assert reader.execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)

            writer.add_articles([make_article(2)])

            assert reader.execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)
            reader.execute("COMMIT")
            assert reader.execute("SELECT COUNT(*) FROM articles").fetchone() == (2,)
        finally:
            reader.close()


def test_the_store_can_be_used_from_another_thread(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store.add_articles([make_article(1)])
    with ThreadPoolExecutor(max_workers=4) as pool:
        counts = list(pool.map(lambda _: store.count_articles(), range(8)))

    assert counts == [1] * 8


def test_a_closed_store_refuses_work(location: str) -> None:
    store = open_store(location)
    store.close()
    store.close()  # closing twice is harmless

    with pytest.raises(StoreError, match="closed"):
        store.count_articles()


def test_ingest_timestamps_are_recorded(store: Store, location: str) -> None:
    store.add_articles([make_article(1)])

    [(ingested_at,)] = query(location, "SELECT ingested_at FROM articles")

    assert datetime.fromisoformat(ingested_at).utcoffset() == timedelta(0)


def test_long_source_keys_and_story_keys_are_stored_and_found(store: Store) -> None:
    """URLs and paths can be longer than a PostgreSQL B-tree entry (2704 bytes); random text
    does not compress, so the index would see all of it."""
    rng = random.Random(5)
    key = "https://news.example/" + "".join(rng.choices(string.ascii_letters, k=9000))
    story = "".join(rng.choices(string.ascii_letters, k=5000))
    article = make_article(1, source_key=key, given_story=story)

    assert store.add_articles([article]).added == ("art-1",)
    assert store.add_articles([article]).existing == ("art-1",)
    assert store.get_articles(["art-1"]) == [article]


def test_a_store_locked_too_long_by_another_writer_is_a_store_error(db_path: Path) -> None:
    """A clear StoreError (a one-line message at the command line), not a raw sqlite3 trace;
    nothing already stored is lost."""
    from storyline.store import SqliteStore, StoreError

    with SqliteStore(db_path, busy_timeout=0.2) as writer:
        writer.add_articles([make_article(1)])
        other = sqlite3.connect(db_path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreError, match="database is locked"):
                writer.add_articles([make_article(2)])
            other.execute("ROLLBACK")
        finally:
            other.close()
        writer.add_articles([make_article(3)])
        assert writer.count_articles() == 2
