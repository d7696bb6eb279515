"""The reader contract shared by every input kind."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import ClassVar

from storyline.ingest.sources import DEFAULT_MAX_BYTES, InputSource
from storyline.model import Dropped, RawDocument


class Reader(ABC):
    """Parses the bytes of one input into the articles it holds.

    The contract:

    * `read(source)` yields one `RawDocument` per article found, in the order the input
      holds them, and a `Dropped` for each part that could not be read. It never raises for
      bad data: a corrupt file yields what could be read before the damage, then a `Dropped`.
      An exception from a reader is a bug.
    * A reader works only on `source.data`: it never opens files or URLs, so the same reader
      parses a file on disk and a page fetched from the web.
    * A reader does not clean or interpret text: titles in the body, boilerplate and dates
      are the clean stage's job. It only decodes bytes to text and passes on metadata the
      format states explicitly (a header line, a feed field, a JSON key).
    * `RawDocument.path` is the input as the user named it (`source.name`), for files;
      `source_key` is stable across runs and independent of the working directory: the
      article's own URL when the input states one, otherwise the resolved file path (or the
      source URL) plus, for inputs holding many articles, the record inside it.
    * `Dropped.reason` is a short fixed phrase (runs count them); `subject` names the input
      as given plus a record locator; `detail` carries the specifics.
    * `max_bytes` bounds what a reader inflates from compressed data, so a small `.gz`
      cannot expand into an unbounded amount of memory.
    * Text read as plain text (not markup) longer than `MAX_ARTICLE_CHARS` is dropped with
      `too_long`, whatever the format.
    """

    suffixes: ClassVar[tuple[str, ...]]
    """File name endings (lower case, with the dot) this reader is chosen for."""

    def __init__(self, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes

    @abstractmethod
    def read(self, source: InputSource) -> Iterator[RawDocument | Dropped]:
        """Yield the articles in `source`, and a `Dropped` for each part that failed."""


MAX_ARTICLE_CHARS = 1_000_000
"""The longest text a reader passes on as one article.

No news article comes near it (the longest of the Multi-News full texts is 50,000
characters); text beyond it is a dump or a broken file, and every stage after reading would
spend time and memory on it for nothing.
"""


def too_long(text: str, subject: str) -> Dropped | None:
    """A `Dropped` for text longer than any article, else None."""
    if len(text) <= MAX_ARTICLE_CHARS:
        return None
    detail = f"{len(text)} characters > limit {MAX_ARTICLE_CHARS}"
    return Dropped("too long for an article", subject, detail)


def origin_key(source: InputSource) -> str:
    """Where the input lives, independent of the working directory: URL or resolved path."""
    if source.path is None:
        return source.url or source.name
    return "file:" + str(source.path.resolve())


def given_path(source: InputSource) -> str | None:
    """The path as the user gave it, or None for inputs fetched from a URL."""
    return source.name if source.path is not None else None
