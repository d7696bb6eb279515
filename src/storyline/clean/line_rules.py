"""Debris that a line gives away on its own: its form, not the words it uses.

A gallery counter, a line without letters, a credit, a form field, a menu or breadcrumb row,
a byline, a date line, a short "label: value" line, a short line ending in a link arrow, a
short call to action addressed to the reader. Each returns the reason it was recognised by;
a sentence of prose is never judged here.
"""

from __future__ import annotations

import re

from storyline.clean.credits import is_credit
from storyline.clean.lines import LineShape
from storyline.clean.text_dates import date_line

# A line of prose: ends like a sentence and has at least this many words.
PROSE_WORDS = 5
_MAX_MENU_SEGMENT_WORDS = 6
_MAX_BYLINE_WORDS = 10
_MAX_DATE_LINE_WORDS = 12
_MAX_LABEL_LINE_WORDS = 12
_MAX_LABEL_WORDS = 3
_MAX_LABEL_REST_WORDS = 5
_MAX_ARROW_WORDS = 15
_MAX_ADDRESS_WORDS = 12
# The reader addressed: "Download our app", "Sign up for your newsletter". Matched with
# their case, so that "the US" is not "us".
_READER = re.compile(r"\b(?:you|your|our|us|you're|we're)\b|^(?:You|Your|Our)\b")
# A line that starts with one of these describes rather than calls to action ("This
# supernova is as bright as our sun", "Some of our favourite quotes").
_DESCRIPTIVE_OPENERS = frozenset(
    str.split(
        "the a an this that these those it its he she they we i his her their there some "
        "many most all one each every no what who when where why how if as in on at by of "
        "and but or so for with from to after before while"
    )
)
_QUOTE_OPENING = "\"'“‘«„"


def intrinsic_reason(line: LineShape) -> str | None:
    """Why the line is debris, judging it alone; None when nothing about it is sure."""
    if line.is_counter:
        return "gallery counter"
    if not line.has_letters:
        return "no words"
    if is_credit(line):
        return "credit"
    if line.is_form_field:
        return "form field"
    if line.ends_sentence and line.word_count >= PROSE_WORDS:
        return None
    segments = line.segments
    if len(segments) >= 2 and all(len(s.split()) <= _MAX_MENU_SEGMENT_WORDS for s in segments):
        return "byline" if segments[0].startswith(("By ", "BY ")) else "menu or breadcrumb"
    if line.words[0] in ("By", "BY") and line.word_count <= _MAX_BYLINE_WORDS:
        return "byline"
    if line.word_count <= _MAX_DATE_LINE_WORDS and date_line(line.text) is not None:
        return "date line"
    if is_label_line(line):
        return "label line"
    if line.word_count <= _MAX_ARROW_WORDS and line.ends_with_link_arrow:
        return "link"
    if _calls_to_action(line):
        return "addresses the reader"
    return None


def is_label_line(line: LineShape) -> bool:
    """A short label and a colon before a name, a list or a headline: "Share: Facebook
    Twitter", "Map: Perth 6000", "Related: Evacuation map for Lisk". Not "Fire: mayor says 40
    homes lost" (a headline's lower-case clause), not "Cohen: "Says who?"" (speech), not
    "Symptoms include:" (a lead-in to what follows)."""
    if line.word_count > _MAX_LABEL_LINE_WORDS:
        return False
    label = line.label
    if label is None or len(label.split()) > _MAX_LABEL_WORDS:
        return False
    rest_text = line.label_rest
    if not rest_text:
        return len(label.split()) == 1
    if rest_text.startswith(tuple(_QUOTE_OPENING)):
        return False
    rest = LineShape(rest_text)
    return (
        rest.word_count <= _MAX_LABEL_REST_WORDS
        or rest.capitalised_share >= 0.5
        or (len(rest.segments) >= 3 or rest_text.count(", ") >= 2)
    )


def _calls_to_action(line: LineShape) -> bool:
    """A short line, not a sentence, that tells the reader to do something with the page."""
    if line.word_count > _MAX_ADDRESS_WORDS or line.ends_sentence:
        return False
    if line.text.startswith(tuple(_QUOTE_OPENING)):
        return False
    if line.label is not None and line.label_rest.startswith(tuple(_QUOTE_OPENING)):
        return False  # speech in a transcript: "Keilar: "You say it's not a shake-up""
    if line.words[0].lower() in _DESCRIPTIVE_OPENERS:
        return False
    return _READER.search(line.text) is not None
