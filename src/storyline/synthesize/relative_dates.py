"""Dates counted from another: from the publication day ("on Monday", "yesterday", "two weeks
ago", "last month") or from the date the article gave last ("a week earlier", "the next day").

Each resolver takes the phrase's match (see `date_phrases`), the publication day, the date the
article gave last and whether the verb speaks of the future; it returns None when the phrase
cannot be placed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.synthesize.date_phrases import WEEKDAYS, count_of
from storyline.synthesize.periods import When, coarsen, shift

# "Almost a month ago" on July 31 is early July, not June: a hedge that only says which side
# of the count the moment lies leaves the calendar period unknown.
_ONE_SIDED_HEDGES = frozenset({"nearly", "almost", "more than", "over"})
_FINENESS = {"day": 0, "week": 1, "month": 2, "year": 3}


def weekday(match: re.Match[str], base: date | None, _p: When | None, future: bool) -> When | None:
    if base is None:
        return None
    target = WEEKDAYS.index(match["weekday"])
    which = match["which"] or ""
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if which == "last":
        return When(base - timedelta(days=back or 7), "day")
    if which == "next":
        return When(base + timedelta(days=ahead or 7), "day")
    if future or which == "this coming":
        return When(base + timedelta(days=ahead), "day")
    return When(base - timedelta(days=back), "day")


def today(match: re.Match[str], base: date | None, _p: When | None, _f: bool) -> When | None:
    if base is None:
        return None
    word = match["word"]
    if word.startswith("the day before"):
        return When(base - timedelta(days=2), "day")
    if word.startswith(("yesterday", "last night")):
        return When(base - timedelta(days=1), "day")
    if word.startswith("tomorrow"):
        return When(base + timedelta(days=1), "day")
    return When(base, "day")


def ago(match: re.Match[str], base: date | None, _p: When | None, _f: bool) -> When | None:
    count = count_of(match["count"])
    if base is None or not count or (match["hedge"] or "").strip() in _ONE_SIDED_HEDGES:
        return None
    return shift(When(base, "day"), match["unit"], -count)


def period(match: re.Match[str], base: date | None, _p: When | None, _f: bool) -> When | None:
    if base is None:
        return None
    which, unit = match["which"], match["unit"]
    step = -1 if "last" in which else 1 if "next" in which else 0
    here = coarsen(base, "week" if unit == "week" else unit)  # type: ignore[arg-type]
    return shift(here, unit, step)


def anchored(
    match: re.Match[str], base: date | None, previous: When | None, _f: bool
) -> When | None:
    anchor = previous or (When(base, "day") if base is not None else None)
    count = count_of(match["count"])
    if anchor is None or not count:
        return None
    sign = 1 if match["direction"] in {"later", "after"} else -1
    if _FINENESS[match["unit"]] < _FINENESS[anchor.precision]:
        return None  # "a week earlier" than a year says nothing about the week
    if anchor.precision == "day" and match["unit"] in {"day", "week"}:
        # Counted from a known day, "a week earlier" is a day, not a vague week.
        days = count * (7 if match["unit"] == "week" else 1)
        return When(anchor.day + timedelta(days=sign * days), "day")
    return shift(anchor, match["unit"], sign * count)


def next_day(match: re.Match[str], _b: date | None, previous: When | None, _f: bool) -> When | None:
    if previous is None or previous.precision != "day":
        return None
    word = match["word"]
    if word in {"same day", "that day"}:
        return previous
    if word == "following week":
        return shift(previous, "week", 1)
    sign = -1 if word in {"day before", "previous day", "day earlier"} else 1
    return When(previous.day + timedelta(days=sign), "day")
