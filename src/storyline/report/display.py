"""How single values are shown and linked in reports: dates, numbers, anchors, outlet names.

`web_url` is the one gate between an article's url and an href: only absolute http(s) URLs
pass, so `javascript:` and other schemes are shown as text and never become links.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from storyline.model import Article, outlet_of
from storyline.report.document import day_of, json_number

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+\Z", re.IGNORECASE)
_NOT_ANCHOR = re.compile(r"[^A-Za-z0-9_]+")


def anchor_id(story_id: str) -> str:
    """An HTML id derived from a story id: only [A-Za-z0-9_-], always starting with a letter.

    It never contains "--", so ids derived from it with a "--" suffix (`story-x--a1` for an
    article, `story-x--facts` for a section) cannot collide with another story's anchor.
    """
    cleaned = _NOT_ANCHOR.sub("-", story_id).strip("-")
    return f"story-{cleaned}" if cleaned else "story"


def web_url(url: str | None) -> str | None:
    """The url when it is an absolute http(s) URL, else None: other schemes never become links."""
    if url is None or not _WEB_URL.match(url):
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return url if host else None


def outlet_name(article: Article) -> str | None:
    """The outlet's name, or the host of the article's web address without `www.`."""
    return outlet_of(article.source, web_url(article.url))


def format_date(value: date) -> str:
    """`10 Mar 2026`, independent of the locale."""
    day = day_of(value)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_period(value: date, precision: str = "day") -> str:
    """A timeline date as precise as the text was: `10 Mar 2026`, `week of 9 Mar 2026`,
    `Mar 2026` or `2026`."""
    day = day_of(value)
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    if precision == "week":
        return f"week of {format_date(day)}"
    return format_date(day)


def format_value(value: float | None, approximate: bool) -> str:
    number = json_number(value)
    if number is None:
        return "—"
    text = f"{number:,}"
    return f"about {text}" if approximate else text
