"""Stories: exact round trips with their briefs, replacement, listing, run reports."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from storyline.model import Brief, PublicationDate, Story
from storyline.store import Store, StoreError

from .builders import bare_article, make_article, make_story
from .raw import query


def _story_with_three_articles() -> Story:
    articles = (
        make_article(1),
        make_article(2, duplicate_of="art-1"),
        bare_article(3),
    )
    return make_story("s1", articles)


def test_a_story_round_trips_exactly_with_its_brief(store: Store) -> None:
    story = _story_with_three_articles()
    assert all(getattr(story.brief, part.name) for part in dataclasses.fields(Brief))
    store.add_articles([dataclasses.replace(a, duplicate_of=None) for a in story.articles])

    store.replace_stories([story])

    assert store.get_story("s1") == story
    assert list(store.iter_stories()) == [story]
    assert store.get_story("nope") is None


def test_story_members_not_yet_stored_are_stored(store: Store) -> None:
    story = _story_with_three_articles()

    store.replace_stories([story])

    assert store.get_story("s1") == story
    assert store.count_articles() == 3


def test_fields_filled_after_ingest_are_kept(store: Store) -> None:
    ingested = make_article(1, language=None, published=None)
    store.add_articles([ingested])
    enriched = make_article(1, language="de")

    store.replace_stories([make_story("s1", (enriched,))])

    assert store.get_story("s1").articles == (enriched,)  # type: ignore[union-attr]
    assert store.get_articles(["art-1"]) == [enriched]
    assert store.count_articles() == 1


def test_a_member_whose_id_names_other_content_is_refused(store: Store) -> None:
    store.add_articles([make_article(1)])
    store.replace_stories([make_story("before", (make_article(1),))])
    edited = make_article(1, content_hash="ab" * 32)

    with pytest.raises(StoreError, match="art-1"):
        store.replace_stories([make_story("s1", (edited,))])

    # The failed replacement changed nothing.
    assert [row.id for row in store.list_stories()] == ["before"]


def test_a_member_stored_under_another_id_is_refused(store: Store) -> None:
    store.add_articles([make_article(1)])

    with pytest.raises(StoreError, match="stored as 'art-1'"):
        store.replace_stories([make_story("s1", (make_article(1, id="other"),))])


def test_replace_stories_replaces_everything(store: Store, location: str) -> None:
    store.replace_stories(
        [
            make_story("s1", (make_article(1), make_article(2))),
            make_story("s2", (make_article(3),)),
        ]
    )
    replacement = make_story("s3", (make_article(2), make_article(4)))

    store.replace_stories([replacement])

    assert [row.id for row in store.list_stories()] == ["s3"]
    assert store.get_story("s1") is None
    assert list(store.iter_stories()) == [replacement]
    memberships = query(location, "SELECT story_id, article_id FROM story_articles")
    assert sorted(memberships) == [("s3", "art-2"), ("s3", "art-4")]
    # Articles outlive the stories they were in.
    assert store.count_articles() == 4


def test_replacing_with_no_stories_empties_the_listing(store: Store) -> None:
    store.replace_stories([make_story("s1", (make_article(1),))])

    store.replace_stories([])

    assert store.list_stories() == []
    assert list(store.iter_stories()) == []


def test_duplicate_story_ids_are_refused_atomically(store: Store) -> None:
    store.replace_stories([make_story("s1", (make_article(1),))])

    with pytest.raises(StoreError):
        store.replace_stories(
            [make_story("dup", (make_article(2),)), make_story("dup", (make_article(3),))]
        )

    assert [row.id for row in store.list_stories()] == ["s1"]
    assert store.count_articles() == 1


def test_list_stories_keeps_the_given_order_with_outlets(store: Store) -> None:
    # Outlets: news1 (n=1, 4), news2 (n=2), none (bare), news0 (n=3).
    big = make_story(
        "big",
        (make_article(4), make_article(2), bare_article(9), make_article(1), make_article(3)),
        key=None,
    )
    small = make_story(
        "small",
        (
            make_article(
                5, published=PublicationDate(day=date(2020, 1, 1), method="given", confidence=1.0)
            ),
        ),
    )
    undated = make_story("undated", (bare_article(10),))

    store.replace_stories([small, big, undated])
    rows = store.list_stories()

    assert [row.id for row in rows] == ["small", "big", "undated"]
    small_row, big_row, undated_row = rows
    assert big_row.outlets == ("news1.example", "news2.example", "news0.example")
    assert big_row.size == 5
    assert big_row.key is None
    assert big_row.title == "Story big"
    assert big_row.first_published == make_article(1).published_iso
    assert big_row.last_published == make_article(4).published_iso
    assert small_row.key == "given-small"
    assert small_row.first_published == small_row.last_published == "2020-01-01"
    assert small_row.outlets == ("news2.example",)
    assert undated_row.outlets == ()
    assert undated_row.first_published is None
    assert undated_row.last_published is None


def test_record_run_appends_timestamped_reports(store: Store, location: str) -> None:
    store.record_run({"stages": {"clean": {"in": 3, "out": 2}}, "output": Path("out")})
    store.record_run({"stages": {}})

    rows = query(location, "SELECT recorded_at, report FROM runs ORDER BY id")
    assert [json.loads(report) for _, report in rows] == [
        {"stages": {"clean": {"in": 3, "out": 2}}, "output": "out"},
        {"stages": {}},
    ]
    assert all(datetime.fromisoformat(when).tzinfo is not None for when, _ in rows)


def test_upsert_rewrites_the_given_stories_and_keeps_the_others(
    store: Store, location: str
) -> None:
    big = make_story("big", (make_article(1), make_article(2), make_article(3)))
    store.replace_stories(
        [
            big,
            make_story("mid", (make_article(4), make_article(5))),
            make_story("gone", (make_article(6),)),
        ]
    )
    kept_brief = query(location, "SELECT brief FROM stories WHERE id = ?", ("big",))
    grown = make_story("mid", tuple(make_article(n) for n in (4, 5, 7, 8)))

    store.upsert_stories([grown, make_story("new", (make_article(9),))], removed_ids=["gone"])

    assert [(r.id, r.size) for r in store.list_stories()] == [("mid", 4), ("big", 3), ("new", 1)]
    assert query(location, "SELECT brief FROM stories WHERE id = ?", ("big",)) == kept_brief
    assert store.get_story("mid") == grown
    assert store.get_story("big") == big
    assert store.get_story("gone") is None
    # New members are stored; the removed story's article is kept.
    assert store.count_articles() == 9
    store.upsert_stories([])
    assert [r.id for r in store.list_stories()] == ["mid", "big", "new"]
