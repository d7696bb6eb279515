"""The typed data that flows between stages.

Every record is a frozen, slotted dataclass holding tuples rather than lists, so a stage can
never mutate what another stage handed it, and so records pickle cheaply to Dask workers.
There is deliberately no free-form metadata dict: a field that a stage needs is a field here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal
from urllib.parse import urlsplit

InputKind = Literal["text", "html", "warc", "feed", "jsonl", "url"]
ContentType = Literal["text", "html"]
DateMethod = Literal["given", "metadata", "header", "text", "feed"]
EntityType = Literal["person", "organization", "place", "other"]
FactStatus = Literal["corroborated", "single-source", "disputed"]
DatePrecision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before any cleaning.

    `source_key` identifies where the article came from (its URL, or the input file plus the
    record inside it); together with the content hash it decides whether two ingests are the
    same article.
    """

    source_key: str
    kind: InputKind
    content_type: ContentType
    content: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    given_id: str | None = None
    given_story: str | None = None


@dataclass(frozen=True, slots=True)
class Dropped:
    """An item a reader or a stage discarded, with the reason counted in the run report."""

    reason: str
    subject: str
    detail: str = ""

    def message(self) -> str:
        tail = f": {self.detail}" if self.detail else ""
        return f"skipped {self.subject}: {self.reason}{tail}"


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """When an article was published, how we know it, and how sure we are."""

    day: date
    moment: datetime | None = None
    method: DateMethod = "metadata"
    confidence: float = 1.0

    def iso(self) -> str:
        """`YYYY-MM-DD`, or a full ISO datetime when the time of day is known."""
        return self.moment.isoformat() if self.moment is not None else self.day.isoformat()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its character offsets into its article's cleaned text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the unit that is stored, deduplicated and grouped into stories."""

    id: str
    source_key: str
    content_hash: str
    kind: InputKind
    text: str
    sentences: tuple[Sentence, ...] = ()
    path: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: PublicationDate | None = None
    language: str | None = None
    given_story: str | None = None
    duplicate_of: str | None = None

    @property
    def published_iso(self) -> str | None:
        return self.published.iso() if self.published is not None else None


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    text: str
    subject: str
    action: str | None
    value: float | None
    approximate: bool
    date: date | None
    attributed_to: str | None
    sources: tuple[str, ...]
    status: FactStatus
    # Who did it, when the sentence says ("forces loyal to the governor"); None otherwise.
    agent: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    value: float
    text: str
    attributed_to: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    about: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: date
    text: str
    sources: tuple[str, ...]
    # "in 2018" names a year, "last week" a week: `date` is then the period's first day.
    precision: DatePrecision = "day"


@dataclass(frozen=True, slots=True)
class Brief:
    """What a reader needs first about a story; every item names its supporting articles."""

    summary: tuple[SummarySentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same story, with the brief once synthesis has run.

    `key` is the user's story key under `--given-stories`, otherwise None.
    """

    id: str
    title: str
    articles: tuple[Article, ...]
    key: str | None = None
    brief: Brief = field(default_factory=Brief)

    @property
    def first_published(self) -> PublicationDate | None:
        dated = [a.published for a in self.articles if a.published is not None]
        return min(dated, key=_sort_moment) if dated else None

    @property
    def last_published(self) -> PublicationDate | None:
        dated = [a.published for a in self.articles if a.published is not None]
        return max(dated, key=_sort_moment) if dated else None


def publication_order(article: Article) -> tuple[str, str]:
    """Earliest first, undated last, ties by id: which copy is the original, which article
    founded a story."""
    day = article.published.iso() if article.published else "9999"
    return (day, article.id)


def outlet_of(source: str | None, url: str | None) -> str | None:
    """The outlet an article counts and is listed under: its source, else its web host
    without "www."; None when it has neither. One rule for corroboration, the store's story
    list and the reports."""
    if source and source.strip():
        return source.strip()
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            return None
        if host:
            return host.removeprefix("www.")
    return None


def _sort_moment(published: PublicationDate) -> tuple[date, str]:
    return (published.day, published.iso())
