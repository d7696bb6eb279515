"""Story ids and titles.

A story is named after its earliest article, so its id stays the same while it grows and
across runs. Its title is the most central headline: the one whose words the story's
articles share most, so that a side-story's or a feature's headline is not picked just
because it came first.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from storyline.cluster.vectors import words
from storyline.model import Article, publication_order

_MAX_TITLE_WORDS = 16
_LEAD_CHARACTERS = 600


def founding_article(articles: Sequence[Article]) -> Article:
    return min(articles, key=publication_order)


def founder_story_id(founder_article_id: str) -> str:
    return "s" + hashlib.sha1(founder_article_id.encode()).hexdigest()[:12]


def story_id(articles: Sequence[Article], key: str | None = None) -> str:
    """Stable while the story grows: named after its given key or its earliest article."""
    if key is not None:
        return "g" + hashlib.sha1(key.encode()).hexdigest()[:12]
    return founder_story_id(founding_article(articles).id)


def headline_of(article: Article) -> str:
    """The article's title, or its first sentence cut to headline length."""
    if article.title:
        return article.title
    first = article.sentences[0].text if article.sentences else article.text
    return _shorten(first)


def _shorten(text: str) -> str:
    split = text.split()
    cut = " ".join(split[:_MAX_TITLE_WORDS])
    return cut + ("…" if len(split) > _MAX_TITLE_WORDS else "")


def story_title(articles: Sequence[Article]) -> str:
    """The most central headline of the story's originals (titles before first sentences)."""
    originals = [a for a in articles if a.duplicate_of is None] or list(articles)
    if len(originals) == 1:
        return headline_of(originals[0])
    spread: Counter[str] = Counter()
    for article in originals:
        # the headline and the lead say what a story is about; the rest only costs time
        spread.update(set(words(f"{article.title or ''} {article.text[:_LEAD_CHARACTERS]}")))

    def centrality(article: Article) -> tuple[bool, float, tuple[str, str]]:
        headline = set(words(headline_of(article)))
        shared = sum(spread[w] - 1 for w in headline) / max(len(headline), 1) ** 0.5
        return (article.title is not None, shared, _negated(publication_order(article)))

    return headline_of(max(originals, key=centrality))


def _negated(order: tuple[str, str]) -> tuple[str, str]:
    # max() must prefer the earliest article on ties; invert each character's order.
    return tuple("".join(chr(0x10FFFF - ord(c)) for c in part) for part in order)  # type: ignore[return-value]
