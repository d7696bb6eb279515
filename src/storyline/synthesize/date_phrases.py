"""Date phrases as news writes them, matched by kind: "Feb. 8, 2012", "on Monday", "two weeks
ago", "last month", "a week earlier", "the next day".

A phrase is cleaned first (case, spacing, a possessive and a leading preposition or "the"
dropped), then matched whole against one pattern per kind, in order; `temporal.resolve` turns
the match into a date.
"""

from __future__ import annotations

import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
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
# "several" and "a few" count nothing: a phrase with them names no date.
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT_WORDS.update({"seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 0, "few": 0})

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
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

# In order of trial: the first kind whose pattern matches the whole phrase names it.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern + r"$"))
    for kind, pattern in (
        ("month_day", rf"{_ON_WEEKDAY}{_MONTH},?\s+{_DAY}(?:,?\s+{_YEAR})?{_PART_OF_DAY}"),
        ("day_month", rf"{_ON_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"),
        ("iso", r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
        ("month_year", rf"(?:this\s+)?{_SOFT_START}{_MONTH},?\s+{_YEAR}"),
        ("month", rf"{_SOFT_START}{_MONTH}"),
        ("year", rf"{_SOFT_START}{_YEAR}"),
        ("weekday", rf"{_WHICH_DAY}(?P<weekday>{'|'.join(WEEKDAYS)}){_PART_OF_DAY}"),
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
_ANCHORED_KINDS = frozenset({"anchored", "next_day"})


def match_phrase(text: str) -> tuple[str, re.Match[str]] | None:
    """The kind of date phrase `text` is and the pattern's match, or None for no date phrase."""
    cleaned = _clean(text)
    for kind, pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if match is not None:
            return kind, match
    return None


def is_anchored(text: str) -> bool:
    """Whether an expression counts from another date ("a week earlier", "the next day")."""
    cleaned = _clean(text)
    return any(pattern.match(cleaned) for kind, pattern in _PATTERNS if kind in _ANCHORED_KINDS)


def count_of(word: str) -> int:
    """The number a count word says ("3", "a", "two"); 0 when it says no exact number."""
    return int(word) if word.isdigit() else _COUNT_WORDS.get(word, 0)


def _clean(text: str) -> str:
    cleaned = _LEAD.sub("", " ".join(text.lower().replace("’s", "").replace("'s", "").split()))
    return cleaned.strip(" ,.;:")
