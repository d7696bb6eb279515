"""Dates written in English text: "Feb. 10, 2020", "10 February", "2020-02-10", "in December
2019", with the weekday written next to them ("Tuesday, Feb. 10").

A mention may lack its year; `year_from` completes it from the text around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?"
    r"|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?"
    r"|Dec(?:ember|\.)?)"
)
_WEEKDAY = (
    r"(?:(?P<weekday>Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?"
    r"|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\.?,?\s+)?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WRITTEN = re.compile(
    rf"\b{_WEEKDAY}(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"
    rf"|{_DAY.replace('day>', 'day2>')}\s+(?:of\s+)?{_MONTH.replace('month>', 'month2>')}"
    rf"(?:,?\s+{_YEAR.replace('year>', 'year2>')})?)\b(?![-/]\d)"
)
_NUMERIC = re.compile(
    r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"
    r"|\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y2>(?:19|20)\d\d)\b"
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")
_BARE_YEAR = re.compile(r"\b(?:in|since|of|by|until|from|during)\s+((?:19|20)\d\d)\b")
_LONE_WEEKDAY = re.compile(
    r"\b(?:on|last|this|next|since|by|until|late|early)\s+"
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in the text. `year` is None when the text leaves it out."""

    year: int | None
    month: int
    day: int
    weekday: int | None
    start: int
    end: int

    def as_date(self, year: int | None = None) -> date | None:
        try:
            return date(year or self.year or 0, self.month, self.day)
        except ValueError:
            return None


def _month_number(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def find_dates(text: str) -> list[DateMention]:
    """Every day-precise date written in `text`, in order."""
    found: list[DateMention] = []
    for match in _WRITTEN.finditer(text):
        groups = match.groupdict()
        month = groups["month"] or groups["month2"]
        day = groups["day"] or groups["day2"]
        year = groups["year"] or groups["year2"]
        weekday = groups["weekday"]
        found.append(
            DateMention(
                int(year) if year else None,
                _month_number(month),
                int(day),
                _WEEKDAYS[weekday[:3].lower()] if weekday else None,
                match.start(),
                match.end(),
            )
        )
    for match in _NUMERIC.finditer(text):
        if match.group("y"):
            year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
        else:
            first, second = int(match.group("a")), int(match.group("b"))
            # Slashes put the month first (US usage), dots the day (European usage); a
            # number above 12 cannot be the month either way.
            day_first = match.group("sep") == "." or first > 12
            month, day = (second, first) if day_first and second <= 12 else (first, second)
            year = int(match.group("y2"))
        found.append(DateMention(year, month, day, None, match.start(), match.end()))
    return sorted(
        (m for m in found if m.as_date(m.year or 2000) is not None), key=lambda m: m.start
    )


def month_years(text: str) -> dict[int, set[int]]:
    """Years the text names with each month: "in December 2019" -> {12: {2019}}."""
    named: dict[int, set[int]] = {}
    for match in _MONTH_YEAR.finditer(text):
        named.setdefault(_month_number(match.group("month")), set()).add(int(match.group("year")))
    return named


def bare_years(text: str) -> list[int]:
    """Years the text names on their own: "in 2019", "since 2011"."""
    return [int(year) for year in _BARE_YEAR.findall(text)]


def weekday_references(text: str) -> set[int]:
    """Weekdays the text refers to without a date: "on Monday", "last Tuesday"."""
    return {_WEEKDAYS[name[:3].lower()] for name in _LONE_WEEKDAY.findall(text)}
