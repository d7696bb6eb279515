"""The `stories.json` document: the outside contract, built from `Story` records.

Every story-level `sources` list is filtered to the story's own article ids (and
de-duplicated) so the contract rule "every sources list names articles of the same story"
holds even if an upstream stage slips; dropped ids are logged at debug level.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from storyline.model import (
    Article,
    Claim,
    Disagreement,
    Entity,
    Fact,
    PublicationDate,
    Quote,
    Story,
    SummarySentence,
    TimelineEntry,
)

logger = logging.getLogger(__name__)


def story_document(story: Story) -> dict[str, Any]:
    """One story as it appears in `stories.json`, with `key` and `size` as extra fields."""
    known = frozenset(article.id for article in story.articles)

    def sources(ids: Iterable[str]) -> list[str]:
        return story_sources(ids, known, story.id)

    brief = story.brief
    return {
        "id": story.id,
        "key": story.key,
        "title": story.title,
        "size": len(story.articles),
        "first_published": _iso_published(story.first_published),
        "last_published": _iso_published(story.last_published),
        "articles": [_article(article) for article in story.articles],
        "summary": [_summary(sentence, sources) for sentence in brief.summary],
        "facts": [_fact(fact, sources) for fact in brief.facts],
        "disagreements": [_disagreement(item, sources) for item in brief.disagreements],
        "quotes": [_quote(quote, sources) for quote in brief.quotes],
        "entities": [_entity(entity, sources) for entity in brief.entities],
        "timeline": [_timeline(entry, sources) for entry in sorted_timeline(brief.timeline)],
    }


def stories_document(stories: Sequence[Story]) -> dict[str, Any]:
    """`{"stories": [...]}`, largest story first; ties keep their input order."""
    return {"stories": [story_document(story) for story in by_size(stories)]}


def render_json(stories: Sequence[Story]) -> str:
    """`stories.json` as text. allow_nan=False: non-finite numbers were mapped to null, so a
    NaN reaching json.dumps is a bug to surface, not invalid JSON to write."""
    return json.dumps(stories_document(stories), ensure_ascii=False, indent=2, allow_nan=False)


def by_size(stories: Sequence[Story]) -> list[Story]:
    """Stories ordered by number of articles, largest first (a stable sort)."""
    return sorted(stories, key=lambda story: -len(story.articles))


def sorted_timeline(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Timeline entries by date; entries on the same day keep their given order."""
    return sorted(entries, key=lambda entry: day_of(entry.date))


def story_sources(ids: Iterable[str], known: frozenset[str], story_id: str) -> list[str]:
    """The ids that name articles of this story, first occurrence order, no repeats."""
    kept: list[str] = []
    for article_id in ids:
        if article_id not in known:
            logger.debug(
                "story %s: dropping source %r, not one of its articles", story_id, article_id
            )
        elif article_id not in kept:
            kept.append(article_id)
    return kept


def json_number(value: float | None) -> int | float | None:
    """An int when the value is integral, else a float; None for missing or non-finite values
    (JSON has no NaN or infinity)."""
    if value is None or isinstance(value, bool):
        return None
    number = float(value)
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() else number


def day_of(value: date) -> date:
    """The calendar day of a date, also when a datetime slipped in where a date belongs."""
    return value.date() if isinstance(value, datetime) else value


def iso_day(value: date | None) -> str | None:
    return day_of(value).isoformat() if value is not None else None


def _iso_published(published: PublicationDate | None) -> str | None:
    return published.iso() if published is not None else None


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published": article.published_iso,
        "duplicate_of": article.duplicate_of,
    }


_Sources = Callable[[Iterable[str]], list[str]]


def _summary(sentence: SummarySentence, sources: _Sources) -> dict[str, Any]:
    return {"text": sentence.text, "sources": sources(sentence.sources)}


def _fact(fact: Fact, sources: _Sources) -> dict[str, Any]:
    return {
        "text": fact.text,
        "subject": fact.subject,
        "action": fact.action,
        "value": json_number(fact.value),
        "approximate": bool(fact.approximate),
        "date": iso_day(fact.date),
        "attributed_to": fact.attributed_to,
        "sources": sources(fact.sources),
        "status": fact.status,
        "agent": fact.agent,
    }


def _claim(claim: Claim, sources: _Sources) -> dict[str, Any]:
    return {
        "value": json_number(claim.value),
        "text": claim.text,
        "attributed_to": claim.attributed_to,
        "sources": sources(claim.sources),
    }


def _disagreement(disagreement: Disagreement, sources: _Sources) -> dict[str, Any]:
    return {
        "about": disagreement.about,
        "claims": [_claim(claim, sources) for claim in disagreement.claims],
    }


def _quote(quote: Quote, sources: _Sources) -> dict[str, Any]:
    return {"speaker": quote.speaker, "text": quote.text, "sources": sources(quote.sources)}


def _entity(entity: Entity, sources: _Sources) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "sources": sources(entity.sources),
    }


def _timeline(entry: TimelineEntry, sources: _Sources) -> dict[str, Any]:
    return {
        "date": day_of(entry.date).isoformat(),
        "text": entry.text,
        "sources": sources(entry.sources),
        "precision": entry.precision,
    }
