"""The online clusterer on invented news: stories that share places stay apart, follow-ups
join, the window closes quiet stories, and the incremental API agrees with the stage."""

from __future__ import annotations

from dataclasses import replace

from storyline.cluster import ClusterParams, ClusterStage, StoryClusterer, fitted_params
from storyline.cluster.naming import story_id
from storyline.model import Article
from storyline.pipeline import Pipeline, RunReport
from storyline.runners import LocalRunner
from tests.cluster.stories import flood_follow_up, week_of_news


def _groups(articles: list[Article], **overrides: object) -> list[set[str]]:
    stage = ClusterStage(dict(overrides))  # type: ignore[arg-type]
    stories = LocalRunner().run(Pipeline.of(stage), articles, RunReport())
    return [{a.id for a in s.articles} for s in stories]


def test_two_attacks_in_one_province_and_week_stay_two_stories() -> None:
    groups = _groups(week_of_news())
    assert {"market0", "market1", "market2"} in groups
    assert {"convoy0", "convoy1"} in groups
    assert {"flood0", "flood1"} in groups
    assert {"strike0", "strike1"} in groups


def test_a_follow_up_days_later_joins_its_story() -> None:
    groups = _groups([*week_of_news(), flood_follow_up(days_later=6)])
    assert {"flood0", "flood1", "flood-follow-up"} in groups


def test_a_story_quiet_for_longer_than_the_window_is_closed() -> None:
    late = flood_follow_up(days_later=6)
    groups = _groups([*week_of_news(), late], window_days=3.0)
    assert {"flood-follow-up"} in groups
    assert {"flood0", "flood1"} in groups


def test_undated_articles_are_grouped_by_their_text() -> None:
    undated = [replace(a, published=None) for a in week_of_news()]
    groups = _groups(undated)
    assert {"market0", "market1", "market2"} in groups
    assert {"convoy0", "convoy1"} in groups


def test_incremental_adds_match_one_batch_and_report_every_article() -> None:
    articles = week_of_news()
    batch = StoryClusterer()
    batch.add(articles)
    whole = sorted(sorted(ids) for ids in batch.finish())
    stepwise = StoryClusterer(replace(fitted_params(), batch_size=2))
    reported: dict[str, str] = {}
    for start in range(0, len(articles), 3):
        for assignment in stepwise.add(articles[start : start + 3]):
            reported[assignment.article_id] = assignment.story_id
    assert set(reported) == {a.id for a in articles}
    assert sorted(sorted(ids) for ids in stepwise.finish()) == whole


def test_rebuilt_from_stored_stories_the_clusterer_adds_to_them() -> None:
    stories = LocalRunner().run(Pipeline.of(ClusterStage()), week_of_news(), RunReport())
    flood = next(s for s in stories if any(a.id == "flood0" for a in s.articles))
    clusterer = StoryClusterer.from_stories(stories)
    [assignment] = clusterer.add([flood_follow_up(days_later=2)])
    assert assignment == type(assignment)("flood-follow-up", flood.id)
    assert flood.id == story_id(flood.articles)


def test_capacity_bounds_what_the_clusterer_holds() -> None:
    params = replace(ClusterParams(), max_window_articles=4, merge_every=2, batch_size=2)
    clusterer = StoryClusterer(params)
    clusterer.add(week_of_news())
    assert clusterer.index.articles <= 4 + params.batch_size
    finished = clusterer.finish()
    assert sorted(i for ids in finished for i in ids) == sorted(a.id for a in week_of_news())


def test_story_titles_are_a_central_headline() -> None:
    stories = LocalRunner().run(Pipeline.of(ClusterStage()), week_of_news(), RunReport())
    market = next(s for s in stories if any(a.id == "market0" for a in s.articles))
    assert market.title in {a.title for a in market.articles}
    assert "Duvras" in market.title


def test_empty_and_wordless_articles_do_not_break_a_run() -> None:
    from tests.conftest import make_article

    odd = [make_article("empty", ""), make_article("stop", "the and of it is"), *week_of_news()]
    groups = _groups(odd)
    assert {"empty"} in groups and {"stop"} in groups
