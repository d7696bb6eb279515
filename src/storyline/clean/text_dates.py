"""Publication dates inferred from an article's own text, when no metadata or header gives one.

In order of confidence:

1. a date line near the top ("Posted Fri Dec 28, 2007 7:05 AM ET", "16 January 2008"): how
   pages print their publication date, flattened into the text;
2. a full date stated in the text ("on Feb. 10, 2020"), the latest one in the first part of
   the article, which is where news states the day it reports;
3. a date without a year ("on Feb. 10"), completed by the year the text gives that month
   ("in February 2020"), or by the weekday written next to it ("Monday, Feb. 10" falls on a
   Monday only in some years; the one closest to the years the text names is taken).

A weekday written next to a full date that contradicts it lowers the confidence; one that
agrees, or weekday references elsewhere ("on Monday") that fall within the week before the
date, raise it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from storyline.clean.date_mentions import (
    DateMention,
    bare_years,
    find_dates,
    month_years,
    weekday_references,
)
from storyline.model import PublicationDate

_DATE_LINE_MAX_WORDS = 12
_DATE_LINE_SEARCH = 8
_MIN_CONFIDENCE = 0.1
_LEAD_SHARE = 0.4
_LEAD_MIN_CHARS = 1500
_EARLIEST_YEAR = 1990
# About how often each kind of evidence gave the page's own metadata date (within a day) on
# the tune half of the extraction benchmarks' pages (`benchmarks/clean_dates.py`): a date
# line seven times in ten, the latest full date in the prose only about one time in four
# (pages also cite older and coming dates), so such a date is a weak guess and says so.
DATE_LINE_CONFIDENCE = 0.7
STATED_CONFIDENCE = 0.25
COMPLETED_CONFIDENCE = 0.2
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?", re.I)
_NOT_DATE_WORDS = re.compile(r"[^\W\d_]{3,}")


def date_line(line: str) -> DateMention | None:
    """The date of a line that is only a date, maybe with a time and a short label."""
    if len(line.split()) > _DATE_LINE_MAX_WORDS:
        return None
    mentions = [m for m in find_dates(line) if m.year is not None]
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    rest = _TIME.sub(" ", line[: mention.start] + " " + line[mention.end :])
    # At most a label of two words around it ("Posted", "Last updated"): a sentence is more.
    if len(_NOT_DATE_WORDS.findall(rest)) > 2:
        return None
    return mention


def _plausible(day: date, today: date) -> bool:
    return day.year >= _EARLIEST_YEAR and day <= today + timedelta(days=1)


def _complete_year(
    mention: DateMention, named: dict[int, set[int]], years: list[int], today: date
) -> int | None:
    """The year of a date written without one, when the text makes it clear."""
    if mention.month in named and len(named[mention.month]) == 1:
        return next(iter(named[mention.month]))
    if mention.weekday is None:
        return None
    anchor = round(sum(years) / len(years)) if years else today.year
    matching = [
        year
        for year in range(anchor - 6, min(anchor + 6, today.year) + 1)
        if (day := mention.as_date(year)) is not None and day.weekday() == mention.weekday
    ]
    return min(matching, key=lambda year: abs(year - anchor)) if matching else None


def _weekday_confidence(day: date, mention: DateMention, referenced: set[int]) -> float:
    if mention.weekday is not None:
        return 0.1 if day.weekday() == mention.weekday else -0.2
    week_before = {(day - timedelta(days=back)).weekday() for back in range(7)}
    return 0.05 if referenced and referenced <= week_before else 0.0


def infer_from_text(lines: Sequence[str], today: date | None = None) -> PublicationDate | None:
    """The publication date the article's lines state or imply, or None."""
    today = today or date.today()
    for line in lines[:_DATE_LINE_SEARCH]:
        mention = date_line(line)
        day = mention.as_date() if mention is not None else None
        if day is not None and _plausible(day, today):
            return PublicationDate(day, None, "text", DATE_LINE_CONFIDENCE)
    text = "\n".join(lines)
    lead = text[: max(_LEAD_MIN_CHARS, int(len(text) * _LEAD_SHARE))]
    named = month_years(text)
    years = bare_years(text) + [y for ys in named.values() for y in ys]
    referenced = weekday_references(text)
    best: tuple[date, float] | None = None
    for mention in find_dates(lead):
        confidence = STATED_CONFIDENCE
        year = mention.year
        if year is None:
            year = _complete_year(mention, named, years, today)
            confidence = COMPLETED_CONFIDENCE
        if year is None or (day := mention.as_date(year)) is None or not _plausible(day, today):
            continue
        years.append(day.year)
        confidence += _weekday_confidence(day, mention, referenced)
        if confidence > _MIN_CONFIDENCE and (best is None or day > best[0]):
            best = (day, round(confidence, 2))
    return PublicationDate(best[0], None, "text", best[1]) if best else None
