"""`SqliteStore.upsert_stories`: some stories rewritten, the others' rows left as they were."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from storyline.model import Brief, Story, SummarySentence
from storyline.store import SqliteStore
from tests.conftest import make_article


def _story(story_id: str, *article_ids: str, summary: str = "") -> Story:
    articles = tuple(make_article(a, f"Text of {a}.", day=date(2026, 3, 10)) for a in article_ids)
    brief = Brief(summary=(SummarySentence(summary, article_ids[:1]),)) if summary else Brief()
    return Story(story_id, f"Story {story_id}", articles, brief=brief)


def _rows(db: Path) -> list[tuple[str, int, int, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT id, position, size, brief FROM stories ORDER BY position"
        ).fetchall()


def test_upsert_rewrites_the_given_stories_only(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with SqliteStore(db) as store:
        store.replace_stories(
            [_story("big", "a1", "a2", "a3"), _story("mid", "b1", "b2"), _story("gone", "c1")]
        )
        before = {row[0]: row for row in _rows(db)}
        grown = _story("mid", "b1", "b2", "b3", "b4", summary="Now the largest.")
        store.upsert_stories([grown, _story("new", "d1")], removed_ids=["gone"])

        rows = _rows(db)
        assert [(r[0], r[1], r[2]) for r in rows] == [("mid", 0, 4), ("big", 1, 3), ("new", 2, 1)]
        assert rows[1][3] == before["big"][3]
        stored = store.get_story("mid")
        assert stored is not None
        assert [a.id for a in stored.articles] == ["b1", "b2", "b3", "b4"]
        assert stored.brief.summary[0].text == "Now the largest."
        assert store.get_story("gone") is None
        assert [row.id for row in store.list_stories()] == ["mid", "big", "new"]
        assert store.count_articles() == 9  # new members stored; a removed story's articles kept


def test_upsert_nothing_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with SqliteStore(db) as store:
        store.replace_stories([_story("x", "a1", "a2"), _story("y", "b1")])
        before = _rows(db)
        store.upsert_stories([])
        assert _rows(db) == before
