"""Headline-only input (a wire of one-line items) groups with its own fitted thresholds."""

from __future__ import annotations

from datetime import date

from storyline.cluster import StoryClusterer
from storyline.model import Article
from tests.conftest import make_article

FLOOD_HEADLINES = [
    "Ossen river floods Tarvel villages, 14 dead",
    "Tarvel flood death toll rises as Ossen waters spread",
    "Thousands flee rising Ossen river in Tarvel province",
    "Rescuers search flooded Tarvel villages for survivors",
    "Ossen flooding: aid groups say 21 killed in Tarvel",
]
STRIKE_HEADLINES = [
    "Port Elsin transit strike enters fourth day",
    "Port Elsin union rejects city pay offer, strike goes on",
    "Commuters turn to ferries as Port Elsin transit strike drags on",
    "Bus and tram drivers in Port Elsin hold out for nine percent rise",
]


def _headlines() -> list[Article]:
    day = date(2026, 3, 10)
    flood = [make_article(f"flood{i}", t, day=day) for i, t in enumerate(FLOOD_HEADLINES)]
    strike = [make_article(f"strike{i}", t, day=day) for i, t in enumerate(STRIKE_HEADLINES)]
    return [item for pair in zip(flood, strike, strict=False) for item in pair] + flood[4:]


def _groups(clusterer: StoryClusterer) -> list[set[str]]:
    clusterer.add(_headlines())
    return [set(ids) for ids in clusterer.finish()]


def test_headlines_of_two_stories_group_into_two_stories() -> None:
    groups = _groups(StoryClusterer())
    assert {f"flood{i}" for i in range(len(FLOOD_HEADLINES))} in groups
    assert {f"strike{i}" for i in range(len(STRIKE_HEADLINES))} in groups
