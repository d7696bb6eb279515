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
from storyline.synthesize.parse_batch import StoryParser
from storyline.synthesize.parse_cache import MemoryParseCache, ParseCache
from storyline.synthesize.parsing import ParsedArticle, StorySources
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

    The original articles of a whole batch of stories are parsed together with spaCy, or
    read back from the parse cache attached with `use_cache`; every extractor reads that
    parse. The local runner may run the stage in worker processes (`cpu_bound`), with the
    `*_remote` methods carrying cached and new parses between the worker and this process.
    """

    name = "synthesize"
    consumes: ClassVar[type] = Story
    produces: ClassVar[type] = Story
    cpu_bound: ClassVar[bool] = True

    def __init__(self, summary_words: int = DEFAULT_SUMMARY_WORDS) -> None:
        self.summary_words = summary_words
        self._nlp: Any = None
        self._cache: ParseCache | None = None
        self._parser: StoryParser | None = None
        self._parsed_before = 0  # paragraphs parsed by parsers this stage has dropped

    def params(self) -> dict[str, JSONValue]:
        return {"summary_words": self.summary_words}

    def setup(self) -> None:
        if self._nlp is None:
            self._nlp = load_spacy(disable=_SPACY_DISABLE)
            warm_up()

    def use_cache(self, cache: ParseCache | None) -> None:
        """Read and keep article parses in `cache` (a store), or stop using one."""
        if self._parser is not None:
            self._parsed_before += self._parser.parsed_paragraphs
        self._cache = cache
        self._parser = None

    @property
    def parse_cache(self) -> ParseCache | None:
        return self._cache

    @property
    def parsed_paragraphs(self) -> int:
        """How many paragraphs this stage has given spaCy (cached articles are not parsed)."""
        return self._parsed_before + (self._parser.parsed_paragraphs if self._parser else 0)

    def _story_parser(self) -> StoryParser:
        self.setup()
        if self._parser is None:
            self._parser = StoryParser(self._nlp, self._cache)
        return self._parser

    def process(self, batch: Sequence[Story]) -> list[Story | Dropped]:
        try:
            parsed = self._story_parser().parse(batch)
        except Exception:
            # One story's text must not cost the others their briefs: parse them one by one.
            logger.exception("batch parse failed; parsing its %d stories one by one", len(batch))
            return [self.brief(story) for story in batch]
        return [self.brief(story, parses) for story, parses in zip(batch, parsed, strict=True)]

    # A runner running the stage in a worker process: the cache stays in this process.
    def prepare_remote(self, batch: Sequence[Story]) -> dict[str, bytes]:
        """The cached parses a worker will need for `batch` (read here, in the parent)."""
        if self._cache is None:
            return {}
        return self._cache.cached_parses(self._story_parser().keys_of(batch))

    def process_remote(
        self, batch: Sequence[Story], cached: dict[str, bytes]
    ) -> tuple[list[Brief | Dropped], dict[str, bytes]]:
        """`process` in a worker, with the parent's cached parses: each story's brief (the
        parent holds the stories), and the new parses."""
        carried = MemoryParseCache(cached)
        kept = self._cache
        self.use_cache(carried)
        try:
            briefed = self.process(batch)
        finally:
            self.use_cache(kept)
        return [s.brief if isinstance(s, Story) else s for s in briefed], carried.stored

    def finish_remote(
        self, batch: Sequence[Story], briefs: list[Brief | Dropped], new_parses: dict[str, bytes]
    ) -> list[Story | Dropped]:
        """Back in the parent: keep the parses a worker made; the stories with their briefs."""
        if self._cache is not None and new_parses:
            self._cache.store_parses(new_parses)
        return [
            replace(story, brief=brief) if isinstance(brief, Brief) else brief
            for story, brief in zip(batch, briefs, strict=True)
        ]

    def detach_for_worker(self) -> None:
        """In a forked worker: drop the parent's cache (a store connection is not shareable)."""
        self._cache = None
        self._parser = None

    def __getstate__(self) -> dict[str, Any]:
        # A runner may ship the stage to another process: the model is loaded there, and the
        # cache (a store connection) stays here.
        return {"summary_words": self.summary_words}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def brief(self, story: Story, parsed: list[ParsedArticle] | None = None) -> Story:
        summary = summarize(story, self.summary_words)
        try:
            analysed = self.analyse(story, parsed)
        except Exception:
            # Text no rule foresaw must not cost the run, nor the story its summary.
            logger.exception("story %s: facts, quotes and timeline left empty", story.id)
            analysed = Brief()
        return replace(story, brief=replace(analysed, summary=summary))

    def analyse(self, story: Story, parsed: list[ParsedArticle] | None = None) -> Brief:
        """Facts, disagreements, quotes, entities and timeline of a story (no summary)."""
        sources = StorySources.of(story)
        if parsed is None:
            parsed = self._story_parser().parse([story])[0]
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
