"""The shape of a text line: what the debris rules and the title test look at.

Everything here is about form (length, final punctuation, capitals, separators, counter,
credit and form-field patterns), not about which words a line contains, so that the rules
carry over to outlets they were not developed on.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)\]」』]*$")
# Chinese and Japanese are written without spaces between words: their characters count.
_UNSPACED_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# A whitespace-separated token with a letter or digit in it.
_WORD = re.compile(r"[^\s\w]*\w\S*")
_KEY_DROP = re.compile(r"[\W_]+")
# Separators that scrapers leave between menu items, breadcrumb steps and byline parts.
_SEPARATOR = re.compile(r"\s+(?:[|>»›•·\\/]|::)\s+|\s*[|»›•·]\s*")
# "3/12", "3 of 12", "(3/12)": gallery counters.
_COUNTER = re.compile(r"^\(?\s*\d{1,3}\s*(?:/|of|de|von|sur|di)\s*\d{1,3}\s*\)?$", re.I)
_LINK_ARROW = re.compile(r"(?:[»›→▶>]|\.\.\.|…)\s*$")
_FORM_FIELD = re.compile(r"\*\s*$|\(required\)\s*$", re.I)
_LABEL_PREFIX = re.compile(r"^([^\W\d][\w'’&-]*(?:\s+[\w'’&-]+){0,3})\s*:\s*(\S.*)?$")
_INNER_PUNCTUATION = re.compile(r"\w[.,;:] \w")
_LONG_LINE_WORDS = 25
_OPENING = "\"'“‘(«[—–- "


def count_words(text: str) -> int:
    """Words split by spaces, and about one per two characters of unspaced scripts."""
    return len(_WORD.findall(text)) + len(_UNSPACED_SCRIPT.findall(text)) // 2


def line_key(text: str) -> str:
    """Lower-case letters and digits only: two lines with the same key say the same thing."""
    return _KEY_DROP.sub(" ", text.lower()).strip()


class LineShape:
    """Form features of one line of text; the cheap ones computed once, the rest on demand."""

    __slots__ = ("ends_sentence", "ends_with_period", "key", "text", "word_count", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = _WORD.findall(text)
        self.word_count = len(self.words) + len(_UNSPACED_SCRIPT.findall(text)) // 2
        self.ends_sentence = _SENTENCE_END.search(text) is not None and not text.endswith(
            ("...", "…")
        )
        self.ends_with_period = self.ends_sentence and text.rstrip("\"'”’»)]").endswith(".")
        self.key = line_key(text)

    @property
    def starts_like_sentence(self) -> bool:
        first = self.text.lstrip(_OPENING)[:1]
        return first.isupper() or first.isdigit()

    @property
    def has_letters(self) -> bool:
        return any(char.isalpha() for char in self.text)

    @property
    def capitalised_share(self) -> float:
        """Share of words written with an initial capital (menus, names, title case)."""
        if not self.words:
            return 0.0
        capitalised = sum(1 for w in self.words if w.lstrip(_OPENING)[:1].isupper())
        return capitalised / self.word_count

    @property
    def segments(self) -> list[str]:
        """The parts between menu, breadcrumb and byline separators."""
        return [part for part in _SEPARATOR.split(self.text) if part.strip()]

    @property
    def label(self) -> str | None:
        """ "Share this article" in "Share this article: Facebook Twitter"."""
        found = _LABEL_PREFIX.match(self.text)
        return found.group(1) if found else None

    @property
    def label_rest(self) -> str:
        found = _LABEL_PREFIX.match(self.text)
        return (found.group(2) or "") if found else ""

    @property
    def is_counter(self) -> bool:
        return _COUNTER.match(self.text) is not None

    @property
    def ends_with_link_arrow(self) -> bool:
        return _LINK_ARROW.search(self.text) is not None

    @property
    def is_form_field(self) -> bool:
        return self.word_count <= 8 and _FORM_FIELD.search(self.text) is not None

    def is_prose(self, min_words: int) -> bool:
        """A sentence of some length, or a long punctuated run of words whatever its end
        (a paragraph cut short); a long run without punctuation is a menu or a tag list."""
        if self.ends_sentence:
            return self.word_count >= min_words
        return (
            self.word_count >= _LONG_LINE_WORDS and _INNER_PUNCTUATION.search(self.text) is not None
        )
