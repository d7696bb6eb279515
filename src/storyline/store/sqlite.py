"""The default store: one SQLite file in WAL mode.

Every write is one explicit `BEGIN IMMEDIATE` transaction, so a batch interrupted by an
exception or by the process being killed leaves all of it or none of it. WAL lets readers (the
web UI, a second CLI) keep reading while a run writes. The connection is shared by threads
(FastAPI serves from a thread pool) behind a lock, and no transaction stays open while an
iterator is suspended, so a slow consumer never blocks writers.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from storyline.model import Article, PublicationDate, Story
from storyline.store.article_writes import (
    free_article_id,
    insert_article,
    next_seq,
    store_story_member,
)
from storyline.store.base import AddResult, StoreError, StoryRow
from storyline.store.codec import brief_from_json, brief_to_json
from storyline.store.rows import SELECT_ARTICLE, article_from_row
from storyline.store.schema import migrate

logger = logging.getLogger(__name__)

IN_MEMORY = ":memory:"
# Bounds the number of `?` in one `IN (...)` query, well under SQLite's limit.
_IDS_PER_QUERY = 500


class SqliteStore:
    """The `Store` protocol on a SQLite file (created with its parent directories)."""

    def __init__(self, location: str | os.PathLike[str], *, busy_timeout: float = 30.0) -> None:
        self.location = os.fspath(location)
        self._lock = threading.RLock()
        self._closed = False
        if self.location != IN_MEMORY:
            path = Path(self.location).expanduser()
            self.location = os.fspath(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot create the store at {path}: {error}") from error
        try:
            self._conn = sqlite3.connect(
                self.location, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the store at {self.location}: {error}") from error
        try:
            self._configure(busy_timeout)
            migrate(self._conn)
        except BaseException as error:
            self._conn.close()
            if isinstance(error, sqlite3.Error):
                raise StoreError(f"cannot open the store at {self.location}: {error}") from error
            raise

    def _configure(self, busy_timeout: float) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000):d}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal" and self.location != IN_MEMORY:
            # Still correct, only less concurrent: readers and the writer block each other.
            logger.warning("SQLite refused WAL mode for %s (mode is %s)", self.location, mode)
        # NORMAL is durable against application crashes in WAL mode; only a power loss can
        # drop the last commits, never corrupt the file.
        conn.execute("PRAGMA synchronous = NORMAL")

    # ------------------------------------------------------------------- transactions

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._connection()
            if conn.in_transaction:
                raise StoreError("a store write was started inside another write of the store")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.IntegrityError as error:
                _rollback(conn)
                raise StoreError(f"the store refused inconsistent data: {error}") from error
            except sqlite3.Error as error:
                _rollback(conn)
                raise StoreError(
                    f"writing to the store at {self.location} failed: {error}"
                ) from error
            except BaseException:
                _rollback(conn)
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One snapshot for several statements; joins the open write when called inside one
        (an article generator passed to `add_articles` may read the store)."""
        with self._lock:
            conn = self._connection()
            if conn.in_transaction:
                yield conn
                return
            try:
                conn.execute("BEGIN")
                try:
                    yield conn
                finally:
                    conn.execute("COMMIT")
            except sqlite3.Error as error:
                raise StoreError(f"reading the store at {self.location} failed: {error}") from error

    def _connection(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreError(f"the store at {self.location} is closed")
        return self._conn

    # ------------------------------------------------------------------------ articles

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        added: list[str] = []
        existing: list[str] = []
        stored_ids: list[str] = []
        ingested_at = _now()
        with self._write() as conn:
            seq = next_seq(conn)
            for article in articles:
                found = conn.execute(
                    "SELECT id FROM articles WHERE source_key = ? AND content_hash = ?",
                    (article.source_key, article.content_hash),
                ).fetchone()
                if found is not None:
                    existing.append(found[0])
                    stored_ids.append(found[0])
                    continue
                article_id = free_article_id(conn, article)
                insert_article(conn, article, article_id, seq, ingested_at)
                seq += 1
                added.append(article_id)
                stored_ids.append(article_id)
        return AddResult(added=tuple(added), existing=tuple(existing), stored_ids=tuple(stored_ids))

    def count_articles(self) -> int:
        with self._read() as conn:
            count: int = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        return count

    def iter_articles(self, batch_size: int = 1000) -> Iterator[Article]:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        last_seq = 0
        while True:
            # A fresh query per batch, so no read transaction spans the consumer's work.
            with self._read() as conn:
                rows = conn.execute(
                    f"SELECT a.seq, {SELECT_ARTICLE} FROM articles a"
                    " WHERE a.seq > ? ORDER BY a.seq LIMIT ?",
                    (last_seq, batch_size),
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield article_from_row(row[1:])
            last_seq = rows[-1][0]

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        unique_ids = list(dict.fromkeys(ids))
        found: dict[str, Article] = {}
        with self._read() as conn:
            for start in range(0, len(unique_ids), _IDS_PER_QUERY):
                chunk = unique_ids[start : start + _IDS_PER_QUERY]
                marks = ", ".join("?" * len(chunk))
                query = f"SELECT {SELECT_ARTICLE} FROM articles a WHERE a.id IN ({marks})"
                for row in conn.execute(query, chunk):
                    article = article_from_row(row)
                    found[article.id] = article
        return [found[article_id] for article_id in ids if article_id in found]

    # ------------------------------------------------------------------------- stories

    def replace_stories(self, stories: Sequence[Story]) -> None:
        ingested_at = _now()
        with self._write() as conn:
            conn.execute("DELETE FROM story_articles")
            conn.execute("DELETE FROM stories")
            seq = next_seq(conn)
            for position, story in enumerate(stories):
                seq = _insert_story(conn, story, position, seq, ingested_at)

    def upsert_stories(self, stories: Sequence[Story], removed_ids: Iterable[str] = ()) -> None:
        ingested_at = _now()
        with self._write() as conn:
            for story_id in [*removed_ids, *(story.id for story in stories)]:
                # Members go with their story (ON DELETE CASCADE).
                conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            seq = next_seq(conn)
            # Parked past every stored position; `_renumber` then orders all by size.
            top = conn.execute("SELECT COALESCE(MAX(position), -1) FROM stories").fetchone()[0]
            for offset, story in enumerate(stories, start=1):
                seq = _insert_story(conn, story, top + offset, seq, ingested_at)
            _renumber(conn)

    def list_stories(self) -> list[StoryRow]:
        with self._read() as conn:
            stories = conn.execute(
                "SELECT id, title, key, size, first_published, last_published"
                " FROM stories ORDER BY position"
            ).fetchall()
            # Sources in the order their first article appears in the story.
            source_rows = conn.execute(
                "SELECT sa.story_id, a.source FROM story_articles sa"
                " JOIN articles a ON a.id = sa.article_id WHERE a.source IS NOT NULL"
                " GROUP BY sa.story_id, a.source ORDER BY sa.story_id, MIN(sa.position)"
            ).fetchall()
        sources: dict[str, list[str]] = {}
        for story_id, source in source_rows:
            sources.setdefault(story_id, []).append(source)
        return [
            StoryRow(
                id=story_id,
                title=title,
                key=key,
                size=size,
                first_published=first,
                last_published=last,
                sources=tuple(sources.get(story_id, ())),
            )
            for story_id, title, key, size, first, last in stories
        ]

    def get_story(self, story_id: str) -> Story | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT title, key, brief FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            if row is None:
                return None
            members = conn.execute(
                f"SELECT sa.duplicate_of, {SELECT_ARTICLE} FROM story_articles sa"
                " JOIN articles a ON a.id = sa.article_id"
                " WHERE sa.story_id = ? ORDER BY sa.position",
                (story_id,),
            ).fetchall()
        title, key, brief = row
        return Story(
            id=story_id,
            title=title,
            key=key,
            articles=tuple(article_from_row(m[1:], duplicate_of=m[0]) for m in members),
            brief=brief_from_json(brief),
        )

    def iter_stories(self) -> Iterator[Story]:
        with self._read() as conn:
            story_ids = [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY position")]
        for story_id in story_ids:
            story = self.get_story(story_id)
            # None when a concurrent replace_stories removed it since the listing.
            if story is not None:
                yield story

    # ---------------------------------------------------------------------------- runs

    def record_run(self, report: dict[str, Any]) -> None:
        # default=str: a report holding a Path or a datetime is still worth keeping.
        encoded = json.dumps(report, ensure_ascii=False, default=str)
        with self._write() as conn:
            conn.execute("INSERT INTO runs (recorded_at, report) VALUES (?, ?)", (_now(), encoded))

    # ----------------------------------------------------------------------- lifecycle

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqliteStore({self.location!r})"


def _insert_story(
    conn: sqlite3.Connection, story: Story, position: int, seq: int, ingested_at: str
) -> int:
    """Insert one story with its members; the next free article seq."""
    conn.execute(
        "INSERT INTO stories (id, position, title, key, first_published,"
        " last_published, size, brief) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            story.id,
            position,
            story.title,
            story.key,
            _iso(story.first_published),
            _iso(story.last_published),
            len(story.articles),
            brief_to_json(story.brief),
        ),
    )
    for member_position, article in enumerate(story.articles):
        if store_story_member(conn, story, article, seq, ingested_at):
            seq += 1
        conn.execute(
            "INSERT INTO story_articles (story_id, article_id, duplicate_of, position)"
            " VALUES (?, ?, ?, ?)",
            (story.id, article.id, article.duplicate_of, member_position),
        )
    return seq


def _renumber(conn: sqlite3.Connection) -> None:
    """Positions 0.. by size, largest first, then id (the order `run` stores stories in).

    Only rows whose position changes are touched; they are parked on negative positions
    first, so the UNIQUE constraint never sees two rows on one position.
    """
    rows = conn.execute("SELECT id, position FROM stories ORDER BY size DESC, id").fetchall()
    moved = [(story_id, target) for target, (story_id, now) in enumerate(rows) if now != target]
    for story_id, target in moved:
        conn.execute("UPDATE stories SET position = ? WHERE id = ?", (-1 - target, story_id))
    for story_id, target in moved:
        conn.execute("UPDATE stories SET position = ? WHERE id = ?", (target, story_id))


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite has already rolled back after some errors (a full disk, for one).
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _iso(published: PublicationDate | None) -> str | None:
    return published.iso() if published is not None else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
