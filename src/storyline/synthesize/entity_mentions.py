"""Named-entity mentions of an article, as the entity index merges them.

spaCy's PERSON, ORG, GPE/LOC/FAC and a few other labels, trimmed of a leading "the" and a
possessive, and filtered of what share bars and sign-up boxes leave in scraped text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storyline.model import EntityType
from storyline.synthesize.attribution import is_speech_verb
from storyline.synthesize.names import fold, person_key, word_set
from storyline.synthesize.parsing import ParsedArticle

_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
}


@dataclass(frozen=True, slots=True)
class Mention:
    article_id: str
    sentence: int
    text: str
    type: EntityType
    start: int = 0  # character offset in the article text
    speaks: bool = False  # the subject of a speech verb ("Own said")
    typed_by_text: bool = False  # the text says what it is ("the town of Velnik")

    @property
    def key(self) -> str:
        return person_key(self.text) if self.type == "person" else fold(self.text)


def article_mentions(parsed: ParsedArticle) -> list[Mention]:
    found = []
    for sentence in parsed.sentences:
        for ent in sentence.ents:
            kind = _TYPES.get(ent.label_)
            cued = kind is not None and _named_as_place(ent.root)
            if cued:
                kind = "place"
            text = _trim(ent.text)
            if kind is None or not _plausible_name(text, kind):
                continue
            start = sentence.start - sentence.span.start_char + ent.start_char
            speaks = ent.root.dep_ == "nsubj" and is_speech_verb(ent.root.head)
            found.append(Mention(parsed.id, sentence.index, text, kind, start, speaks, cued))
    return found


# "the town of Velnik": the recognizer's guess of an organisation yields to the text.
_PLACE_NOUNS = word_set(
    "town city village province region district county state country island capital port "
    "neighbourhood neighborhood suburb valley"
)


def _named_as_place(root: Any) -> bool:
    head = root.head
    return bool(
        (head.lower_ == "of" and head.head.lemma_.lower() in _PLACE_NOUNS)
        or (root.dep_ == "appos" and head.lemma_.lower() in _PLACE_NOUNS)
    )


def _trim(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return re.sub(r"(?:'s|’s|'|’)$", "", text).strip(" ,.;:-\"“”'")


# Share bars and sign-up boxes flattened into text read as names to the recognizer.
_WIDGET_WORDS = word_set(
    "email e-mail share print comment comments tweet facebook twitter whatsapp linkedin "
    "pinterest reddit subscribe newsletter login sign"
)


def _plausible_name(text: str, kind: EntityType) -> bool:
    if kind == "person" and any(w.lower() in _WIDGET_WORDS for w in text.split()):
        return False
    return (
        2 <= len(text) <= 60
        and any(ch.isalpha() for ch in text)
        and any(ch.isupper() for ch in text)
        and "\n" not in text
        and len(text.split()) <= 8
    )
