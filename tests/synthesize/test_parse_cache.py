"""The per-article parse cache: re-briefing a story parses only its new articles, and a brief
made from cached parses is the brief made from fresh ones."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from storyline.cluster.stage import make_story
from storyline.model import Story
from storyline.pipeline import Pipeline, RunReport
from storyline.runners import LocalRunner
from storyline.store import open_store
from storyline.synthesize import SynthesizeStage
from storyline.synthesize.parse_cache import MemoryParseCache, ParseCache, parse_key
from storyline.synthesize.parsing import paragraphs_of
from tests.synthesize.velnik import velnik_articles


def _story(count: int) -> Story:
    originals = [a for a in velnik_articles() if a.duplicate_of is None]
    return make_story(tuple(originals[:count]))


def _paragraphs(story: Story) -> int:
    return sum(len(paragraphs_of(a)) for a in story.articles if a.duplicate_of is None)


def _fresh_brief(story: Story) -> Story:
    stage = SynthesizeStage()
    [briefed] = stage.process([story])
    assert isinstance(briefed, Story)
    return briefed


def test_rebriefing_with_a_sqlite_store_parses_only_the_new_article(tmp_path: Path) -> None:
    before, after = _story(3), _story(4)
    new_article = next(a for a in after.articles if a not in before.articles)
    with open_store(tmp_path / "cache.db") as store:
        assert isinstance(store, ParseCache)
        stage = SynthesizeStage()
        stage.use_cache(store)
        stage.process([before])
        assert stage.parsed_paragraphs == _paragraphs(before)
        [rebriefed] = stage.process([after])
        assert stage.parsed_paragraphs - _paragraphs(before) == len(paragraphs_of(new_article))
    # Another process (here: a new stage and connection) reads the same cache.
    with open_store(tmp_path / "cache.db") as store:
        reopened = SynthesizeStage()
        reopened.use_cache(store)
        [again] = reopened.process([after])
        assert reopened.parsed_paragraphs == 0
    fresh = _fresh_brief(after)
    assert isinstance(rebriefed, Story) and isinstance(again, Story)
    assert rebriefed.brief == fresh.brief
    assert again.brief == fresh.brief
    assert fresh.brief.facts and fresh.brief.quotes and fresh.brief.timeline


def test_the_key_follows_the_text_and_the_model() -> None:
    assert parse_key("Five people died.", "model-a") == parse_key("Five people died.", "model-a")
    assert parse_key("Five people died.", "model-a") != parse_key("Six people died.", "model-a")
    assert parse_key("Five people died.", "model-a") != parse_key("Five people died.", "model-b")


def test_an_edited_article_is_parsed_again() -> None:
    story = _story(2)
    cache = MemoryParseCache()
    stage = SynthesizeStage()
    stage.use_cache(cache)
    stage.process([story])
    first = stage.parsed_paragraphs
    edited_article = replace(story.articles[0], text=story.articles[0].text + "\n\nA new line.")
    edited = replace(story, articles=(edited_article, *story.articles[1:]))
    stage.process([edited])
    assert stage.parsed_paragraphs - first == len(paragraphs_of(edited_article))


def test_a_damaged_entry_is_parsed_again_and_replaced() -> None:
    story = _story(1)
    cache = MemoryParseCache()
    stage = SynthesizeStage()
    stage.use_cache(cache)
    stage.process([story])
    [key] = cache.parses
    cache.parses[key] = b"not a DocBin"
    [briefed] = stage.process([story])
    assert stage.parsed_paragraphs == 2 * _paragraphs(story)
    assert cache.parses[key] != b"not a DocBin"
    assert isinstance(briefed, Story) and briefed.brief == _fresh_brief(story).brief


def test_a_batch_of_stories_is_briefed_as_each_story_alone() -> None:
    stories = [_story(2), _story(4), _story(1)]
    stage = SynthesizeStage()
    together = stage.process(stories)
    # The articles the stories share are parsed once.
    assert stage.parsed_paragraphs == _paragraphs(_story(4))
    assert together == [_fresh_brief(story) for story in stories]


def test_briefs_made_by_worker_processes_are_the_briefs_made_here(tmp_path: Path) -> None:
    # Enough stories for two pooled batches: the workers get the parent's cached parses,
    # send back briefs and new parses, and the parent rebuilds the stories.
    originals = [a for a in velnik_articles() if a.duplicate_of is None]
    stories = [
        make_story(tuple(replace(a, id=f"{a.id}-{n}") for a in originals[n % 3 : n % 3 + 2]))
        for n in range(70)
    ]
    with open_store(tmp_path / "cache.db") as store:
        pooled_stage = SynthesizeStage()
        pooled_stage.use_cache(store)
        report = RunReport()
        pooled = LocalRunner(workers=2).run(Pipeline.of(pooled_stage), stories, report)
        cached = store.cached_parses(pooled_stage._story_parser().keys_of(stories))
    alone = LocalRunner(workers=1).run(Pipeline.of(SynthesizeStage()), stories, RunReport())

    assert pooled_stage.parsed_paragraphs == 0  # the parent parsed nothing: workers did
    assert [story.id for story in pooled] == [story.id for story in stories]
    assert pooled == alone
    assert all(story.brief.summary for story in pooled)
    # Every distinct article text was parsed in a worker and its parse kept in the store.
    assert len(cached) == len({a.text for a in originals[:4]})
