"""The optional abstractive mode: a language model rewrites the brief's summary, and storyline
keeps only what it can check.

The model gets numbered items, the extractive selection (twice the word budget, so it can
choose) and the brief's facts, and must cite the items each of its sentences draws on. A
sentence is kept only when it cites items that exist and every number and name in it is
found in those items (`llm_check`); its sources are the cited items' sources. Whenever the
endpoint fails or nothing survives the check, the extractive summary stays: the mode can
only replace a summary by a checked one, never lose it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from storyline.model import Dropped, Story, SummarySentence
from storyline.stage import JSONValue, MapStage
from storyline.synthesize.llm_check import unsupported
from storyline.synthesize.llm_client import LlmError, LlmSettings, chat
from storyline.synthesize.summarize import summarize

logger = logging.getLogger(__name__)

_MATERIAL_FACTOR = 2
_MAX_FACTS = 8
_TOKENS_PER_WORD = 3
_CITATIONS = re.compile(r"(?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])+")
_NUMBER = re.compile(r"\d+")
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")

SYSTEM_PROMPT = (
    "You are a news editor. Write a brief of one news story using only the numbered items "
    "you are given. Rules: at most {words} words; plain declarative sentences; the main "
    "event first, then what matters most; say each thing once; end every sentence with the "
    "numbers of the items it draws on in square brackets, like [2] or [1][4]; use no fact, "
    "number or name that is not in the items you cite; no headline, no lists, no notes."
)


@dataclass(frozen=True, slots=True)
class Item:
    """A numbered piece of evidence the model may cite."""

    text: str
    sources: tuple[str, ...]


def numbered_items(story: Story, summary_words: int) -> list[Item]:
    selection = summarize(story, summary_words * _MATERIAL_FACTOR)
    items = [Item(s.text, s.sources) for s in selection]
    facts = sorted(story.brief.facts, key=lambda f: (f.status != "corroborated", -len(f.sources)))
    items.extend(Item(f.text, f.sources) for f in facts[:_MAX_FACTS])
    return items


def prompt(items: Sequence[Item], summary_words: int) -> list[dict[str, str]]:
    listing = "\n".join(f"[{number}] {item.text}" for number, item in enumerate(items, start=1))
    return [
        {"role": "system", "content": SYSTEM_PROMPT.format(words=summary_words)},
        {"role": "user", "content": f"Items:\n{listing}\n\nWrite the brief."},
    ]


def cited_sentences(answer: str) -> list[tuple[str, list[int]]]:
    """(sentence, cited item numbers) in the answer's order; uncited text is left out."""
    out = []
    cursor = 0
    for match in _CITATIONS.finditer(answer):
        text = _LIST_MARK.sub("", answer[cursor : match.start()].strip()).strip()
        cursor = match.end()
        # The full stop may come after the citation: "... died [1]."
        while cursor < len(answer) and answer[cursor] in ".!":
            if not text.endswith((".", "!")):
                text += answer[cursor]
            cursor += 1
        if text:
            out.append((text, [int(n) for n in _NUMBER.findall(match.group(0))]))
    return out


def checked_summary(
    story: Story, answer: str, items: Sequence[Item], summary_words: int
) -> tuple[SummarySentence, ...]:
    """The answer's sentences that cite real items and state only what those items hold."""
    order = {article.id: index for index, article in enumerate(story.articles)}
    kept: list[SummarySentence] = []
    words = 0
    for text, numbers in cited_sentences(answer):
        cited = [items[n - 1] for n in dict.fromkeys(numbers) if 1 <= n <= len(items)]
        if not cited:
            logger.info("story %s: dropped an uncited model sentence", story.id)
            continue
        missing = unsupported(text, "\n".join(item.text for item in cited))
        if missing:
            logger.info(
                "story %s: dropped a model sentence, not in its sources: %s", story.id, missing
            )
            continue
        size = len(text.split())
        if words + size > summary_words or any(s.text == text for s in kept):
            continue
        sources = {source for item in cited for source in item.sources if source in order}
        kept.append(SummarySentence(text, tuple(sorted(sources, key=order.__getitem__))))
        words += size
    return tuple(kept)


class LlmBriefStage(MapStage[Story, Story]):
    """Rewrites each story's summary through an OpenAI-compatible endpoint, checked against
    the cited items; keeps the extractive summary when that fails."""

    name = "abstract"
    consumes: ClassVar[type] = Story
    produces: ClassVar[type] = Story

    def __init__(self, url: str, model: str, summary_words: int, timeout_seconds: float = 120.0):
        self.url = url
        self.model = model
        self.summary_words = summary_words
        self.timeout_seconds = timeout_seconds

    def params(self) -> dict[str, JSONValue]:
        return {
            "url": self.url,
            "model": self.model,
            "summary_words": self.summary_words,
            "timeout_seconds": self.timeout_seconds,
        }

    def process(self, batch: Sequence[Story]) -> list[Story | Dropped]:
        return [self.rewrite(story) for story in batch]

    def rewrite(self, story: Story) -> Story:
        items = numbered_items(story, self.summary_words)
        if not items:
            return story
        settings = LlmSettings(self.url, self.model, self.timeout_seconds)
        max_tokens = self.summary_words * _TOKENS_PER_WORD + 64
        try:
            answer = chat(settings, prompt(items, self.summary_words), max_tokens)
        except LlmError as error:
            logger.warning("story %s: extractive summary kept (%s)", story.id, error)
            return story
        summary = checked_summary(story, answer, items, self.summary_words)
        if not summary:
            logger.warning("story %s: extractive summary kept (no checked sentence)", story.id)
            return story
        return replace(story, brief=replace(story.brief, summary=summary))
