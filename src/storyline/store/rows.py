"""An Article as a row of the articles table, and back.

`duplicate_of` is not an article column: it is a finding of deduplication within a story, so
it lives in the story membership table and is passed in when a story is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, cast

from storyline.model import Article, InputKind, outlet_of
from storyline.store.codec import (
    PublishedColumns,
    published_from_columns,
    published_to_columns,
    sentences_from_json,
    sentences_to_json,
)

# The order of `article_to_row`. Identity first: id, then (source_key, content_hash), which
# decides whether two ingests are the same article; the rest may be updated in place.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id",
    "source_key",
    "content_hash",
    "kind",
    "path",
    "url",
    "source",
    "title",
    *PublishedColumns._fields,
    "language",
    "given_story",
    "text",
    "sentences",
)

# For queries that alias the articles table as `a` (it is joined with story_articles).
SELECT_ARTICLE = ", ".join(f"a.{column}" for column in ARTICLE_COLUMNS)

_PUBLISHED_AT = ARTICLE_COLUMNS.index(PublishedColumns._fields[0])
_PUBLISHED_END = _PUBLISHED_AT + len(PublishedColumns._fields)


def article_to_row(article: Article) -> tuple[Any, ...]:
    return (
        article.id,
        article.source_key,
        article.content_hash,
        article.kind,
        article.path,
        article.url,
        article.source,
        article.title,
        *published_to_columns(article.published),
        article.language,
        article.given_story,
        article.text,
        sentences_to_json(article.text, article.sentences),
    )


def article_from_row(row: Sequence[Any], duplicate_of: str | None = None) -> Article:
    (article_id, source_key, content_hash, kind, path, url, source, title) = row[:_PUBLISHED_AT]
    language, given_story, text, sentences = row[_PUBLISHED_END:]
    return Article(
        id=article_id,
        source_key=source_key,
        content_hash=content_hash,
        kind=cast(InputKind, kind),
        text=text,
        sentences=sentences_from_json(text, sentences),
        path=path,
        url=url,
        source=source,
        title=title,
        published=published_from_columns(PublishedColumns(*row[_PUBLISHED_AT:_PUBLISHED_END])),
        language=language,
        given_story=given_story,
        duplicate_of=duplicate_of,
    )


def outlets_to_json(members: Iterable[tuple[str | None, str | None]]) -> str:
    """The distinct outlets of (source, url) pairs as a JSON array, in order of first
    appearance; spellings that differ only in case count as one outlet, as in corroboration."""
    outlets: dict[str, str] = {}
    for source, url in members:
        outlet = outlet_of(source, url)
        if outlet is not None:
            outlets.setdefault(outlet.casefold(), outlet)
    return json.dumps(list(outlets.values()), ensure_ascii=False)


def outlets_from_json(encoded: str) -> tuple[str, ...]:
    return tuple(json.loads(encoded))
