"""Display models: source refs, anchors, dates, numbers, links and grouping."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

import pytest

from storyline.model import Brief, Entity, Fact, Story
from storyline.report import report_views, story_view
from storyline.report.display import anchor_id, format_date, format_value, web_url

from .builders import article, full_story, plain_story

ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def _fact(text: str, attributed_to: str | None) -> Fact:
    return Fact(text, "s", None, 1.0, False, None, attributed_to, ("a1",), "single-source")


def test_articles_are_numbered_per_story_and_items_cite_them_by_number() -> None:
    view = story_view(full_story())

    assert [a.ref.label for a in view.articles] == ["[1]", "[2]", "[3]"]
    assert [r.label for r in view.summary[0].refs] == ["[1]", "[2]"]
    assert [r.label for r in view.summary[1].refs] == ["[3]"]
    assert view.articles[0].ref.long_label == "[1] Reuters"
    # a source id that is not one of the story's articles is not cited
    assert [r.article_id for r in view.timeline[1].refs] == ["a3"]


def test_outlet_falls_back_to_the_url_host_without_www() -> None:
    view = story_view(full_story())

    assert [a.outlet for a in view.articles] == ["Reuters", "apnews.example", "BBC"]
    assert view.outlets == ("Reuters", "apnews.example", "BBC")


def test_story_dates_are_formatted_and_ranged() -> None:
    view = story_view(full_story())

    assert view.first_published == "10 Mar 2026"
    assert view.last_published == "12 Mar 2026"
    assert view.date_range == "10 Mar 2026 – 12 Mar 2026"
    assert story_view(plain_story("x", 2)).date_range == "10 Mar 2026"
    undated = Story("u", "U", (article("a1", day=None),))
    assert story_view(undated).date_range == "date unknown"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2026, 3, 1), "1 Mar 2026"), (datetime(2025, 12, 31, 23, 59), "31 Dec 2025")],
)
def test_format_date_is_day_month_year(value: date, expected: str) -> None:
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("value", "approximate", "expected"),
    [
        (1200.0, False, "1,200"),
        (1200.0, True, "about 1,200"),
        (6.4, False, "6.4"),
        (None, False, "—"),
        (float("nan"), False, "—"),
    ],
)
def test_format_value(value: float | None, approximate: bool, expected: str) -> None:
    assert format_value(value, approximate) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("HTTP://EXAMPLE.COM/", "HTTP://EXAMPLE.COM/"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" javascript:alert(1)", None),
        ("\thttps://example.com/", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.com/a", None),
        ("https://", None),
        ("https://exa mple.com/", None),
        ("file:///etc/passwd", None),
        (None, None),
    ],
)
def test_only_absolute_http_urls_become_link_targets(url: str | None, expected: str | None) -> None:
    assert web_url(url) == expected


def test_a_javascript_url_is_kept_as_text_but_not_as_a_link() -> None:
    story = Story("s", "S", (article("a1", url="javascript:alert(1)"),))
    view = story_view(story)

    assert view.articles[0].url == "javascript:alert(1)"
    assert view.articles[0].web_url is None


@pytest.mark.parametrize(
    "story_id",
    ["simple", "a b/c:d", "<script>", "", "---", "日本語", "9lives", "x--y", "a\"'><"],
)
def test_anchor_ids_are_sanitised(story_id: str) -> None:
    anchor = anchor_id(story_id)

    assert ANCHOR.match(anchor), anchor
    assert "--" not in anchor


def test_report_anchors_are_unique_even_when_ids_sanitise_alike() -> None:
    stories = [plain_story("a/b", 1), plain_story("a:b", 1), plain_story("a b", 1)]
    stories.append(plain_story("story-a-b-2", 1))

    anchors = [view.anchor for view in report_views(stories)]
    assert len(set(anchors)) == 4
    assert anchors[0] == "story-a-b"


def test_facts_keep_who_states_them_and_sit_together_by_subject() -> None:
    facts = (
        _fact("one", None),
        _fact("two", "the police"),
        replace(_fact("three", "the mayor"), subject="other"),
        _fact("four", "the police"),
    )
    story = Story("s", "S", (article("a1"),), brief=Brief(facts=facts))
    rows = story_view(story).fact_table.rows

    assert [row.fact.text for row in rows] == ["one", "two", "four", "three"]
    assert [row.fact.attributed_to for row in rows] == [
        None,
        "the police",
        "the police",
        "the mayor",
    ]


def test_unknown_fact_status_is_not_passed_on_as_a_css_class() -> None:
    fact = replace(_fact("x", None), status="evil onload")  # type: ignore[arg-type]
    story = Story("s", "S", (article("a1"),), brief=Brief(facts=(fact,)))

    assert story_view(story).fact_table.rows[0].fact.status == "unknown"


def test_quotes_by_speaker_and_entities_by_type() -> None:
    view = story_view(full_story())

    assert [(g.speaker, len(g.quotes)) for g in view.quote_groups] == [
        ("Ana Silva", 2),
        ("John Doe", 1),
    ]
    assert [g.label for g in view.entity_groups] == ["People", "Organizations", "Places"]
    odd = Entity("Thing", "weird", (), ("a1",))  # type: ignore[arg-type]
    story = Story("s", "S", (article("a1"),), brief=Brief(entities=(odd,)))
    assert [g.label for g in story_view(story).entity_groups] == ["Other"]


def test_duplicate_of_points_at_the_original_ref_or_keeps_a_foreign_id() -> None:
    view = story_view(full_story())
    assert view.articles[2].duplicate_of is not None
    assert view.articles[2].duplicate_of.label == "[1]"

    story = Story("s", "S", (article("a1", duplicate_of="other-story-article"),))
    only = story_view(story).articles[0]
    assert only.duplicate_of is None
    assert only.duplicate_of_id == "other-story-article"
