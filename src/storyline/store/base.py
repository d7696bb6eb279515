"""The store contract that every backend (SQLite, PostgreSQL) implements.

Callers depend on the `Store` protocol only, so a second backend can be added without
touching them; `open_store` picks the backend from the location it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, Self

from storyline.model import Article, Story


class StoreError(Exception):
    """The store cannot do what was asked: bad location, unknown schema, inconsistent data."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one `add_articles` call did.

    `added` and `existing` hold stored article ids. `stored_ids` has one entry per article
    given, in the order given, so a caller can zip it with its input to learn the id each
    article is stored under (it differs from `Article.id` after an id collision).
    """

    added: tuple[str, ...]
    existing: tuple[str, ...]
    stored_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One line of a story listing, cheap to produce without loading articles or briefs."""

    id: str
    title: str
    key: str | None
    size: int
    first_published: str | None
    last_published: str | None
    # Each article's source, else its web host; distinct, in the order of first appearance.
    outlets: tuple[str, ...]


class Store(Protocol):
    """Articles, stories with their briefs, and run reports, kept between runs."""

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store a batch in one transaction: all of it or, on any error, none of it.

        An article whose (source_key, content_hash) is already stored is not stored again.
        An article whose id is taken by different content is stored under
        `f"{id}~{content_hash[:8]}"`.
        """
        ...

    def count_articles(self) -> int: ...

    def iter_articles(self, batch_size: int = 1000) -> Iterator[Article]:
        """Every stored article, in ingest order, with `duplicate_of` left as None."""
        ...

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in the order given; unknown ids are skipped."""
        ...

    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Replace every stored story, membership and brief with these, in one transaction.

        Member articles not yet stored are stored; a member whose id belongs to a different
        stored article (another source_key or content_hash) raises StoreError.
        """
        ...

    def upsert_stories(self, stories: Sequence[Story], removed_ids: Iterable[str] = ()) -> None:
        """In one transaction: delete the stories named in `removed_ids`, replace or insert
        `stories` (membership and brief), and leave every other story's row untouched
        except its position, which is renumbered so that stories stay largest first.

        The caller keeps membership consistent: a story that loses articles to another is
        passed too (or removed), as an article belongs to one story.
        """
        ...

    def list_stories(self) -> list[StoryRow]:
        """Every story in stored order (largest first, as `run` and `upsert_stories` keep
        them), from the story rows alone: no articles or briefs are read."""
        ...

    def get_story(self, story_id: str) -> Story | None: ...

    def iter_stories(self) -> Iterator[Story]: ...

    def record_run(self, report: dict[str, Any]) -> None: ...

    def cached_parses(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored parses among `keys`, by key; keys never stored are left out."""
        ...

    def store_parses(self, parses: Mapping[str, bytes]) -> None:
        """Store these parses in one transaction, replacing any stored under the same key."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
