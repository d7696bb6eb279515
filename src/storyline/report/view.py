"""View models shared by the Markdown and HTML reports (and the web UI).

A `StoryView` holds display-ready values: articles numbered [1], [2]... per story so every
item can cite its sources briefly, dates as "10 Mar 2026", facts grouped by who states them.
Text stays raw here; each renderer escapes for its own format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from storyline.model import Article, Entity, PublicationDate, Story
from storyline.report.chart import TimelineChart, timeline_chart
from storyline.report.display import (
    anchor_id,
    format_date,
    format_period,
    format_value,
    outlet_name,
    web_url,
)
from storyline.report.document import by_size, day_of, sorted_timeline
from storyline.report.facts import (
    STATUSES,
    FactTable,
    FactView,
    fact_table,
    fact_views,
)
from storyline.report.refs import Cite, SourceRef

_ENTITY_GROUPS = (
    ("person", "People"),
    ("organization", "Organizations"),
    ("place", "Places"),
    ("other", "Other"),
)
__all__ = [
    "STATUSES",
    "ArticleView",
    "FactTable",
    "FactView",
    "SourceRef",
    "StoryView",
    "TimelineChart",
    "report_views",
    "story_view",
]
_K = TypeVar("_K")
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class ArticleView:
    ref: SourceRef
    title: str
    outlet: str | None
    date: str | None
    url: str | None
    web_url: str | None  # the url only when it is http(s), safe to use as a link target
    path: str | None
    duplicate_of: SourceRef | None
    duplicate_of_id: str | None  # set when the original is not one of this story's articles

    @property
    def citation(self) -> str:
        """One plain line naming the article, for source lists that readers copy."""
        parts = [self.outlet, f"“{self.title}”", self.date, self.url or self.path]
        return f"{self.ref.label} " + ", ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class SentenceView:
    text: str
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class ClaimView:
    value: str
    text: str
    attributed_to: str | None
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class DisagreementView:
    about: str
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    speaker: str
    quotes: tuple[SentenceView, ...]


@dataclass(frozen=True, slots=True)
class EntityView:
    name: str
    aliases: tuple[str, ...]
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class EntityGroup:
    type: str
    label: str
    entities: tuple[EntityView, ...]


@dataclass(frozen=True, slots=True)
class TimelineView:
    anchor: str
    iso: str
    date: str
    text: str
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class StoryView:
    id: str
    anchor: str
    title: str
    key: str | None
    size: int
    first_published: str | None
    last_published: str | None
    outlets: tuple[str, ...]
    articles: tuple[ArticleView, ...]
    summary: tuple[SentenceView, ...]
    fact_table: FactTable
    disagreements: tuple[DisagreementView, ...]
    quote_groups: tuple[QuoteGroup, ...]
    entity_groups: tuple[EntityGroup, ...]
    timeline: tuple[TimelineView, ...]
    chart: TimelineChart | None

    @property
    def date_range(self) -> str:
        if self.first_published is None or self.last_published is None:
            return "date unknown"
        if self.first_published == self.last_published:
            return self.first_published
        return f"{self.first_published} – {self.last_published}"


def report_views(stories: Sequence[Story]) -> list[StoryView]:
    """Views of all stories, largest first, each with an anchor unique in the report."""
    ordered = by_size(stories)
    return [
        story_view(story, anchor=anchor)
        for story, anchor in zip(ordered, unique_anchors(ordered), strict=True)
    ]


def unique_anchors(stories: Iterable[Story]) -> list[str]:
    """Each story's anchor (`anchor_id`), suffixed -2, -3... when already taken."""
    taken: set[str] = set()
    anchors = []
    for story in stories:
        anchor = base = anchor_id(story.id)
        counter = 2
        while anchor in taken:
            anchor = f"{base}-{counter}"
            counter += 1
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def story_view(story: Story, *, anchor: str | None = None) -> StoryView:
    """One story's view; `anchor` (from `anchor_id`, made unique by `report_views`) prefixes
    every HTML id the story's section uses."""
    story_anchor = anchor if anchor is not None else anchor_id(story.id)
    refs = {
        article.id: SourceRef(
            number=number,
            article_id=article.id,
            outlet=outlet_name(article),
            title=article.title,
            anchor=f"{story_anchor}--a{number}",
        )
        for number, article in enumerate(_unique_articles(story.articles), start=1)
    }

    def cite(ids: Iterable[str]) -> tuple[SourceRef, ...]:
        return tuple(dict.fromkeys(refs[i] for i in ids if i in refs))

    brief = story.brief
    facts = fact_views(brief.facts, cite)
    timeline = sorted_timeline(brief.timeline)
    articles = _unique_articles(story.articles)
    outlets = tuple(dict.fromkeys(ref.outlet for ref in refs.values() if ref.outlet))
    first, last = story.first_published, story.last_published
    return StoryView(
        id=story.id,
        anchor=story_anchor,
        title=story.title,
        key=story.key,
        size=len(story.articles),
        first_published=_published(first),
        last_published=_published(last),
        outlets=outlets,
        articles=tuple(_article_view(refs[a.id], a, refs) for a in articles),
        summary=tuple(SentenceView(s.text, cite(s.sources)) for s in brief.summary),
        fact_table=fact_table(facts),
        disagreements=tuple(
            DisagreementView(
                about=item.about,
                claims=tuple(
                    ClaimView(
                        format_value(c.value, False), c.text, c.attributed_to, cite(c.sources)
                    )
                    for c in item.claims
                ),
            )
            for item in brief.disagreements
        ),
        quote_groups=tuple(
            QuoteGroup(speaker, tuple(SentenceView(q.text, cite(q.sources)) for q in quotes))
            for speaker, quotes in _grouped(brief.quotes, lambda q: q.speaker).items()
        ),
        entity_groups=_entity_groups(brief.entities, cite),
        timeline=tuple(
            TimelineView(
                f"{story_anchor}--t{number}",
                day_of(t.date).isoformat(),
                format_period(t.date, t.precision),
                t.text,
                cite(t.sources),
            )
            for number, t in enumerate(timeline, start=1)
        ),
        chart=timeline_chart(
            (day_of(a.published.day) for a in articles if a.published is not None),
            [(day_of(t.date), t.text) for t in timeline],
        ),
    )


def _published(published: PublicationDate | None) -> str | None:
    return format_date(published.day) if published is not None else None


def _unique_articles(articles: Iterable[Article]) -> list[Article]:
    first: dict[str, Article] = {}
    for article in articles:
        first.setdefault(article.id, article)
    return list(first.values())


def _grouped(items: Iterable[_T], key: Callable[[_T], _K]) -> dict[_K, list[_T]]:
    groups: dict[_K, list[_T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _article_view(ref: SourceRef, article: Article, refs: dict[str, SourceRef]) -> ArticleView:
    original = article.duplicate_of
    return ArticleView(
        ref=ref,
        title=article.title or article.path or article.url or article.id,
        outlet=ref.outlet,
        date=_published(article.published),
        url=article.url,
        web_url=web_url(article.url),
        path=article.path,
        duplicate_of=refs.get(original) if original is not None else None,
        duplicate_of_id=original if original is not None and original not in refs else None,
    )


def _entity_groups(entities: Iterable[Entity], cite: Cite) -> tuple[EntityGroup, ...]:
    known = {kind for kind, _ in _ENTITY_GROUPS}
    grouped = _grouped(entities, lambda entity: entity.type if entity.type in known else "other")
    return tuple(
        EntityGroup(
            type=kind,
            label=label,
            entities=tuple(EntityView(e.name, e.aliases, cite(e.sources)) for e in grouped[kind]),
        )
        for kind, label in _ENTITY_GROUPS
        if kind in grouped
    )
