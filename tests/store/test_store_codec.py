"""Exact conversions between model records and stored values."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from storyline.model import Brief, PublicationDate, Sentence
from storyline.store.codec import (
    brief_from_json,
    brief_to_json,
    published_from_columns,
    published_to_columns,
    sentences_from_json,
    sentences_to_json,
)

from .builders import full_brief


def test_a_full_brief_round_trips_exactly() -> None:
    brief = full_brief(("a", "b", "c"))

    decoded = brief_from_json(brief_to_json(brief))

    assert decoded == brief
    # Equality would fail for lists, but check the nesting explicitly too.
    assert isinstance(decoded.disagreements[0].claims, tuple)
    assert isinstance(decoded.entities[0].aliases, tuple)
    assert isinstance(decoded.timeline[0].date, date)


def test_the_brief_json_uses_the_contract_field_names() -> None:
    data = json.loads(brief_to_json(full_brief(("a", "b"))))

    assert list(data) == ["summary", "facts", "disagreements", "quotes", "entities", "timeline"]
    assert data["facts"][0]["date"] == "2020-02-10"
    assert data["facts"][1]["status"] == "single-source"
    assert data["timeline"][0] == {
        "date": "2020-02-09",
        "text": "The day before.",
        "sources": ["a"],
    }


def test_an_empty_brief_round_trips() -> None:
    assert brief_from_json(brief_to_json(Brief())) == Brief()
    assert brief_from_json("{}") == Brief()


@pytest.mark.parametrize(
    "published",
    [
        None,
        PublicationDate(day=date(2020, 2, 10)),
        PublicationDate(day=date(2020, 2, 10), method="feed", confidence=0.25),
        PublicationDate(
            day=date(2020, 2, 10),
            moment=datetime(2020, 2, 10, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-7))),
            method="metadata",
            confidence=0.9,
        ),
        PublicationDate(
            # The day is local; the moment may fall on another UTC day.
            day=date(2020, 2, 11),
            moment=datetime(2020, 2, 11, 0, 30, tzinfo=ZoneInfo("Europe/Berlin")),
            method="given",
            confidence=1.0,
        ),
    ],
)
def test_publication_dates_round_trip(published: PublicationDate | None) -> None:
    decoded = published_from_columns(published_to_columns(published))

    assert decoded == published
    if published is not None and published.moment is not None:
        assert decoded is not None and decoded.moment is not None
        assert decoded.moment.utcoffset() == published.moment.utcoffset()


def test_sentence_offsets_are_stored_and_odd_sentences_keep_their_text() -> None:
    text = "One two.  Three four."
    sentences = (
        Sentence(text="One two.", start=0, end=8),
        Sentence(text="Three four", start=10, end=21),  # trimmed by the splitter
    )

    encoded = sentences_to_json(text, sentences)

    assert json.loads(encoded) == [[0, 8], [10, 21, "Three four"]]
    assert sentences_from_json(text, encoded) == sentences
