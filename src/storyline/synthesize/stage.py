"""The synthesize stage: fills each story's brief."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from storyline.model import Brief, Dropped, Story
from storyline.stage import JSONValue, MapStage
from storyline.synthesize.summarize import summarize

DEFAULT_SUMMARY_WORDS = 120


class SynthesizeStage(MapStage[Story, Story]):
    """Writes the brief of each story: an extractive summary with sources.

    Facts, disagreements, quotes, entities and the timeline are present and empty until
    their extractors land.
    """

    name = "synthesize"
    consumes: ClassVar[type] = Story
    produces: ClassVar[type] = Story

    def __init__(self, summary_words: int = DEFAULT_SUMMARY_WORDS) -> None:
        self.summary_words = summary_words

    def params(self) -> dict[str, JSONValue]:
        return {"summary_words": self.summary_words}

    def process(self, batch: Sequence[Story]) -> list[Story | Dropped]:
        return [self.brief(story) for story in batch]

    def brief(self, story: Story) -> Story:
        return replace(story, brief=Brief(summary=summarize(story, self.summary_words)))
