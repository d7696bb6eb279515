"""Headlines: whether a line reads as one, with a breadcrumb trail in front stripped."""

from __future__ import annotations

import re

from storyline.clean.text_dates import date_line

_MAX_TITLE_CHARS = 200
_MIN_TITLE_WORDS = 2
_MAX_TITLE_WORDS = 30
_MAX_CRUMB_WORDS = 4
_NOT_A_HEADLINE_END = (".", ",", ";", ":", "*")
_TRAIL = re.compile(r"\s+[>»›]\s+|\s*[»›]\s*")
_PIPE = re.compile(r"\s+\|\s+|\s+::\s+")


def strip_breadcrumb(line: str) -> str:
    """`World > Europe > Floods hit Tarvel` -> `Floods hit Tarvel`; `News | X` -> `X`."""
    steps = [step.strip() for step in _TRAIL.split(line) if step.strip()]
    if len(steps) >= 2 and all(len(s.split()) <= _MAX_CRUMB_WORDS for s in steps[:-1]):
        return steps[-1]
    parts = [part.strip() for part in _PIPE.split(line) if part.strip()]
    if len(parts) >= 2:
        longest = max(parts, key=lambda part: len(part.split()))
        others = [part for part in parts if part is not longest]
        if all(len(part.split()) <= _MAX_CRUMB_WORDS for part in others):
            return longest
    return line.strip()


def headline_of(line: str) -> str | None:
    """The headline the line states (breadcrumb prefix stripped), or None if it is not one.

    A headline is short, has no final period, is mostly letters, and is not a trail of
    menu items.
    """
    text = strip_breadcrumb(line)
    if not text or len(text) > _MAX_TITLE_CHARS or text.endswith(_NOT_A_HEADLINE_END):
        return None
    if text.endswith(("...", "…")):
        return None
    words = text.split()
    if not _MIN_TITLE_WORDS <= len(words) <= _MAX_TITLE_WORDS:
        return None
    if sum(ch.isalpha() for ch in text) < len(text) // 2:
        return None
    first = text.lstrip("\"'“‘(«[")[:1]
    if not (first.isupper() or first.isdigit()) or date_line(text) is not None:
        return None
    return text


def looks_like_headline(line: str) -> bool:
    return headline_of(line) == line.strip()


def split_title(paragraph_list: list[str]) -> tuple[str | None, list[str]]:
    """Take the first paragraph as the title when it reads as a headline and body follows."""
    if len(paragraph_list) >= 2:
        headline = headline_of(paragraph_list[0])
        if headline is not None:
            return headline, paragraph_list[1:]
    return None, paragraph_list
