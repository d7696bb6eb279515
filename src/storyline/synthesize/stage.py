"""The synthesize stage: fills each story's brief."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from storyline.model import Brief, Dropped, Entity, Story
from storyline.nlp import load_spacy
from storyline.stage import JSONValue, MapStage
from storyline.synthesize.attribution import fuller_names, plain_source
from storyline.synthesize.corroborate import corroborate
from storyline.synthesize.entities import EntityIndex
from storyline.synthesize.facts import FactMention, find_facts
from storyline.synthesize.parsing import StorySources, parse_story
from storyline.synthesize.quotes import QuoteMention, find_quotes, merge_quotes
from storyline.synthesize.summarize import summarize
from storyline.synthesize.temporal import warm_up
from storyline.synthesize.timeline import DateMention, build_timeline, date_mentions

logger = logging.getLogger(__name__)

DEFAULT_SUMMARY_WORDS = 120
# The parse needs the tagger and lemmatizer (verb lemmas), the parser (who did what) and
# the entity recognizer (names, dates, figures): every component of the small model.
_SPACY_DISABLE: tuple[str, ...] = ()


class SynthesizeStage(MapStage[Story, Story]):
    """Writes the brief of each story: an extractive summary with sources, quantity facts
    with their sources and status, disagreements between figures, quotes with speakers,
    merged entities and a dated timeline.

    The story's original articles are parsed once with spaCy; every extractor reads that
    parse.
    """

    name = "synthesize"
    consumes: ClassVar[type] = Story
    produces: ClassVar[type] = Story

    def __init__(self, summary_words: int = DEFAULT_SUMMARY_WORDS) -> None:
        self.summary_words = summary_words
        self._nlp: Any = None

    def params(self) -> dict[str, JSONValue]:
        return {"summary_words": self.summary_words}

    def setup(self) -> None:
        if self._nlp is None:
            self._nlp = load_spacy(disable=_SPACY_DISABLE)
            warm_up()

    def process(self, batch: Sequence[Story]) -> list[Story | Dropped]:
        return [self.brief(story) for story in batch]

    def __getstate__(self) -> dict[str, Any]:
        # A runner may ship the stage to another process: the model is loaded there.
        return {"summary_words": self.summary_words, "_nlp": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def brief(self, story: Story) -> Story:
        summary = summarize(story, self.summary_words)
        try:
            analysed = self.analyse(story)
        except Exception:
            # Text no rule foresaw must not cost the run, nor the story its summary.
            logger.exception("story %s: facts, quotes and timeline left empty", story.id)
            analysed = Brief()
        return replace(story, brief=replace(analysed, summary=summary))

    def analyse(self, story: Story) -> Brief:
        """Facts, disagreements, quotes, entities and timeline of a story (no summary)."""
        self.setup()
        sources = StorySources.of(story)
        parsed = parse_story(self._nlp, story)
        entities = EntityIndex(parsed, sources)
        quotes: list[QuoteMention] = []
        dates: list[DateMention] = []
        fact_mentions: list[FactMention] = []
        for article in parsed:
            published = article.article.published.day if article.article.published else None
            article_quotes = find_quotes(article, entities)
            article_dates = date_mentions(article, published)
            fact_mentions.extend(find_facts(article, entities, article_quotes, article_dates))
            quotes.extend(article_quotes)
            dates.extend(article_dates)
        found_entities = entities.entities()
        fact_mentions, quotes = _name_sources_fully(fact_mentions, quotes, found_entities)
        facts, disagreements = corroborate(fact_mentions, sources)
        return Brief(
            facts=facts,
            disagreements=disagreements,
            quotes=merge_quotes(quotes, sources),
            entities=found_entities,
            timeline=build_timeline(dates, sources),
        )


def _name_sources_fully(
    facts: list[FactMention], quotes: list[QuoteMention], entities: tuple[Entity, ...]
) -> tuple[list[FactMention], list[QuoteMention]]:
    """ "The ministry said" and "the health ministry said" name one source: use the fuller
    name wherever the story has exactly one."""
    organisations = [e.name for e in entities if e.type == "organization"]
    said_by = [f.attributed_to for f in facts if f.attributed_to] + [q.speaker for q in quotes]
    fuller = fuller_names(said_by, organisations)

    def named(source: str | None) -> str | None:
        if source is None:
            return None
        plain = plain_source(source)
        return fuller.get(plain, plain)

    return (
        [replace(f, attributed_to=named(f.attributed_to)) for f in facts],
        [replace(q, speaker=named(q.speaker) or q.speaker) for q in quotes],
    )
