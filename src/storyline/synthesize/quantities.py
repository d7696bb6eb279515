"""Quantities in a parsed sentence: the number, its hedge, and the noun it counts.

A quantity is a run of number tokens ("3.6 million", "twenty - one", "a dozen", "$ 5.2
billion") that counts or measures something. Left out, because they are not counts: dates,
times and durations, ages ("Own, 33,", "a 25-year-old"), ordinals, numbers inside names
("Terminal 3", "Apollo 11"), scores and ranges ("8 to 5"), ratios ("one in seven"), vague
plurals ("hundreds of"), and the word "one" (nearly always a determiner in news).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.synthesize.attribution import TALLY_NOUNS
from storyline.synthesize.names import word_set
from storyline.synthesize.numbers import (
    NUMBER_WORDS,
    Amount,
    hedge_before,
    parse_digits,
    parse_number_words,
)

_SKIP_ENTS = word_set(
    "DATE TIME ORDINAL PERSON ORG GPE LOC FAC PRODUCT WORK_OF_ART LAW EVENT NORP LANGUAGE"
)
_NAME_ENTS = _SKIP_ENTS - {"DATE", "TIME", "NORP"}
_STATE_WORDS = word_set("dead injured wounded missing homeless hurt")
_TIME_UNITS = word_set(
    """
    second minute hour day week weekend month year decade century night morning afternoon
    evening season term a.m. p.m. am pm o'clock year-old old
    """
)
_CURRENCY_SYMBOLS = {"$": "dollars", "us$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
_CURRENCY_WORDS = word_set(
    "dollar euro pound yen yuan rupee ruble rouble peso franc won real rand naira shekel"
)
_PERCENT = frozenset({"%", "percent", "pct", "per cent", "percentage"})
_VAGUE = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "scores"})
_RANGE_WORDS = frozenset({"to", "-", "–", "—", "or"})
_NOT_COUNTED = frozenset({"more", "other", "additional", "extra", "new", "further", "some"})
_PRONOUN_NOUNS = frozenset({"them", "those", "these", "they", "us", "you"})


@dataclass(frozen=True, slots=True)
class Quantity:
    amount: Amount
    noun: str  # what it counts or measures, as written: "prisoners", "dollars", "percent"
    noun_key: str  # the same, as a lemma for grouping
    anchor: Any  # the token the quantity hangs on in the parse (noun, or the number itself)
    first: int  # token index of the number run's first token (hedge excluded)
    last: int


def quantities_in(span: Any) -> list[Quantity]:
    """The quantities of a sentence, in order."""
    found: list[Quantity] = []
    tokens = list(span)
    position = 0
    while position < len(tokens):
        run = _number_run(tokens, position)
        if not run:
            position += 1
            continue
        position = run[-1].i - tokens[0].i + 1
        quantity = _quantity(run)
        if quantity is not None:
            found.append(quantity)
    return found


def _is_number_token(token: Any) -> bool:
    lower = token.lower_
    if lower == "half":
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is not None and following.lower_ in {"a", "million", "billion"}
    if lower in NUMBER_WORDS:
        return True
    return token.like_num and parse_digits(token.text) is not None


def _number_run(tokens: list[Any], start: int) -> list[Any]:
    first = tokens[start]
    if not _is_number_token(first):
        return []
    run = [first]
    index = start + 1
    while index < len(tokens):
        token = tokens[index]
        joiner = token.lower_ in {"-", "and"} and index + 1 < len(tokens)
        if joiner and _is_number_token(tokens[index + 1]) and _word_number(tokens[index + 1]):
            if token.lower_ == "and" and tokens[index + 1].lower_ not in _WORD_TAILS:
                break
            run.extend([token, tokens[index + 1]])
            index += 2
        elif _is_number_token(token) and (_word_number(token) or token.lower_ in _SCALE_WORDS):
            run.append(token)
            index += 1
        else:
            break
    # "a dozen", "a million": the article belongs to the number.
    before = first.nbor(-1) if first.i > first.sent.start else None
    if before is not None and before.lower_ in {"a", "an"} and first.lower_ in _SCALE_WORDS:
        run.insert(0, before)
    return run


_SCALE_WORDS = frozenset({"dozen", "hundred", "thousand", "million", "billion", "trillion"})
_WORD_TAILS = frozenset(NUMBER_WORDS - _SCALE_WORDS)


def _word_number(token: Any) -> bool:
    return token.lower_ in NUMBER_WORDS or token.lower_ in _SCALE_WORDS


def _quantity(run: list[Any]) -> Quantity | None:
    words = [t.text for t in run]
    if any(t.ent_type_ in _SKIP_ENTS for t in run if t.lower_ not in {"a", "an"}):
        return None
    value = parse_number_words(words)
    if value is None or _is_excluded_number(run, value):
        return None
    first, last = run[0], run[-1]
    head = _run_head(run)
    sentence_start = first.sent.start
    context = [t.text for t in first.doc[max(sentence_start, first.i - 4) : first.i]]
    bound, _ = hedge_before(context)
    after = first.doc[last.i + 1] if last.i + 1 < len(first.doc) else None
    before = first.doc[first.i - 1] if first.i > sentence_start else None
    if before is not None and before.text.lower() in _CURRENCY_SYMBOLS:
        noun = _CURRENCY_SYMBOLS[before.text.lower()]
        return Quantity(Amount(value, bound), noun, noun, head, first.i, last.i)
    if after is not None and (after.lower_ in _PERCENT or after.text == "%"):
        return Quantity(Amount(value, bound), "percent", "percent", head, first.i, last.i)
    if after is not None and after.lower_ in {"+", "-plus", "plus"}:
        bound = "at_least"
    counted = _counted_noun(head, run)
    if counted is None:
        return None
    noun, key, anchor = counted
    if key in _TIME_UNITS or key.rstrip("s") in _TIME_UNITS:
        return None
    return Quantity(Amount(value, bound), noun, key, anchor, first.i, last.i)


def _is_excluded_number(run: list[Any], value: float) -> bool:
    first, last = run[0], run[-1]
    doc = first.doc
    lowered = [t.lower_ for t in run]
    if lowered in (["one"], ["a"], ["an"], ["half"]):
        return True
    following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if following is not None and following.lower_ in {"times", "fold", "-fold", "block"}:
        return True  # a multiplier, or an address ("the 3400 block of")
    if (
        following is not None
        and following.text == "-"
        and following.whitespace_ == ""
        and last.whitespace_ == ""
        and last.i + 2 < len(doc)
        and not _is_number_token(doc[last.i + 2])
    ):
        return True  # a hyphenated modifier: "a four-door car", "a 62-metre dam"
    if len(run) == 1 and first.text.isdigit() and len(first.text) == 4 and 1800 <= value <= 2100:
        return True  # a year
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    after2 = doc[last.i + 2] if last.i + 2 < len(doc) else None
    if after2 is not None and after2.text in _CURRENCY_SYMBOLS and last.i + 3 < len(doc):
        after2 = doc[last.i + 3]  # "$780 million to $1 billion"
    if before is not None and before.lower_ in {"no.", "no", "#", "number", "aged", "age", "ages"}:
        return True
    if after is not None and after2 is not None:
        if after.lower_ in _RANGE_WORDS and _is_number_token(after2):
            return True  # "8 to 5", "17-70", "three or four"
        if after.lower_ in {"in", "out"} and (after2.lower_ == "of" or _is_number_token(after2)):
            return True  # "one in seven", "three out of four"
    if before is not None and before.text in _CURRENCY_SYMBOLS and first.i > 1:
        before = doc[first.i - 2]
    earlier = doc[before.i - 1] if before is not None and before.i > 0 else None
    if earlier is not None and earlier.lower_ in {"million", "billion", "trillion"}:
        earlier = doc[earlier.i - 1] if earlier.i > 0 else None
    if (
        before is not None
        and before.lower_ in _RANGE_WORDS
        and earlier is not None
        and _is_number_token(earlier)
    ):
        return True  # the second figure of a range
    if before is not None and before.lower_ == "between":
        return True
    if (
        before is not None
        and before.lower_ == "and"
        and earlier is not None
        and earlier.i > 0
        and doc[earlier.i - 1].lower_ == "between"
    ):
        return True  # "between 2,500 and 5,000": the upper end
    # "one in seven", "three out of four": the second figure of a ratio.
    ratio = (
        before is not None
        and earlier is not None
        and (
            (before.lower_ == "in" and _is_number_token(earlier))
            or (before.lower_ == "of" and earlier.lower_ == "out")
        )
    )
    if ratio:
        return True
    # An age set off by commas or brackets after a name: "Hernandez, 39, was shot".
    if before is not None and before.text in {",", "("} and first.i > 1:
        name = doc[first.i - 2]
        if name.pos_ == "PROPN" and after is not None and after.text in {",", ")", "."}:
            return True
    return bool(first.text.lower() in _VAGUE)


def _run_head(run: list[Any]) -> Any:
    indices = {t.i for t in run}
    for token in run:
        if token.head.i not in indices or token.head is token:
            return token
    return run[-1]


def _counted_noun(head: Any, run: list[Any]) -> tuple[str, str, Any] | None:
    """(noun as written, its grouping key, the token to hang the action on)."""
    indices = {t.i for t in run}
    parent = head.head
    if (
        head.dep_ in {"nummod", "quantmod", "amod", "advmod", "compound"}
        and parent.i not in indices
    ):
        if parent.pos_ == "VERB" and parent.dep_ == "amod":  # "250 sworn officers"
            parent = parent.head
        if parent.pos_ == "ADJ" and parent.lower_ in _STATE_WORDS:
            return "people", "people", parent  # "left 10 dead"
        if parent.pos_ in {"NOUN", "PROPN"} and parent.i > head.i:
            if parent.ent_type_ in _NAME_ENTS or _is_name_part(parent):
                return None
            if parent.pos_ == "PROPN" and parent.ent_type_ != "NORP":
                return None  # "News 12", "Pulse 20": part of a name
            if not any(ch.isalpha() for ch in parent.text):
                return None
            if parent.lower_ in _VAGUE:
                return None
            return _noun_phrase(parent, run[-1].i), _noun_key(parent), parent
    for child in head.children:
        if child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in {"NOUN", "PROPN", "PRON"}:
                    if grandchild.like_num:
                        return None  # "three of the five": a part of another count
                    noun = grandchild.text
                    return noun, _noun_key(grandchild), head
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        for child in head.head.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN":
                return child.text, _noun_key(child), head  # "Two were juveniles"
    if (head.head.lower_ in {"at", "by", "until"} and not _tallies(head.head.head)) or (
        head.i + 1 < len(head.doc) and head.doc[head.i + 1].text in {"/", ":"}
    ):
        return None  # "at 5", "by 7", "5 / 7": a clock time or a listing
    if head.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos"}:
        return "", "", head  # the noun is implied; facts decide from the action
    return None


def _tallies(verb: Any) -> bool:
    """ "put the toll at 14", "the count stood at 21": a figure, not a time of day."""
    return any(c.lemma_.lower() in TALLY_NOUNS for c in verb.children)


def _is_name_part(token: Any) -> bool:
    # "60,000 Libyans" counts people; "Terminal 3" is a name.
    return bool(token.pos_ == "PROPN" and token.ent_type_ not in {"", "NORP"})


def _noun_phrase(noun: Any, after: int) -> str:
    words = [
        t.text
        for t in noun.doc[after + 1 : noun.i + 1]
        if t.lower_ not in _NOT_COUNTED
        and t.pos_ not in {"PUNCT", "PROPN", "SYM"}
        and not t.like_num
    ]
    return " ".join(words[-4:]) or noun.text


# Words for people in general: "14 civilians killed" and "21 people killed" count the same.
_PEOPLE = word_set("people person individual civilian resident villager inhabitant victim")


def _noun_key(token: Any) -> str:
    lemma = str(token.lemma_).lower()
    if token.lower_ in _PRONOUN_NOUNS:
        return str(token.lower_)
    return "people" if lemma in _PEOPLE else lemma
