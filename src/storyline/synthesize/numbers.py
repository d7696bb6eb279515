"""Numbers as news writes them, turned into values with the latitude their wording allows.

"3.6 million", "1,200", "fourteen", "twenty-one", "a dozen", "$5.2 billion", "6%" become
values; the hedge in front ("nearly", "more than", "at least", "about") becomes a `Bound`,
from which `value_range` gives the interval of true values the wording is compatible with.
Two claims disagree exactly when their intervals do not meet.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

Bound = Literal["exact", "about", "nearly", "at_least", "at_most"]

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1e9}
NUMBER_WORDS = frozenset([*_UNITS, *_TENS, *_SCALES, "dozen", "half"])

# Hedges, longest first so "more than" wins over "more". Each maps to how it bounds the value.
_HEDGES: tuple[tuple[str, Bound], ...] = (
    ("in excess of", "at_least"),
    ("upwards of", "at_least"),
    ("no fewer than", "at_least"),
    ("no less than", "at_least"),
    ("more than", "at_least"),
    ("greater than", "at_least"),
    ("at least", "at_least"),
    ("as many as", "at_most"),
    ("as much as", "at_most"),
    ("fewer than", "at_most"),
    ("less than", "at_most"),
    ("no more than", "at_most"),
    ("at most", "at_most"),
    ("up to", "at_most"),
    ("just under", "nearly"),
    ("just shy of", "nearly"),
    ("close to", "nearly"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("approximately", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
    ("roughly", "about"),
    ("around", "about"),
    ("about", "about"),
    ("some", "about"),
    ("over", "at_least"),
    ("under", "at_most"),
)
# "about 1,900" still allows 1,700 or 2,100; "nearly 150" allows 130 but not 151.
_ABOUT = 0.12
_NEARLY = 0.15

_DIGITS = re.compile(r"^[$£€¥]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k|m|mn|bn|b)?\+?%?$", re.I)


@dataclass(frozen=True, slots=True)
class Amount:
    """A value with how the text bounds it; `approximate` is anything but a plain figure."""

    value: float
    bound: Bound = "exact"

    @property
    def approximate(self) -> bool:
        return self.bound != "exact"


def parse_digits(text: str) -> float | None:
    """`1,200` -> 1200, `3.6` -> 3.6, `5bn` -> 5e9; None when it is not a plain figure."""
    match = _DIGITS.match(text.strip())
    if match is None:
        return None
    whole, fraction, suffix = match.groups()
    value = float(whole.replace(",", "") + (fraction or ""))
    if suffix:
        value *= _SUFFIX_SCALES[suffix.lower()]
    return value


def parse_number_words(words: list[str]) -> float | None:
    """`["twenty", "one"]` -> 21, `["3.6", "million"]` -> 3.6e6, `["a", "dozen"]` -> 12.

    Returns None when the words are not one number (so "one or two" is not read as 3).
    """
    words = [w.lower() for w in words if w not in {"-", "and", ","}]
    if words[:1] in (["a"], ["an"]):
        words = ["one", *words[1:]]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        digits = parse_digits(word)
        if digits is not None:
            if seen and current:
                return None
            current += digits
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "half":
            current += 0.5
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    value = total + current
    return value if value >= 0 and math.isfinite(value) else None


def hedge_before(words: list[str]) -> tuple[Bound, int]:
    """The bound set by the words just before a number, and how many of them it used."""
    lowered = [w.lower() for w in words]
    for phrase, bound in _HEDGES:
        parts = phrase.split()
        if lowered[-len(parts) :] == parts:
            return bound, len(parts)
    return "exact", 0


def value_range(amount: Amount) -> tuple[float, float]:
    """The interval of true values the wording allows."""
    value = amount.value
    if amount.bound == "about":
        return value * (1 - _ABOUT), value * (1 + _ABOUT)
    if amount.bound == "nearly":
        return value * (1 - _NEARLY), value
    if amount.bound == "at_least":
        return value, math.inf
    if amount.bound == "at_most":
        return 0.0, value
    return value, value


def compatible(first: Amount, second: Amount) -> bool:
    """Whether both wordings can describe the same true value."""
    low_a, high_a = value_range(first)
    low_b, high_b = value_range(second)
    return low_a <= high_b and low_b <= high_a
