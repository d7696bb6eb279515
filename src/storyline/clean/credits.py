"""Photo and agency credits: "Photo: J. Morel / KNA", "REUTERS/Jane Doe", "AFP via Getty".

A credit is recognised by its form: a short run of capitalised words around a slash or a
"via", or a credit label (the generic words that introduce one) followed by a colon or
"by". The same patterns find a credit appended to a caption, which tells a caption repeated
with and without its credit.
"""

from __future__ import annotations

import re

from storyline.clean.lines import LineShape

_NAME = r"[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|de|van|von|da|di|al|bin|and|&))*"
_NAMES = rf"{_NAME}(?:\s*/\s*{_NAME})+"
# The generic words that introduce a credit, in any case ("PHOTO:", "Image by").
_LABEL = (
    r"(?i:photo(?:graph)?s?|images?|pictures?|pics?|video|credits?|illustrations?|graphics?"
    r"|fotos?|bild|file photo|photo credit)"
)
_LABELLED_CREDIT = re.compile(
    rf"^\(?\s*(?:{_LABEL}\s*(?::|(?i:by)|/|©)|©|\((?i:c)\)|(?i:copyright\b))\s*\S"
)
_NAMED_CREDIT = re.compile(rf"^\(?\s*(?:{_NAMES}|{_NAME}\s+via\s+{_NAME})\s*\)?$")
# A credit after a caption: in brackets, or after the caption's final punctuation when it
# is introduced by a capitalised label or is names around a slash or "via" ("… road. J.
# Morel / KNA"); a title with a slash inside a sentence ("Pale Blue Dot / Lift Off.") is not.
_CREDIT_SUFFIX = re.compile(
    rf"(?:\s*[(\[]\s*(?:{_LABEL}\s*(?::|(?i:by))\s*)?{_NAMES}\s*[)\]]"
    rf"|\s*[(\[]\s*{_LABEL}\s*(?::|(?i:by))\s*[^()]{{2,80}}[)\]]"
    rf"|(?<=[.!?\"”’])\s+(?=[A-Z]){_LABEL}\s*(?::|(?i:by))\s*[^()]{{2,80}}"
    rf"|(?<=[.!?\"”’])\s+(?:{_NAMES}|{_NAME}\s+via\s+{_NAME})(?<!\.))\s*$"
)
_MAX_CREDIT_WORDS = 10
_MIN_CAPITALISED = 0.6


def is_credit(line: LineShape) -> bool:
    """A line that is only a photo, video or agency credit."""
    if line.word_count == 0 or line.word_count > _MAX_CREDIT_WORDS:
        return False
    if _LABELLED_CREDIT.match(line.text):
        return True
    # "J. Morel / KNA" is names on both sides; a sentence with a slash has lower-case words.
    named = _NAMED_CREDIT.match(line.text) is not None
    return named and line.capitalised_share >= _MIN_CAPITALISED


def strip_credit(text: str) -> str | None:
    """The caption without a credit appended to it, or None when it carries no credit."""
    if "/" not in text and " via " not in text and ":" not in text and " by " not in text.lower():
        return None
    match = _CREDIT_SUFFIX.search(text)
    if match is None or match.start() == 0:
        return None
    caption = text[: match.start()].rstrip(" -–—|,;:")
    return caption if len(caption.split()) >= 2 else None
