"""The closing pass for lone articles: a one-article story joins its nearest story when
that one is clearly ahead of every other, even below the join and merge bars."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np

from storyline.cluster import ClusterParams, StoryClusterer
from storyline.cluster.merge import clear_lead
from storyline.model import Article
from tests.cluster.stories import week_of_news
from tests.conftest import make_article

# Bars no pair of articles reaches: every article founds a story and no merge joins them,
# so whatever ends up together was joined by the closing pass.
APART = replace(ClusterParams(), join_threshold=2.0, merge_threshold=2.0)


def _news(*ids: str) -> list[Article]:
    return [a for a in week_of_news() if a.id in ids]


def _finish(articles: list[Article], params: ClusterParams) -> list[set[str]]:
    clusterer = StoryClusterer(params)
    clusterer.add(articles)
    return [set(ids) for ids in clusterer.finish()]


def test_a_lead_counts_only_when_it_is_clear() -> None:
    assert clear_lead(np.array([0.05, 0.30, 0.10]), 1, 0.04, 0.1)
    assert not clear_lead(np.array([0.28, 0.30, 0.10]), 1, 0.04, 0.1)
    assert not clear_lead(np.array([0.01, 0.08, 0.0]), 1, 0.04, 0.1)  # below the floor
    assert clear_lead(np.array([0.30]), 0, 0.04, 0.1)  # no runner-up: measured against 0


def test_lone_articles_join_a_clearly_nearest_story_when_they_close() -> None:
    articles = _news("flood0", "flood1", "strike0", "strike1")
    groups = _finish(articles, APART)
    assert sorted(groups, key=min) == [{"flood0", "flood1"}, {"strike0", "strike1"}]
    # Without the pass, the same bars leave every article alone.
    alone = _finish(articles, replace(APART, lone_margin=2.0))
    assert len(alone) == len(articles)


def test_near_ties_and_weak_leads_stay_alone() -> None:
    # market1 is about as near market0 as market2 is (no clear lead): it stays alone, while
    # market0 and market2, each the other's clear nearest, join. convoy0's nearest is a
    # market article, far ahead of nothing else in so small a stream but below the floor.
    articles = _news("market0", "market1", "market2", "convoy0")
    groups = _finish(articles, APART)
    assert sorted(groups, key=min) == [{"convoy0"}, {"market0", "market2"}, {"market1"}]
    # Without the floor the weak lead would have taken convoy0 into the market story.
    assert {"convoy0", "market0", "market2"} in _finish(articles, replace(APART, lone_floor=0.0))


def test_a_lone_article_that_expires_joins_a_story_still_open_and_is_reported() -> None:
    # flood0 goes quiet past the window (the strike advances the clock) while flood1, five
    # days later, is still open: flood0 joins flood1's story, which stays open.
    flood0, flood1, strike0 = _news("flood0", "flood1", "strike0")
    later = make_article("flood1", flood1.text, title=flood1.title, day=date(2026, 3, 14))
    strike = make_article("strike0", strike0.text, title=strike0.title, day=date(2026, 3, 18))
    params = replace(APART, merge_every=1, batch_size=1)
    clusterer = StoryClusterer(params)
    clusterer.add([flood0, later])
    assignments = clusterer.add([strike])
    assert not clusterer.closed
    assert any(set(s.article_ids) == {"flood0", "flood1"} for s in clusterer.open.values())
    assert {a.article_id for a in assignments} >= {"flood1", "strike0"}
