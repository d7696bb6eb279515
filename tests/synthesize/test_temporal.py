"""Temporal expressions resolved against a publication day (Tuesday 10 March 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.synthesize.periods import When
from storyline.synthesize.temporal import resolve

TUESDAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("on Monday", False, When(date(2026, 3, 9), "day")),
        ("Tuesday", False, When(date(2026, 3, 10), "day")),
        ("on Friday", False, When(date(2026, 3, 6), "day")),
        ("on Friday", True, When(date(2026, 3, 13), "day")),
        ("last Tuesday", False, When(date(2026, 3, 3), "day")),
        ("since Saturday", False, When(date(2026, 3, 7), "day")),
        ("late Wednesday", True, When(date(2026, 3, 11), "day")),
        ("Monday night", False, When(date(2026, 3, 9), "day")),
        ("yesterday", False, When(date(2026, 3, 9), "day")),
        ("Feb. 8", False, When(date(2026, 2, 8), "day")),
        ("Dec. 26", False, When(date(2025, 12, 26), "day")),
        ("Dec. 26", True, When(date(2026, 12, 26), "day")),
        ("March 12", True, When(date(2026, 3, 12), "day")),
        ("Thursday, Nov. 14, 2013", False, When(date(2013, 11, 14), "day")),
        ("8 February 2012", False, When(date(2012, 2, 8), "day")),
        ("in 2018", False, When(date(2018, 1, 1), "year")),
        ("June 2025", False, When(date(2025, 6, 1), "month")),
        ("in August", False, When(date(2025, 8, 1), "month")),
        ("last week", False, When(date(2026, 3, 2), "week")),
        ("last year", False, When(date(2025, 1, 1), "year")),
        ("at the end of the month", True, When(date(2026, 3, 1), "month")),
        ("two days ago", False, When(date(2026, 3, 8), "day")),
        ("a month ago", False, When(date(2026, 2, 1), "month")),
        ("This June, 2013", False, When(date(2013, 6, 1), "month")),
    ],
)
def test_plain_expressions(text: str, future: bool, expected: When) -> None:
    assert resolve(text, TUESDAY, None, future) == expected


def test_anchored_expressions_count_from_the_date_given_last() -> None:
    monday = When(date(2026, 3, 9), "day")
    assert resolve("a week earlier", TUESDAY, monday, False) == When(date(2026, 3, 2), "day")
    assert resolve("two days later", TUESDAY, monday, False) == When(date(2026, 3, 11), "day")
    assert resolve("the next day", TUESDAY, monday, False) == When(date(2026, 3, 10), "day")
    # With nothing given before, "a week earlier" counts from the publication day.
    assert resolve("a week earlier", TUESDAY, None, False) == When(date(2026, 3, 3), "day")


@pytest.mark.parametrize(
    "text", ["on Monday", "Feb. 8", "last week", "in August", "a week earlier"]
)
def test_relative_expressions_need_a_publication_day(text: str) -> None:
    assert resolve(text, None, None, False) is None


@pytest.mark.parametrize(
    "text",
    [
        "25-year-old",
        "decades",
        "the 1990s",
        "six-month-long",
        "recently",
        "may",
        "Feb. 30",
        # One-sided hedges leave the calendar period unknown ("almost a month ago" on
        # 31 July is early July, not June).
        "almost a month ago",
        "more than a year ago",
    ],
)
def test_what_names_no_date(text: str) -> None:
    assert resolve(text, TUESDAY, None, False) is None
