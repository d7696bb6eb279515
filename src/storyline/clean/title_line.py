"""Which line of a scraped article is its headline.

The first line that is not debris, when it reads as a headline and body follows: leading
debris (a breadcrumb trail, a byline, a promo) is skipped, and a trail with a headline at
its end offers that headline. When the first paragraph of prose comes many lines later (a
whole page flattened, menus first), the headline is rather the nearest line above that
paragraph that reads as one and is long enough not to be a menu item.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.clean.line_rules import intrinsic_reason
from storyline.clean.lines import LineShape
from storyline.clean.title import headline_of

_SEARCH_LINES = 4
_REACH_ABOVE_PROSE = 8
_MIN_DISTANT_TITLE_WORDS = 4
_MIN_TRAIL_TITLE_WORDS = 3
_PARAGRAPH_WORDS = 12
# Reasons that do not stop a line from being the headline ("Floods: toll rises").
_TITLE_MAY_BE = (None, "label line")


def _offered_headline(line: LineShape, reason: str | None) -> str | None:
    """The headline a line offers: itself, or what follows a breadcrumb trail."""
    headline = headline_of(line.text)
    if headline is None or reason in _TITLE_MAY_BE:
        return headline
    if headline != line.text and reason == "menu or breadcrumb":
        stripped = LineShape(headline)
        if (
            intrinsic_reason(stripped) in _TITLE_MAY_BE
            and stripped.word_count >= _MIN_TRAIL_TITLE_WORDS
        ):
            return headline
    return None


def find_title_line(lines: Sequence[LineShape], reasons: Sequence[str | None]) -> int | None:
    """The index of the headline line, given each line's debris reason so far."""
    top = None
    for index, line in enumerate(lines[:_SEARCH_LINES]):
        if _offered_headline(line, reasons[index]) is not None:
            top = index if index + 1 < len(lines) else None
            break
        if reasons[index] is None:
            break
    first_prose = next(
        (
            i
            for i, line in enumerate(lines)
            if reasons[i] is None and line.is_prose(_PARAGRAPH_WORDS)
        ),
        None,
    )
    if first_prose is None or first_prose - (top or 0) <= _SEARCH_LINES:
        return top
    for index in range(first_prose - 1, max(first_prose - 1 - _REACH_ABOVE_PROSE, -1), -1):
        line = lines[index]
        if line.word_count >= _MIN_DISTANT_TITLE_WORDS and (
            _offered_headline(line, reasons[index]) is not None
        ):
            return index
    return top
