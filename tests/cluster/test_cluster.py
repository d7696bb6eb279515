from __future__ import annotations

from datetime import date

from storyline.cluster import ClusterStage, GivenStoriesStage, OneStoryStage
from storyline.model import Article
from storyline.pipeline import Pipeline, RunReport
from storyline.runners import LocalRunner
from tests.conftest import make_article

FLOOD = [
    "The Ossen river burst its banks in Tarvel province, flooding villages and killing 14 people.",
    "Floods along the Ossen river in Tarvel province killed at least 21 people, aid groups said.",
    "Rescuers in Tarvel province searched flooded villages along the Ossen river for survivors.",
]
STRIKE = [
    "Port Elsin transit workers stayed on strike as the union rejected the pay offer.",
    "The transit strike in Port Elsin entered its fourth day, with the union demanding a pay rise.",
]


def _articles() -> list[Article]:
    flood = [make_article(f"f{i}", t, day=date(2026, 3, 9 + i)) for i, t in enumerate(FLOOD)]
    strike = [make_article(f"s{i}", t, day=date(2026, 3, 9 + i)) for i, t in enumerate(STRIKE)]
    return flood + strike


def _groups(stage, articles) -> list[set[str]]:  # type: ignore[no-untyped-def]
    stories = LocalRunner().run(Pipeline.of(stage), articles, RunReport())
    return [{a.id for a in s.articles} for s in stories]


def test_similar_articles_group_and_different_stories_stay_apart() -> None:
    groups = _groups(ClusterStage(), _articles())
    assert {"f0", "f1", "f2"} in groups
    assert {"s0", "s1"} in groups


def test_one_story_puts_everything_together() -> None:
    assert _groups(OneStoryStage(), _articles()) == [{"f0", "f1", "f2", "s0", "s1"}]


def test_given_stories_follow_the_keys_not_the_text() -> None:
    articles = [
        make_article("a", FLOOD[0], given_story="k1"),
        make_article("b", STRIKE[0], given_story="k1"),
        make_article("c", FLOOD[1], given_story="k2"),
    ]
    groups = _groups(GivenStoriesStage(), articles)
    assert sorted(groups, key=len) == [{"c"}, {"a", "b"}]


def test_copies_join_their_originals_story() -> None:
    articles = [*_articles(), make_article("copy", FLOOD[0], duplicate_of="f0")]
    groups = _groups(ClusterStage(), articles)
    assert {"f0", "f1", "f2", "copy"} in groups


def test_story_ids_are_stable_across_runs() -> None:
    first = LocalRunner().run(Pipeline.of(ClusterStage()), _articles(), RunReport())
    second = LocalRunner().run(
        Pipeline.of(ClusterStage()), list(reversed(_articles())), RunReport()
    )
    assert sorted(s.id for s in first) == sorted(s.id for s in second)
