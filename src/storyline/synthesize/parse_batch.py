"""Parsing the original articles of many stories at once, through a parse cache.

One `nlp.pipe` over the paragraphs of every article of a batch of stories keeps spaCy's
batches full (stories of two or three short articles would each make a tiny batch). An
article already parsed, in this batch or in an earlier run, is read back from the cache
instead; an article in several stories of the batch is parsed once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from storyline.model import Article, Story
from storyline.nlp import parse_texts
from storyline.synthesize.parse_cache import (
    ParseCache,
    docs_from_bytes,
    docs_to_bytes,
    model_id,
    parse_key,
)
from storyline.synthesize.parsing import (
    MAX_ARTICLE_CHARS,
    ParsedArticle,
    original_articles,
    paragraphs_of,
    parsed_article,
)

logger = logging.getLogger(__name__)

# Docs per spaCy batch: large enough to amortise each layer's call, small enough for memory.
PIPE_BATCH = 64


class StoryParser:
    """Parses stories' original articles with one pipeline, optionally through a cache.

    `parsed_paragraphs` counts the paragraphs actually given to spaCy, so callers (and
    tests) can see what the cache saved.
    """

    def __init__(self, nlp: Any, cache: ParseCache | None = None) -> None:
        self.nlp = nlp
        self.cache = cache
        self.parsed_paragraphs = 0
        self._model = model_id(nlp)

    def key_of(self, article: Article) -> str:
        return parse_key(article.text[:MAX_ARTICLE_CHARS], self._model)

    def keys_of(self, stories: Sequence[Story]) -> list[str]:
        """The cache keys of every article the stories would parse, without repeats."""
        keys = (self.key_of(a) for story in stories for a in original_articles(story))
        return list(dict.fromkeys(keys))

    def parse(self, stories: Sequence[Story]) -> list[list[ParsedArticle]]:
        """Each story's parsed original articles, in story order."""
        originals = [original_articles(story) for story in stories]
        keys = {id(a): self.key_of(a) for articles in originals for a in articles}
        docs_by_key = self._cached_docs(list(dict.fromkeys(keys.values())))
        missing: dict[str, Article] = {}
        for articles in originals:
            for article in articles:
                if keys[id(article)] not in docs_by_key:
                    missing.setdefault(keys[id(article)], article)
        docs_by_key.update(self._parse_missing(missing))
        return [
            [
                parsed_article(article, paragraphs_of(article), docs_by_key[keys[id(article)]])
                for article in articles
            ]
            for articles in originals
        ]

    def _cached_docs(self, keys: list[str]) -> dict[str, list[Any]]:
        if self.cache is None or not keys:
            return {}
        found: dict[str, list[Any]] = {}
        for key, data in self.cache.cached_parses(keys).items():
            try:
                found[key] = docs_from_bytes(data, self.nlp.vocab)
            except Exception:  # a damaged entry is parsed again and overwritten
                logger.warning("unreadable cached parse %s: parsing the article again", key)
        return found

    def _parse_missing(self, missing: dict[str, Article]) -> dict[str, list[Any]]:
        if not missing:
            return {}
        paragraphs = {key: paragraphs_of(article) for key, article in missing.items()}
        texts = [text for found in paragraphs.values() for text, _, _ in found]
        docs = iter(parse_texts(self.nlp, texts, batch_size=PIPE_BATCH))
        parsed = {key: [next(docs) for _ in found] for key, found in paragraphs.items()}
        self.parsed_paragraphs += len(texts)
        if self.cache is not None:
            self.cache.store_parses({key: docs_to_bytes(d) for key, d in parsed.items()})
        return parsed
