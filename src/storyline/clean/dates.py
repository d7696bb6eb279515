"""Publication dates from metadata and header strings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

import dateparser

from storyline.model import DateMethod, PublicationDate

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EARLIEST_YEAR = 1900
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": False,
}


def _plausible(day: date) -> bool:
    return _EARLIEST_YEAR <= day.year <= date.today().year + 1


def _from_datetime(
    moment: datetime, method: DateMethod, confidence: float
) -> PublicationDate | None:
    if moment.tzinfo is None:
        # A time without a zone is kept as a date: guessing a zone would invent precision.
        return (
            PublicationDate(moment.date(), None, method, confidence)
            if _plausible(moment.date())
            else None
        )
    if not _plausible(moment.date()):
        return None
    has_time = (moment.hour, moment.minute, moment.second) != (0, 0, 0)
    return PublicationDate(moment.date(), moment if has_time else None, method, confidence)


def parse_date(
    value: str | None, method: DateMethod, confidence: float = 1.0
) -> PublicationDate | None:
    """Parse an ISO, RFC 822 or human-written date; None when it is not a plausible date."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if _DATE_ONLY.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        return PublicationDate(day, None, method, confidence) if _plausible(day) else None
    try:
        return _from_datetime(
            datetime.fromisoformat(value.replace("Z", "+00:00")), method, confidence
        )
    except ValueError:
        pass
    try:
        return _from_datetime(parsedate_to_datetime(value), method, confidence)
    except (TypeError, ValueError, IndexError):
        pass
    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        return None
    return _from_datetime(parsed, method, confidence * 0.9)


def utc_now() -> datetime:
    return datetime.now(UTC)


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?([01]\d)[/-]?([0-3]\d)(?:/|[-_.]|$)")


def date_from_url(url: str | None) -> PublicationDate | None:
    """A date in a URL path (`/2026/03/11/`, `/20260311-`): how many outlets file articles."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if match is None:
        return None
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return PublicationDate(day, None, "metadata", 0.7) if _plausible(day) else None
