"""Temporal expressions resolved to dates: "on Monday", "Feb. 8", "in 2018", "a week earlier".

Plain expressions are resolved against the article's publication day: a weekday is the most
recent one (or the next one when the verb is in the future tense), "last week" is the week
before. Absolute dates go through dateparser; a month and day without a year take the year
that puts them nearest before the publication day (after it for the future tense). Anchored
expressions ("a week earlier", "the next day") count from the date the article gave last,
which no library does. Every result carries its precision: a day, a week, a month or a year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import dateparser

from storyline.synthesize.periods import When, coarsen, day_when, safe_date, shift

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_UNIT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_UNIT_WORDS.update({"seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 0, "few": 0})

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_SOFT_START = r"(?:(?:early|mid|late|the end of|end of|the beginning of)[\s-]+)?"
_WHICH_DAY = r"(?:early|late|mid)?\s*(?P<which>last|this|next|this past|this coming)?\s*"
# "Thursday, Nov. 14, 2013": a weekday in front of a full date adds nothing.
_ON_WEEKDAY = (
    r"(?:(?:this\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+)?"
)
_LEAD = re.compile(r"^(?:(?:on|in|at|by|since|until|till|from|during|of|as of)\s+)?(?:the\s+)?")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern + r"$"))
    for name, pattern in (
        ("month_day", rf"{_ON_WEEKDAY}{_MONTH},?\s+{_DAY}(?:,?\s+{_YEAR})?{_PART_OF_DAY}"),
        ("day_month", rf"{_ON_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"),
        ("iso", r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
        ("month_year", rf"(?:this\s+)?{_SOFT_START}{_MONTH},?\s+{_YEAR}"),
        ("month", rf"{_SOFT_START}{_MONTH}"),
        ("year", rf"{_SOFT_START}{_YEAR}"),
        ("weekday", rf"{_WHICH_DAY}(?P<weekday>{'|'.join(_WEEKDAYS)}){_PART_OF_DAY}"),
        (
            "today",
            r"(?P<word>today|tonight|this morning|this afternoon|this evening|yesterday|"
            r"last night|tomorrow|the day before yesterday|yesterday morning|"
            r"yesterday afternoon|yesterday evening|tomorrow night|tomorrow morning)",
        ),
        (
            "ago",
            r"(?P<hedge>about |nearly |almost |more than |over |some )?"
            r"(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|"
            r"a few) "
            r"(?P<unit>day|week|month|year)s? ago",
        ),
        (
            "period",
            r"(?P<which>last|this|next|earlier this|later this|late last|early last|"
            r"earlier last|end of this|end of last|the end of this|the end of the|end of the|"
            r"the end of last|start of this|the start of the|start of next)\s+"
            r"(?P<unit>week|month|year)",
        ),
        (
            "anchored",
            r"(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten) "
            r"(?P<unit>day|week|month|year)s? (?P<direction>earlier|later|before|after|"
            r"prior|previously)",
        ),
        (
            "next_day",
            r"(?P<word>next day|following day|day after|day before|previous day|"
            r"following week|next morning|same day|that day|day earlier|day later)",
        ),
    )
)
# "would" is the future seen from a reported past ("said talks would begin on Monday").
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
_PLANNED = frozenset({"schedule", "scheduled", "due", "expect", "expected", "plan", "slate"})


def warm_up() -> None:
    """dateparser builds its tables on first use (a quarter of a second): pay it in setup."""
    dateparser.parse("Feb. 8, 2012", languages=["en"])


def is_future(token: Any) -> bool:
    """Whether the verb governing a date token speaks of the future ("will meet on Friday",
    "talks are due to begin on Thursday", "sessions would begin on Monday")."""
    current = token
    for _ in range(6):
        if current.lemma_.lower() in _PLANNED:
            return True
        if current.pos_ in {"VERB", "AUX"}:
            auxiliaries = {c.lower_ for c in current.children if c.dep_ in {"aux", "auxpass"}}
            if auxiliaries & _FUTURE_AUX or any(c.lower_ == "going" for c in current.children):
                return True
            # "mediation begins Thursday", "the family is holding a vigil Thursday": news
            # puts coming events in the present tense.
            if current.tag_ in {"VBZ", "VBP"} and not auxiliaries:
                return True
            if current.tag_ == "VBG" and auxiliaries & {"is", "are", "am"}:
                return True
            if current.head.lemma_.lower() not in _PLANNED:
                return False
        if current.head == current or current.dep_ in {"ccomp", "conj", "ROOT"}:
            break
        current = current.head
    return False


def _clean(text: str) -> str:
    cleaned = _LEAD.sub("", " ".join(text.lower().replace("’s", "").replace("'s", "").split()))
    return cleaned.strip(" ,.;:")


def resolve(text: str, base: date | None, previous: When | None, future: bool) -> When | None:
    """The date an expression names, or None when it names no date we can place."""
    cleaned = _clean(text)
    for name, pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if match is not None:
            return _RESOLVERS[name](match, base, previous, future)
    return None


def _month_day(
    match: re.Match[str], base: date | None, _p: When | None, future: bool
) -> When | None:
    month = _MONTHS[match["month"]]
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
    return When(date(int(match["year"]), _MONTHS[match["month"]], 1), "month")


def _month(match: re.Match[str], base: date | None, _p: When | None, future: bool) -> When | None:
    if base is None or (match["month"] == "may" and match.group(0) == "may"):
        return None  # "may" alone is far more often the verb
    month = _MONTHS[match["month"]]
    year = base.year
    if future and month < base.month:
        year += 1
    elif not future and month > base.month:
        year -= 1
    return When(date(year, month, 1), "month")


def _year(match: re.Match[str], _b: date | None, _p: When | None, _f: bool) -> When | None:
    return When(date(int(match["year"]), 1, 1), "year")


def _weekday(match: re.Match[str], base: date | None, _p: When | None, future: bool) -> When | None:
    if base is None:
        return None
    target = _WEEKDAYS.index(match["weekday"])
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


def _today(match: re.Match[str], base: date | None, _p: When | None, _f: bool) -> When | None:
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


def _ago(match: re.Match[str], base: date | None, _p: When | None, _f: bool) -> When | None:
    count = _count(match["count"])
    if base is None or not count or (match["hedge"] or "").strip() in _ONE_SIDED_HEDGES:
        return None
    return shift(When(base, "day"), match["unit"], -count)


# "Almost a month ago" on July 31 is early July, not June: a hedge that only says which side
# of the count the moment lies leaves the calendar period unknown.
_ONE_SIDED_HEDGES = frozenset({"nearly", "almost", "more than", "over"})


def _period(match: re.Match[str], base: date | None, _p: When | None, _f: bool) -> When | None:
    if base is None:
        return None
    which, unit = match["which"], match["unit"]
    step = -1 if "last" in which else 1 if "next" in which else 0
    here = coarsen(base, "week" if unit == "week" else unit)  # type: ignore[arg-type]
    return shift(here, unit, step)


def _anchored(
    match: re.Match[str], base: date | None, previous: When | None, _f: bool
) -> When | None:
    anchor = previous or (When(base, "day") if base is not None else None)
    count = _count(match["count"])
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


_FINENESS = {"day": 0, "week": 1, "month": 2, "year": 3}


def is_anchored(text: str) -> bool:
    """Whether an expression counts from another date ("a week earlier", "the next day")."""
    cleaned = _clean(text)
    return any(
        pattern.match(cleaned) for name, pattern in _PATTERNS if name in {"anchored", "next_day"}
    )


def _next_day(
    match: re.Match[str], base: date | None, previous: When | None, _f: bool
) -> When | None:
    if previous is None or previous.precision != "day":
        return None
    word = match["word"]
    if word in {"same day", "that day"}:
        return previous
    if word == "following week":
        return shift(previous, "week", 1)
    sign = -1 if word in {"day before", "previous day", "day earlier"} else 1
    return When(previous.day + timedelta(days=sign), "day")


_RESOLVERS = {
    "month_day": _month_day,
    "day_month": _month_day,
    "iso": _iso,
    "month_year": _month_year,
    "month": _month,
    "year": _year,
    "weekday": _weekday,
    "today": _today,
    "ago": _ago,
    "period": _period,
    "anchored": _anchored,
    "next_day": _next_day,
}


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _UNIT_WORDS.get(word, 0)
