"""Temporal expressions resolved to dates: "on Monday", "Feb. 8", "in 2018", "a week earlier".

Plain expressions are resolved against the article's publication day: a weekday is the most
recent one (or the next one when the verb is in the future tense), "last week" is the week
before. Absolute dates go through dateparser; a month and day without a year take the year
that puts them nearest before the publication day (after it for the future tense). Anchored
expressions ("a week earlier", "the next day") count from the date the article gave last,
which no library does. Every result carries its precision: a day, a week, a month or a year.

Which kind of phrase an expression is, is `date_phrases`' call; the dates counted from another
are `relative_dates`'; this module resolves the calendar dates and dispatches the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import dateparser

from storyline.synthesize import relative_dates
from storyline.synthesize.date_phrases import MONTHS, match_phrase
from storyline.synthesize.periods import When, day_when, safe_date

Resolver = Callable[[re.Match[str], date | None, When | None, bool], When | None]


def warm_up() -> None:
    """dateparser builds its tables on first use (a quarter of a second): pay it in setup."""
    dateparser.parse("Feb. 8, 2012", languages=["en"])


def resolve(text: str, base: date | None, previous: When | None, future: bool) -> When | None:
    """The date an expression names, or None when it names no date we can place.

    `base` is the publication day, `previous` the date the article gave last, and `future`
    whether the expression's verb speaks of the future."""
    found = match_phrase(text)
    if found is None:
        return None
    kind, match = found
    return _RESOLVERS[kind](match, base, previous, future)


def _month_day(
    match: re.Match[str], base: date | None, _p: When | None, future: bool
) -> When | None:
    month = MONTHS[match["month"]]
    day = int(match["day"])
    if match["year"]:
        parsed = dateparser.parse(
            match.group(0), languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
        )
        if parsed is not None:
            return When(parsed.date(), "day")
        return day_when(int(match["year"]), month, day)
    if base is None:
        return None
    candidates = [
        d for y in (base.year - 1, base.year, base.year + 1) if (d := safe_date(y, month, day))
    ]
    if future:
        ahead = [d for d in candidates if d >= base]
        return When(ahead[0], "day") if ahead else None
    # A few days' slack: an undated copy or a date stamped late should not move it a year.
    behind = [d for d in candidates if d <= base + timedelta(days=3)]
    return When(behind[-1], "day") if behind else None


def _iso(match: re.Match[str], _b: date | None, _p: When | None, _f: bool) -> When | None:
    return day_when(int(match["year"]), int(match["month"]), int(match["day"]))


def _month_year(match: re.Match[str], _b: date | None, _p: When | None, _f: bool) -> When | None:
    return When(date(int(match["year"]), MONTHS[match["month"]], 1), "month")


def _month(match: re.Match[str], base: date | None, _p: When | None, future: bool) -> When | None:
    if base is None or (match["month"] == "may" and match.group(0) == "may"):
        return None  # "may" alone is far more often the verb
    month = MONTHS[match["month"]]
    year = base.year
    if future and month < base.month:
        year += 1
    elif not future and month > base.month:
        year -= 1
    return When(date(year, month, 1), "month")


def _year(match: re.Match[str], _b: date | None, _p: When | None, _f: bool) -> When | None:
    return When(date(int(match["year"]), 1, 1), "year")


_RESOLVERS: dict[str, Resolver] = {
    "month_day": _month_day,
    "day_month": _month_day,
    "iso": _iso,
    "month_year": _month_year,
    "month": _month,
    "year": _year,
    "weekday": relative_dates.weekday,
    "today": relative_dates.today,
    "ago": relative_dates.ago,
    "period": relative_dates.period,
    "anchored": relative_dates.anchored,
    "next_day": relative_dates.next_day,
}
