"""Figures as news writes them, and the latitude their hedges allow."""

from __future__ import annotations

import pytest

from storyline.synthesize.numbers import (
    Amount,
    compatible,
    hedge_before,
    parse_digits,
    parse_number_words,
)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["five"], 5),
        (["3.6", "million"], 3_600_000),
        (["1,200"], 1200),
        (["twenty", "-", "one"], 21),
        (["a", "dozen"], 12),
        (["two", "dozen"], 24),
        (["two", "hundred", "and", "fifty"], 250),
        (["$5.2", "billion"], 5_200_000_000),
        (["5bn"], 5_000_000_000),
        (["zero"], 0),
    ],
)
def test_number_words_and_digits(words: list[str], value: float) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize("words", [["one", "or", "two"], ["many"], ["12", "34"]])
def test_what_is_not_one_number(words: list[str]) -> None:
    assert parse_number_words(words) is None


def test_digits_need_to_be_a_plain_figure() -> None:
    assert parse_digits("700,000") == 700_000
    assert parse_digits("6%") == 6
    assert parse_digits("9:25") is None and parse_digits("I-10") is None


@pytest.mark.parametrize(
    ("before", "bound"),
    [
        ("killed nearly", "nearly"),
        ("more than", "at_least"),
        ("at least", "at_least"),
        ("about", "about"),
        ("an estimated", "about"),
        ("up to", "at_most"),
        ("killed", "exact"),
    ],
)
def test_hedges(before: str, bound: str) -> None:
    assert hedge_before(before.split())[0] == bound


def test_figures_conflict_only_beyond_what_their_hedges_allow() -> None:
    nearly_3200 = Amount(3200, "nearly")
    assert compatible(Amount(3000, "at_least"), nearly_3200)  # both can be 3,150
    assert not compatible(Amount(14), Amount(21, "at_least"))
    assert not compatible(Amount(2400), Amount(1900, "about"))
    assert compatible(Amount(150, "about"), Amount(150, "at_least"))
    assert not compatible(Amount(14), Amount(15))
    assert compatible(Amount(40, "at_most"), Amount(37))
