"""Story ids and titles."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from storyline.model import Article, publication_order

_MAX_TITLE_WORDS = 16


def founding_article(articles: Sequence[Article]) -> Article:
    return min(articles, key=publication_order)


def story_id(articles: Sequence[Article], key: str | None = None) -> str:
    """Stable while the story grows: named after its given key or its earliest article."""
    if key is not None:
        return "g" + hashlib.sha1(key.encode()).hexdigest()[:12]
    return "s" + hashlib.sha1(founding_article(articles).id.encode()).hexdigest()[:12]


def headline_of(article: Article) -> str:
    """The article's title, or its first sentence cut to headline length."""
    if article.title:
        return article.title
    first = article.sentences[0].text if article.sentences else article.text
    words = first.split()
    return " ".join(words[:_MAX_TITLE_WORDS]) + ("…" if len(words) > _MAX_TITLE_WORDS else "")
