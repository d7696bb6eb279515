"""Checking a model's sentence against the sources it cites: every number and every name in
it must be found there, or the sentence is not said.

Numbers are compared as values, so "3,000", "3000" and "3 thousand" meet, and "fourteen"
meets "14". Names are capitalised words; the first word of a sentence counts only when the
next word is capitalised too ("Governor Danescu"), since "Floods" or "Officials" opening a
sentence are capitalised only by position. Both checks ignore case and possessive endings.
"""

from __future__ import annotations

import re

# Written as one string: a list literal of twenty quoted words would take twenty lines.
_NUMBER_NAMES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()  # noqa: E501, SIM905
# "one of the victims" is rarely a figure; a checker that read it as 1 would drop good
# sentences.
_SMALL_NUMBERS = {word: value for value, word in enumerate(_NUMBER_NAMES) if word != "one"}
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_TENS |= {"ninety": 90}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_FIGURE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?"
    r"(?:\s*(thousand|million|billion|trillion|bn)\b)?",
    re.IGNORECASE,
)
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join([*_SMALL_NUMBERS, *_TENS]) + r")(?:-(" + "|".join(_UNITS) + r"))?\b"
    r"(?:\s+(thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def numbers_in(text: str) -> set[float]:
    """Every number the text states, as a value."""
    values: set[float] = set()
    for match in _FIGURE.finditer(text):
        whole, fraction, scale = match.groups()
        value = float(whole.replace(",", "") + (fraction or ""))
        values.add(value * _SCALES[scale.lower()] if scale else value)
    for match in _NUMBER_WORD.finditer(text):
        tens_or_small, unit, scale = (g.lower() if g else None for g in match.groups())
        assert tens_or_small is not None
        value = float(_SMALL_NUMBERS.get(tens_or_small, _TENS.get(tens_or_small, 0)))
        if unit:
            value += _UNITS.index(unit) + 1
        values.add(value * _SCALES[scale] if scale else value)
    return values


def _plain(word: str) -> str:
    return _POSSESSIVE.sub("", word.rstrip(".")).lower()


def names_in(sentence: str) -> list[str]:
    """The capitalised words of a sentence that name someone or something."""
    words = _WORD.findall(sentence)
    names = []
    for index, word in enumerate(words):
        if not word[0].isupper():
            continue
        if index == 0 and not (len(words) > 1 and words[1][0].isupper()):
            continue
        names.append(_POSSESSIVE.sub("", word.rstrip(".")))
    return names


def unsupported(sentence: str, evidence: str) -> list[str]:
    """The numbers and names of `sentence` that `evidence` does not contain."""
    missing: list[str] = []
    found_numbers = numbers_in(evidence)
    for value in sorted(numbers_in(sentence)):
        if not any(abs(value - known) <= 1e-9 * max(1.0, abs(known)) for known in found_numbers):
            missing.append(f"{value:g}")
    evidence_words = {_plain(w) for w in _WORD.findall(evidence)}
    missing.extend(name for name in names_in(sentence) if _plain(name) not in evidence_words)
    return missing
