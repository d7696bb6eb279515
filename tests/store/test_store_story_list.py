"""The story list comes from the story rows alone, so what it shows is kept on them:
outlets, article count and dates follow every write of a story."""

from __future__ import annotations

from storyline.model import Story
from storyline.store import Store, StoryRow

from .builders import bare_article, make_article, make_story


def _row(store: Store, story_id: str) -> StoryRow:
    [row] = [row for row in store.list_stories() if row.id == story_id]
    return row


def test_an_article_without_a_source_is_listed_under_its_host(store: Store) -> None:
    story = make_story(
        "s",
        (
            make_article(1, source=None, url="https://www.Example.org/a"),
            make_article(2, source="  Daily Planet ", url="https://planet.example/b"),
            make_article(3, source=None, url="not a url"),
            make_article(4, source="", url="https://news.example:8080/c"),
            make_article(5, source="DAILY PLANET"),
            bare_article(6),
        ),
    )

    store.replace_stories([story])

    assert _row(store, "s").outlets == ("example.org", "Daily Planet", "news.example")


def test_an_upsert_keeps_the_rewritten_rows_current_and_the_others_as_they_were(
    store: Store,
) -> None:
    kept = make_story("kept", (make_article(1, source="Kept News"),))
    grown = make_story("grown", (make_article(2, source="First"),))
    store.replace_stories([kept, grown])
    before = _row(store, "kept")

    regrown = make_story(
        "grown",
        (
            make_article(2, source="First"),
            make_article(3, source=None, url="https://www.second.example/x"),
            make_article(4, source="First"),
        ),
    )
    store.upsert_stories([regrown])

    row = _row(store, "grown")
    assert row.outlets == ("First", "second.example")
    assert row.size == 3
    assert row.first_published == regrown.articles[0].published_iso
    assert row.last_published == regrown.articles[-1].published_iso
    assert _row(store, "kept") == before
    assert [row.id for row in store.list_stories()] == ["grown", "kept"]


def test_a_story_whose_articles_have_no_outlet_lists_none(store: Store) -> None:
    store.replace_stories([Story(id="bare", title="Bare", articles=(bare_article(1),))])

    row = _row(store, "bare")
    assert row.outlets == ()
    assert row.first_published is None and row.last_published is None
    assert row.size == 1
