"""A briefing stage shared by the synthesize tests (the spaCy model loads once)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest

from storyline.cluster.stage import make_story
from storyline.model import Brief, Story
from storyline.synthesize import SynthesizeStage
from tests.conftest import make_article


@pytest.fixture(scope="session")
def brief_stage() -> SynthesizeStage:
    stage = SynthesizeStage()
    stage.setup()
    return stage


def story_of(texts: Iterable[str], day: date | None = date(2026, 3, 10)) -> Story:
    """A story of invented articles, one outlet each, published on `day`."""
    articles = tuple(
        make_article(f"a{i}", text, day=day, source=f"Outlet {i}") for i, text in enumerate(texts)
    )
    return make_story(articles)


def analyse(stage: SynthesizeStage, *texts: str, day: date | None = date(2026, 3, 10)) -> Brief:
    return stage.analyse(story_of(texts, day))
