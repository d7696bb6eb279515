"""The `Store` protocol in SQL, once for every backend.

A backend subclass opens the connection, migrates it and provides the two transactions
every method runs in: `_write` (one transaction that keeps other writers out, all of it or
none of it) and `_read` (one snapshot for several statements, joining the open write when
called inside one). Statements go through a `Session`, which speaks the backend's dialect.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from storyline.closing import ClosedOnExit
from storyline.model import Article, Story
from storyline.store.base import AddResult, StoreError, StoryRow
from storyline.store.codec import brief_from_json
from storyline.store.dialect import Session, marks
from storyline.store.rows import SELECT_ARTICLE, article_from_row, outlets_from_json
from storyline.store.writes import (
    free_article_id,
    insert_article,
    insert_story,
    next_seq,
    renumber_stories,
    same_content,
)

# Bounds the number of parameters in one `IN (...)` query, well under every backend's limit.
IDS_PER_QUERY = 500


class SqlStore(ClosedOnExit, ABC):
    """Everything a store does, given a connection and its transactions."""

    location: str

    def __init__(self) -> None:
        # One connection, shared by threads (FastAPI serves from a thread pool).
        self._lock = threading.RLock()
        self._closed = False
        self._conn: Any = None

    @abstractmethod
    def _write(self) -> AbstractContextManager[Session]: ...

    @abstractmethod
    def _read(self) -> AbstractContextManager[Session]: ...

    def _connection(self) -> Any:
        if self._closed:
            raise StoreError(f"the store at {self.location} is closed")
        return self._conn

    # ------------------------------------------------------------------------ articles

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        added: list[str] = []
        existing: list[str] = []
        stored_ids: list[str] = []
        ingested_at = _now()
        with self._write() as session:
            seq = next_seq(session)
            for article in articles:
                found = same_content(session, article.source_key, article.content_hash)
                if found is not None:
                    existing.append(found)
                    stored_ids.append(found)
                    continue
                article_id = free_article_id(session, article)
                insert_article(session, article, article_id, seq, ingested_at)
                seq += 1
                added.append(article_id)
                stored_ids.append(article_id)
        return AddResult(added=tuple(added), existing=tuple(existing), stored_ids=tuple(stored_ids))

    def count_articles(self) -> int:
        with self._read() as session:
            return int(session.value("SELECT COUNT(*) FROM articles"))

    def iter_articles(self, batch_size: int = 1000) -> Iterator[Article]:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        last_seq = 0
        while True:
            # A fresh query per batch, so no transaction spans the consumer's work.
            with self._read() as session:
                rows = session.all(
                    f"SELECT a.seq, {SELECT_ARTICLE} FROM articles a"
                    " WHERE a.seq > ? ORDER BY a.seq LIMIT ?",
                    (last_seq, batch_size),
                )
            if not rows:
                return
            for row in rows:
                yield article_from_row(row[1:])
            last_seq = rows[-1][0]

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        found: dict[str, Article] = {}
        with self._read() as session:
            for chunk in _chunks(ids):
                query = (
                    f"SELECT {SELECT_ARTICLE} FROM articles a WHERE a.id IN ({marks(len(chunk))})"
                )
                for row in session.all(query, chunk):
                    article = article_from_row(row)
                    found[article.id] = article
        return [found[article_id] for article_id in ids if article_id in found]

    # ------------------------------------------------------------------------- stories

    def replace_stories(self, stories: Sequence[Story]) -> None:
        ingested_at = _now()
        with self._write() as session:
            session.run("DELETE FROM story_articles")
            session.run("DELETE FROM stories")
            seq = next_seq(session)
            for position, story in enumerate(stories):
                seq = insert_story(session, story, position, seq, ingested_at)

    def upsert_stories(self, stories: Sequence[Story], removed_ids: Iterable[str] = ()) -> None:
        ingested_at = _now()
        with self._write() as session:
            doomed = [*removed_ids, *(story.id for story in stories)]
            # Members go with their story (ON DELETE CASCADE).
            session.many("DELETE FROM stories WHERE id = ?", ((story_id,) for story_id in doomed))
            seq = next_seq(session)
            # Parked past every stored position; `renumber_stories` then orders all by size.
            top = int(session.value("SELECT COALESCE(MAX(position), -1) FROM stories"))
            for offset, story in enumerate(stories, start=1):
                seq = insert_story(session, story, top + offset, seq, ingested_at)
            renumber_stories(session)

    def list_stories(self) -> list[StoryRow]:
        with self._read() as session:
            rows = session.all(
                "SELECT id, title, key, size, first_published, last_published, outlets"
                " FROM stories ORDER BY position"
            )
        return [
            StoryRow(
                id=story_id,
                title=title,
                key=key,
                size=size,
                first_published=first,
                last_published=last,
                outlets=outlets_from_json(outlets),
            )
            for story_id, title, key, size, first, last, outlets in rows
        ]

    def get_story(self, story_id: str) -> Story | None:
        with self._read() as session:
            row = session.one("SELECT title, key, brief FROM stories WHERE id = ?", (story_id,))
            if row is None:
                return None
            members = session.all(
                f"SELECT sa.duplicate_of, {SELECT_ARTICLE} FROM story_articles sa"
                " JOIN articles a ON a.id = sa.article_id"
                " WHERE sa.story_id = ? ORDER BY sa.position",
                (story_id,),
            )
        title, key, brief = row
        return Story(
            id=story_id,
            title=title,
            key=key,
            articles=tuple(article_from_row(m[1:], duplicate_of=m[0]) for m in members),
            brief=brief_from_json(brief),
        )

    def iter_stories(self) -> Iterator[Story]:
        with self._read() as session:
            story_ids = [row[0] for row in session.all("SELECT id FROM stories ORDER BY position")]
        for story_id in story_ids:
            story = self.get_story(story_id)
            # None when a concurrent replace_stories removed it since the listing.
            if story is not None:
                yield story

    # ------------------------------------------------------------------ runs and parses

    def record_run(self, report: dict[str, Any]) -> None:
        # default=str: a report holding a Path or a datetime is still worth keeping.
        encoded = json.dumps(report, ensure_ascii=False, default=str)
        with self._write() as session:
            session.run("INSERT INTO runs (recorded_at, report) VALUES (?, ?)", (_now(), encoded))

    def cached_parses(self, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        with self._read() as session:
            # A backend may store a key changed (PostgreSQL replaces NULs): answer the key asked.
            asked = {session.dialect.clean((key,))[0]: key for key in keys}
            for chunk in _chunks(list(asked)):
                query = f"SELECT key, data FROM parse_cache WHERE key IN ({marks(len(chunk))})"
                found.update((asked[key], bytes(data)) for key, data in session.all(query, chunk))
        return found

    def store_parses(self, parses: Mapping[str, bytes]) -> None:
        with self._write() as session:
            session.many(
                "INSERT INTO parse_cache (key, data) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET data = excluded.data",
                parses.items(),
            )

    # ----------------------------------------------------------------------- lifecycle

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"


def _chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), IDS_PER_QUERY):
        yield unique[start : start + IDS_PER_QUERY]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
