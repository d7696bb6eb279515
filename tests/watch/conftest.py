"""A synthesize stage shared by the watch tests (spaCy loads once), counting its briefs."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from storyline.model import Dropped, Story
from storyline.synthesize import SynthesizeStage


class CountingSynthesize(SynthesizeStage):
    """The real stage, remembering which story ids it briefed."""

    def __init__(self) -> None:
        super().__init__()
        self.briefed: list[str] = []

    def process(self, batch: Sequence[Story]) -> list[Story | Dropped]:
        self.briefed.extend(story.id for story in batch)
        return super().process(batch)


@pytest.fixture(scope="session")
def counting_synthesize() -> CountingSynthesize:
    stage = CountingSynthesize()
    stage.setup()
    return stage


@pytest.fixture
def synthesize(counting_synthesize: CountingSynthesize) -> CountingSynthesize:
    counting_synthesize.briefed.clear()
    return counting_synthesize


def stored_rows(db: Path) -> dict[str, tuple[int, str]]:
    """Each stored story's size and brief JSON, read straight from the file."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, size, brief FROM stories").fetchall()
    return {story_id: (size, brief) for story_id, size, brief in rows}


def story_with_title(db: Path, words: str) -> str:
    """The id of the stored story holding an article whose title contains `words`."""
    with sqlite3.connect(db) as conn:
        found = conn.execute(
            "SELECT DISTINCT sa.story_id FROM story_articles sa"
            " JOIN articles a ON a.id = sa.article_id WHERE a.title LIKE ?",
            (f"%{words}%",),
        ).fetchall()
    assert len(found) == 1, found
    story_id: str = found[0][0]
    return story_id


def report_sizes(out: Path) -> dict[str, int]:
    stories = json.loads((out / "stories.json").read_text())["stories"]
    return {story["id"]: len(story["articles"]) for story in stories}
