"""The spaCy parse of a story: every original article, paragraph by paragraph.

`parse_batch.StoryParser` parses the articles of many stories in one `pipe`, through the
parse cache; `parse_story` parses one story alone.

Paragraphs are parsed as separate docs so that a heading or a photo caption never runs into
the sentence after it; each sentence keeps its article, paragraph and character offset so
that the extractors can look at neighbouring sentences and the article's other paragraphs.
Syndicated copies (`duplicate_of` set) are not parsed: they support whatever their original
supports, and they never count as another outlet.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storyline.model import Article, Story, outlet_of
from storyline.nlp import parse_texts

# Longer articles are cut: the brief must stay fast on a page that is a whole archive.
MAX_ARTICLE_CHARS = 60_000
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """A parsed sentence (a spaCy Span) with where it sits in its article."""

    article_id: str
    paragraph: int
    index: int  # position of the sentence in its article
    span: Any
    start: int  # character offset in the article text
    ents: tuple[Any, ...] = ()  # the named entities inside the sentence

    @property
    def text(self) -> str:
        return str(self.span.text).strip()


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    article: Article
    sentences: tuple[ParsedSentence, ...]
    paragraphs: dict[int, str]  # paragraph number -> its text, as parsed

    @property
    def id(self) -> str:
        return self.article.id

    def sentence_at(self, char: int) -> int:
        """The index of the sentence holding a character offset of the article text."""
        before = [s.index for s in self.sentences if s.start <= char]
        return before[-1] if before else 0


@dataclass(frozen=True, slots=True)
class StorySources:
    """Which articles back which: copies of an original, and the outlet each one counts as."""

    order: tuple[str, ...]
    copies: dict[str, tuple[str, ...]]
    outlets: dict[str, str]

    @classmethod
    def of(cls, story: Story) -> StorySources:
        by_id = {article.id: article for article in story.articles}
        copies: dict[str, list[str]] = {}
        for article in story.articles:
            original = _original_of(article, by_id)
            if original != article.id:
                copies.setdefault(original, []).append(article.id)
        outlets = {
            article.id: outlet_key(by_id[_original_of(article, by_id)])
            for article in story.articles
        }
        return cls(
            order=tuple(a.id for a in story.articles),
            copies={key: tuple(value) for key, value in copies.items()},
            outlets=outlets,
        )

    def expand(self, article_ids: Iterable[str]) -> tuple[str, ...]:
        """The articles plus their copies, in story order."""
        wanted = set(article_ids)
        for article_id in list(wanted):
            wanted.update(self.copies.get(article_id, ()))
        return tuple(a for a in self.order if a in wanted)

    def outlet_count(self, article_ids: Iterable[str]) -> int:
        """How many independent outlets the articles come from."""
        return len({self.outlets.get(a, a) for a in article_ids})


def outlet_key(article: Article) -> str:
    """The outlet an article counts as (see `outlet_of`), case-folded, else itself."""
    outlet = outlet_of(article.source, article.url)
    return "outlet:" + outlet.casefold() if outlet else "article:" + article.id


def _original_of(article: Article, by_id: dict[str, Article]) -> str:
    seen = {article.id}
    current = article
    while current.duplicate_of is not None and current.duplicate_of in by_id:
        if current.duplicate_of in seen:
            break
        seen.add(current.duplicate_of)
        current = by_id[current.duplicate_of]
    return current.id


def original_articles(story: Story) -> list[Article]:
    known = {article.id for article in story.articles}
    return [
        article
        for article in story.articles
        if article.duplicate_of is None or article.duplicate_of not in known
    ]


def paragraphs_of(article: Article) -> list[tuple[str, int, int]]:
    """The paragraphs an article is parsed as: (text, paragraph number, character offset)."""
    text = article.text[:MAX_ARTICLE_CHARS]
    found = []
    for paragraph, match in enumerate(_PARAGRAPH.finditer(text)):
        # Leading blanks would become a token of their own and change the parse.
        body = match.group().lstrip()
        if body.strip():
            start = match.start() + len(match.group()) - len(body)
            found.append((body.rstrip(), paragraph, start))
    return found


def parsed_article(
    article: Article, paragraphs: list[tuple[str, int, int]], docs: Iterable[Any]
) -> ParsedArticle:
    """An article's sentences from the docs of its paragraphs (in `paragraphs_of` order)."""
    bucket: list[ParsedSentence] = []
    for doc, (_, paragraph, offset) in zip(docs, paragraphs, strict=True):
        # Span.ents scans the whole doc: bucket the doc's entities once, by sentence.
        entities = list(doc.ents)
        starts = [e.start for e in entities]
        for span in doc.sents:
            first, last = bisect_left(starts, span.start), bisect_left(starts, span.end)
            inside = tuple(entities[first:last])
            if not span.text.strip():
                continue
            bucket.append(
                ParsedSentence(
                    article_id=article.id,
                    paragraph=paragraph,
                    index=len(bucket),
                    span=span,
                    start=offset + span.start_char,
                    ents=inside,
                )
            )
    texts = {paragraph: text for text, paragraph, _ in paragraphs}
    return ParsedArticle(article, tuple(bucket), texts)


def parse_story(nlp: Any, story: Story) -> list[ParsedArticle]:
    """Parse the original articles of a story in one pipe call (no cache)."""
    articles = original_articles(story)
    paragraphs = [paragraphs_of(article) for article in articles]
    docs = iter(parse_texts(nlp, (text for texts in paragraphs for text, _, _ in texts)))
    return [
        parsed_article(article, texts, [next(docs) for _ in texts])
        for article, texts in zip(articles, paragraphs, strict=True)
    ]
