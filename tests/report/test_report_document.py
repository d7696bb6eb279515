"""The `stories.json` contract: exact keys, value types, ordering and sources."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest

from storyline.model import Brief, Claim, Disagreement, Fact, Story, TimelineEntry
from storyline.report import render_json, stories_document, story_document
from tests.json_contract import ARTICLE_KEYS, CONTRACT_STORY_KEYS

from .builders import article, full_story, plain_story

EXTRA_STORY_KEYS = {"key", "size"}
SUMMARY_KEYS = {"text", "sources"}
FACT_KEYS = {
    "text",
    "subject",
    "action",
    "value",
    "approximate",
    "date",
    "attributed_to",
    "sources",
    "status",
}
DISAGREEMENT_KEYS = {"about", "claims"}
CLAIM_KEYS = {"value", "text", "attributed_to", "sources"}
QUOTE_KEYS = {"speaker", "text", "sources"}
ENTITY_KEYS = {"name", "type", "aliases", "sources"}
TIMELINE_KEYS = {"date", "text", "sources"}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _items_with_sources(document: dict[str, Any]) -> list[dict[str, Any]]:
    items = [*document["summary"], *document["facts"], *document["quotes"]]
    items += [*document["entities"], *document["timeline"]]
    items += [claim for item in document["disagreements"] for claim in item["claims"]]
    return items


def test_story_document_has_the_contract_keys_at_every_level() -> None:
    document = story_document(full_story())

    assert set(document) == CONTRACT_STORY_KEYS | EXTRA_STORY_KEYS
    assert all(set(item) == ARTICLE_KEYS for item in document["articles"])
    assert all(set(item) == SUMMARY_KEYS for item in document["summary"])
    # added fields are allowed (the contract says so), the contract's must all be there
    assert all(FACT_KEYS <= set(item) <= FACT_KEYS | {"agent"} for item in document["facts"])
    assert all(set(item) == DISAGREEMENT_KEYS for item in document["disagreements"])
    claims = [claim for item in document["disagreements"] for claim in item["claims"]]
    assert claims and all(set(claim) == CLAIM_KEYS for claim in claims)
    assert all(set(item) == QUOTE_KEYS for item in document["quotes"])
    assert all(set(item) == ENTITY_KEYS for item in document["entities"])
    timeline = document["timeline"]
    assert all(TIMELINE_KEYS <= set(item) <= TIMELINE_KEYS | {"precision"} for item in timeline)
    # every section is populated, so the key checks above are not vacuous
    assert all(document[name] for name in CONTRACT_STORY_KEYS - {"id", "title"})


def test_story_document_values_have_the_contract_types() -> None:
    story = full_story()
    document = story_document(story)

    assert document["id"] == "story:quake/1"
    assert document["key"] == "quake"
    assert document["size"] == 3
    assert document["first_published"] == "2026-03-10"
    assert document["last_published"] == "2026-03-12T09:30:00+00:00"
    assert [a["published"] for a in document["articles"]] == [
        "2026-03-10",
        "2026-03-12T09:30:00+00:00",
        None,
    ]
    assert document["articles"][2]["duplicate_of"] == "a1"
    assert document["articles"][0]["path"] == "corpus/a1.txt"
    for fact in document["facts"]:
        assert fact["value"] is None or _is_number(fact["value"])
        assert isinstance(fact["approximate"], bool)
        assert fact["date"] is None or DAY.match(fact["date"])
        assert fact["status"] in {"corroborated", "single-source", "disputed"}
    assert [fact["value"] for fact in document["facts"]] == [120, 6.4, None]
    assert type(document["facts"][0]["value"]) is int
    assert document["facts"][0]["date"] == "2026-03-09"
    claim_values = [c["value"] for d in document["disagreements"] for c in d["claims"]]
    assert claim_values == [120, 95.5]
    assert all(_is_number(value) for value in claim_values)
    assert all(DAY.match(entry["date"]) for entry in document["timeline"])
    for entity in document["entities"]:
        assert entity["type"] in {"person", "organization", "place", "other"}
        assert isinstance(entity["aliases"], list)


def test_every_sources_list_is_a_list_of_the_storys_article_ids() -> None:
    document = story_document(full_story())
    ids = {a["id"] for a in document["articles"]}

    items = _items_with_sources(document)
    assert len(items) > 10
    for item in items:
        assert isinstance(item["sources"], list)
        assert item["sources"], item
        assert set(item["sources"]) <= ids


def test_foreign_and_repeated_source_ids_are_dropped() -> None:
    story = full_story()
    fact = replace(story.brief.facts[0], sources=("a2", "elsewhere", "a2", "a1"))
    story = replace(story, brief=replace(story.brief, facts=(fact,)))

    assert story_document(story)["facts"][0]["sources"] == ["a2", "a1"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.0, 3), (-2.0, -2), (2.5, 2.5), (1e21, 10**21), (None, None), (float("nan"), None)],
)
def test_fact_values_are_ints_when_integral_and_null_when_not_finite(
    value: float | None, expected: object
) -> None:
    story = full_story()
    fact = replace(story.brief.facts[0], value=value)
    story = replace(story, brief=replace(story.brief, facts=(fact,)))

    rendered = story_document(story)["facts"][0]["value"]
    assert rendered == expected
    assert type(rendered) is type(expected)


def test_non_finite_values_still_give_valid_json() -> None:
    story = full_story()
    claim = Claim(float("inf"), "Infinite.", None, ("a1",))
    brief = replace(story.brief, disagreements=(Disagreement("x", (claim,)),))
    text = render_json([replace(story, brief=brief)])

    assert "Infinity" not in text
    assert json.loads(text)["stories"][0]["disagreements"][0]["claims"][0]["value"] is None


def test_timeline_is_sorted_by_date_and_stable_within_a_day() -> None:
    entries = (
        TimelineEntry(date(2026, 3, 11), "third", ("a1",)),
        TimelineEntry(date(2026, 1, 2), "first", ("a1",)),
        TimelineEntry(date(2026, 3, 11), "fourth", ("a1",)),
        TimelineEntry(date(2026, 2, 1), "second", ("a1",)),
    )
    story = Story("s", "S", (article("a1"),), brief=Brief(timeline=entries))

    timeline = story_document(story)["timeline"]
    assert [entry["text"] for entry in timeline] == ["first", "second", "third", "fourth"]
    assert [entry["date"] for entry in timeline] == [
        "2026-01-02",
        "2026-02-01",
        "2026-03-11",
        "2026-03-11",
    ]


def test_a_datetime_where_a_date_belongs_is_written_as_a_day() -> None:
    fact = Fact("f", "s", None, 1.0, False, datetime(2026, 3, 9, 12, 0), None, ("a1",), "disputed")
    story = Story("s", "S", (article("a1"),), brief=Brief(facts=(fact,)))

    assert story_document(story)["facts"][0]["date"] == "2026-03-09"


def test_stories_are_ordered_by_size_largest_first_keeping_ties_in_input_order() -> None:
    stories = [plain_story("small", 1), plain_story("tie-a", 2), plain_story("big", 3)]
    stories.append(plain_story("tie-b", 2))

    ordered = [s["id"] for s in stories_document(stories)["stories"]]
    assert ordered == ["big", "tie-a", "tie-b", "small"]
    assert [s["size"] for s in stories_document(stories)["stories"]] == [3, 2, 2, 1]


def test_story_without_dates_or_brief_has_nulls_and_empty_lists() -> None:
    story = Story("s", "S", (article("a1", day=None),))
    document = story_document(story)

    assert document["first_published"] is None
    assert document["last_published"] is None
    assert document["key"] is None
    for name in ("summary", "facts", "disagreements", "quotes", "entities", "timeline"):
        assert document[name] == []


def test_render_json_round_trips_and_keeps_non_ascii_text() -> None:
    story = replace(full_story(), title="Séisme à Lisboa — “quake”")
    text = render_json([plain_story("x", 1), story])

    assert "Séisme à Lisboa — “quake”" in text  # ensure_ascii=False
    parsed = json.loads(text)
    assert parsed == stories_document([plain_story("x", 1), story])
    assert parsed["stories"][0]["title"] == "Séisme à Lisboa — “quake”"
    assert text.startswith('{\n  "stories": [')  # indent=2


def test_empty_input_gives_an_empty_story_list() -> None:
    assert json.loads(render_json([])) == {"stories": []}
