"""Shared builders and paths for the tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from storyline.clean.sentences import split_sentences
from storyline.model import Article, PublicationDate

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
SCRAPED_ONE_STORY = ROOT / "examples" / "scraped-one-story"
SHARED_DATA = ROOT.parent / "shared" / "data"


def needs_shared_data(*parts: str) -> pytest.MarkDecorator:
    """Skip, saying why, when ../shared/data (research data, never in this repo) is absent."""
    path = SHARED_DATA.joinpath(*parts)
    return pytest.mark.skipif(
        not path.exists(), reason=f"needs {path} (the shared benchmark data is not beside the repo)"
    )


def make_article(
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    day: date | None = None,
    source: str | None = None,
    given_story: str | None = None,
    duplicate_of: str | None = None,
    language: str | None = "en",
) -> Article:
    return Article(
        id=article_id,
        source_key=f"test:{article_id}",
        content_hash=f"hash-{article_id}",
        kind="text",
        text=text,
        sentences=split_sentences(text),
        path=f"{article_id}.txt",
        title=title,
        source=source,
        published=PublicationDate(day, None, "header", 1.0) if day else None,
        language=language,
        given_story=given_story,
        duplicate_of=duplicate_of,
    )


def articles_by_id(articles: Sequence[Article]) -> dict[str, Article]:
    return {a.id: a for a in articles}
