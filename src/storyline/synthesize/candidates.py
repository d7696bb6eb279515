"""Candidate sentences of a story: the sentences of its original articles that could be said."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import Story

_MIN_WORDS = 6
_MAX_WORDS = 60


@dataclass(frozen=True, slots=True)
class CandidateSentence:
    article_id: str
    position: int
    text: str
    words: int


def is_sayable(text: str) -> bool:
    """Whole declarative sentences only: no fragments, no questions to the reader."""
    words = len(text.split())
    if not _MIN_WORDS <= words <= _MAX_WORDS or text.rstrip().endswith("?"):
        return False
    return text[:1].isupper() or text[:1] in "\"“'‘"


def story_sentences(story: Story) -> list[CandidateSentence]:
    """Every sentence of every original (non-duplicate) article, in article then text order."""
    out = []
    for article in story.articles:
        if article.duplicate_of is not None:
            continue
        for position, sentence in enumerate(article.sentences):
            out.append(
                CandidateSentence(article.id, position, sentence.text, len(sentence.text.split()))
            )
    return out


def copies_of(story: Story) -> dict[str, list[str]]:
    """Article id -> ids of its exact copies in the story (they support what it supports)."""
    copies: dict[str, list[str]] = {}
    for article in story.articles:
        if article.duplicate_of is not None:
            copies.setdefault(article.duplicate_of, []).append(article.id)
    return copies
