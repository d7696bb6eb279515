"""The store on a PostgreSQL server (`--db postgresql://…`), through psycopg 3.

The same tables and the same guarantees as `SqliteStore`: every write is one transaction
(all of a batch or none of it), and writers are serialised by a table lock taken first, as
`BEGIN IMMEDIATE` does for SQLite, so two ingests at once can neither store an article
twice nor hand out one ingest number twice; readers never wait for writers. Reads that run
several queries do so in one REPEATABLE READ snapshot.

PostgreSQL text cannot hold NUL characters, which SQLite text can; a NUL in a stored string
becomes U+FFFD, the character decoders put where input could not be read.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

from storyline.model import Article, Story
from storyline.store.base import AddResult, StoreError, StoryRow
from storyline.store.codec import brief_from_json
from storyline.store.postgres_schema import migrate
from storyline.store.postgres_writes import (
    SAME_CONTENT,
    free_article_id,
    insert_article,
    insert_story,
    next_seq,
    renumber_stories,
    same_content,
    text_safe,
)
from storyline.store.rows import SELECT_ARTICLE, article_from_row

_IDS_PER_QUERY = 500
_PASSWORD_PARAMETER = re.compile(r"((?:^|&)password=)[^&]*", re.IGNORECASE)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as error:
        raise StoreError(
            "a postgresql:// store needs psycopg: pip install 'storyline[postgres]'"
        ) from error
    return psycopg


def redacted(url: str) -> str:
    """The URL without its password (in the user part or a `password=` parameter)."""
    parts = urlsplit(url)
    if parts.password is None and not _PASSWORD_PARAMETER.search(parts.query):
        return url  # as written: a round trip through urlunsplit may change it
    if parts.password is not None:
        host = parts.netloc.rsplit("@", 1)[-1]
        parts = parts._replace(netloc=f"{parts.username or ''}:***@{host}")
    query = _PASSWORD_PARAMETER.sub(r"\1***", parts.query)
    return urlunsplit(parts._replace(query=query))


class PostgresStore:
    """The `Store` protocol on a PostgreSQL database (which must exist; tables are created)."""

    def __init__(self, url: str, *, connect_timeout: float = 10.0) -> None:
        psycopg = _psycopg()
        self.location = redacted(url)
        self._errors: type[Exception] = psycopg.Error
        self._integrity: type[Exception] = psycopg.IntegrityError
        self._lock = threading.RLock()
        self._writing = False
        self._closed = False
        # libpq knows only its own two schemes, in lower case.
        conninfo = "postgresql://" + url.partition("://")[2]
        try:
            self._conn = psycopg.connect(
                conninfo, autocommit=True, connect_timeout=max(1, int(connect_timeout))
            )
        except psycopg.Error as error:
            raise StoreError(f"cannot open the store at {self.location}: {error}") from error
        try:
            migrate(self._conn)
        except BaseException as error:
            self._conn.close()
            if isinstance(error, psycopg.Error):
                raise StoreError(f"cannot open the store at {self.location}: {error}") from error
            raise

    # ------------------------------------------------------------------- transactions

    @contextmanager
    def _write(self) -> Iterator[Any]:
        with self._lock:
            conn = self._connection()
            if self._writing:
                raise StoreError("a store write was started inside another write of the store")
            self._writing = True
            try:
                with conn.transaction():
                    # Self-conflicting, so writers queue; plain reads (ACCESS SHARE) do not.
                    conn.execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")
                    yield conn
            except self._integrity as error:
                raise StoreError(f"the store refused inconsistent data: {error}") from error
            except self._errors as error:
                raise StoreError(
                    f"writing to the store at {self.location} failed: {error}"
                ) from error
            finally:
                self._writing = False

    @contextmanager
    def _read(self) -> Iterator[Any]:
        """One snapshot for several statements; joins the open write when called inside one
        (an article generator passed to `add_articles` may read the store)."""
        with self._lock:
            conn = self._connection()
            if self._writing:
                yield conn
                return
            try:
                with conn.transaction():
                    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    yield conn
            except self._errors as error:
                raise StoreError(f"reading the store at {self.location} failed: {error}") from error

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
        with self._write() as conn:
            seq = next_seq(conn)
            for article in articles:
                found = conn.execute(
                    SAME_CONTENT, same_content(article.source_key, article.content_hash)
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
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def iter_articles(self, batch_size: int = 1000) -> Iterator[Article]:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        last_seq = 0
        while True:
            # A fresh query per batch, so no transaction spans the consumer's work.
            with self._read() as conn:
                rows = conn.execute(
                    f"SELECT a.seq, {SELECT_ARTICLE} FROM articles a"
                    " WHERE a.seq > %s ORDER BY a.seq LIMIT %s",
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
                chunk = text_safe(unique_ids[start : start + _IDS_PER_QUERY])
                query = f"SELECT {SELECT_ARTICLE} FROM articles a WHERE a.id = ANY(%s)"
                for row in conn.execute(query, (list(chunk),)):
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
                seq = insert_story(conn, story, position, seq, ingested_at)

    def upsert_stories(self, stories: Sequence[Story], removed_ids: Iterable[str] = ()) -> None:
        """See `StoryUpserts`: the given stories rewritten, the others' rows kept."""
        ingested_at = _now()
        with self._write() as conn:
            doomed = [*removed_ids, *(story.id for story in stories)]
            # Members go with their story (ON DELETE CASCADE).
            conn.execute("DELETE FROM stories WHERE id = ANY(%s)", (list(text_safe(doomed)),))
            seq = next_seq(conn)
            # Parked past every stored position; `renumber_stories` then orders all by size.
            top = conn.execute("SELECT COALESCE(MAX(position), -1) FROM stories").fetchone()[0]
            for offset, story in enumerate(stories, start=1):
                seq = insert_story(conn, story, top + offset, seq, ingested_at)
            renumber_stories(conn)

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
                "SELECT title, key, brief FROM stories WHERE id = %s", text_safe((story_id,))
            ).fetchone()
            if row is None:
                return None
            members = conn.execute(
                f"SELECT sa.duplicate_of, {SELECT_ARTICLE} FROM story_articles sa"
                " JOIN articles a ON a.id = sa.article_id"
                " WHERE sa.story_id = %s ORDER BY sa.position",
                text_safe((story_id,)),
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
            rows = conn.execute("SELECT id FROM stories ORDER BY position").fetchall()
        for (story_id,) in rows:
            story = self.get_story(story_id)
            # None when a concurrent replace_stories removed it since the listing.
            if story is not None:
                yield story

    # ---------------------------------------------------------------------------- runs

    def record_run(self, report: dict[str, Any]) -> None:
        encoded = json.dumps(report, ensure_ascii=False, default=str)
        with self._lock:
            conn = self._connection()
            try:
                conn.execute(
                    "INSERT INTO runs (recorded_at, report) VALUES (%s, %s)",
                    text_safe((_now(), encoded)),
                )
            except self._errors as error:
                raise StoreError(
                    f"writing to the store at {self.location} failed: {error}"
                ) from error

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
        return f"PostgresStore({self.location!r})"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
