"""Whether a date's verb speaks of the future, which decides if "on Monday" or "Feb. 8" without
a year is the next such day or the last one."""

from __future__ import annotations

from typing import Any

# "would" is the future seen from a reported past ("said talks would begin on Monday").
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
_PLANNED = frozenset({"schedule", "scheduled", "due", "expect", "expected", "plan", "slate"})


def is_future(token: Any) -> bool:
    """Whether the verb governing a date token speaks of the future ("will meet on Friday",
    "talks are due to begin on Thursday", "sessions would begin on Monday")."""
    current = token
    for _ in range(6):
        if current.lemma_.lower() in _PLANNED:
            return True
        if current.pos_ in {"VERB", "AUX"}:
            auxiliaries = {c.lower_ for c in current.children if c.dep_ in {"aux", "auxpass"}}
            if auxiliaries & _FUTURE_AUX or any(c.lower_ == "going" for c in current.children):
                return True
            # "mediation begins Thursday", "the family is holding a vigil Thursday": news
            # puts coming events in the present tense.
            if current.tag_ in {"VBZ", "VBP"} and not auxiliaries:
                return True
            if current.tag_ == "VBG" and auxiliaries & {"is", "are", "am"}:
                return True
            if current.head.lemma_.lower() not in _PLANNED:
                return False
        if current.head == current or current.dep_ in {"ccomp", "conj", "ROOT"}:
            break
        current = current.head
    return False
