"""How names are compared: folded spellings, honorifics, initials and small typos."""

from __future__ import annotations

import re
import unicodedata


def word_set(text: str) -> frozenset[str]:
    """The white-space separated words of a literal, as a set (keeps long word lists short)."""
    return frozenset(text.split())


_HONORIFICS = word_set(
    """
    mr mrs ms miss mx dr prof sen senator rep representative gov governor president pres gen
    general col colonel capt captain lt lieutenant sgt sergeant officer judge justice mayor
    chief minister sheriff deputy detective pope king queen prince princess lord lady sir
    dame rev reverend father sister brother ambassador commissioner secretary chancellor
    premier spokesman spokeswoman spokesperson dean coach attorney inspector superintendent
    """
)
_SMALL_WORDS = word_set("of for the and on in at to de du des la le el al pour et y")
_NOT_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lowercase, without diacritics, possessives, a leading "the" or punctuation."""
    text = text.replace("’", "'").strip()
    text = re.sub(r"'s$|'$", "", text)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.lower().replace(".", "")
    words = _NOT_WORD.sub(" ", plain).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def person_key(text: str) -> str:
    """A person's name folded, without honorifics in front ("Gov. Mirela Dănescu")."""
    words = fold(text).split()
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    if len(words) > 1 and words[-1] in {"jr", "sr", "ii", "iii"}:
        words = words[:-1]
    return " ".join(words)


def initials(key: str) -> str:
    """ "syrian observatory for human rights" -> "sohr"."""
    return "".join(word[0] for word in key.split() if word not in _SMALL_WORDS)


def looks_like_acronym(surface: str) -> bool:
    letters = surface.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def name_part_matches(full_key: str, word_key: str) -> bool:
    """Whether a lone name is the first or last name of a full one ("Varga", "Tomas Varga"),
    allowing a typo in a surname."""
    words = full_key.split()
    return words[-1] == word_key or words[0] == word_key or near_spelling(words[-1], word_key)


def near_spelling(first: str, second: str) -> bool:
    """One edit apart (a swap of neighbours counts as one), for words long enough to judge."""
    if first == second:
        return True
    if min(len(first), len(second)) < 5 or abs(len(first) - len(second)) > 1:
        return False
    return _edit_distance_at_most_one(first, second)


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) <= 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if len(a) > len(b):
        a, b = b, a
    return any(a == b[:i] + b[i + 1 :] for i in range(len(b)))
