"""The rules by which spellings of a story's names merge into one referent.

Mention keys (folded spellings) are the nodes of a `KeyForest`; each rule joins the keys it
judges to name the same thing: two person names a typo or a title apart, a name and the
acronym of its initials, a name and the acronym the text defines for it in parentheses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.key_forest import KeyForest
from storyline.model import EntityType
from storyline.synthesize.entity_mentions import Mention
from storyline.synthesize.names import fold, initials, looks_like_acronym, near_spelling, word_set
from storyline.synthesize.parsing import ParsedArticle

_NAMED_BODIES = frozenset({"organization", "other"})
_OPENING_WORDS = word_set("the a an in on at by and but yesterday today meanwhile")
_DEFINED_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’&.-]*|of|for|the|and|de|du|des|la|le|pour|et|sans|without)"
    r"(?:\s+(?:[A-Z][\w'’&.-]*|of|for|the|and|de|du|des|la|le|pour|et|sans|without)){1,8})"
    r"\s+\((?:the\s+)?([A-Z][A-Za-z&.]{1,9})\)"
)


def merge_person_spellings(
    forest: KeyForest[str], keys: Iterable[str], types: dict[str, EntityType]
) -> None:
    """Full person names a typo apart in one part, or one of them with a title in front."""
    people = sorted(k for k in keys if types.get(k) == "person" and " " in k)
    for index, first in enumerate(people):
        a = first.split()
        for second in people[index + 1 :]:
            b = second.split()
            same_first = a[0] == b[0] and near_spelling(a[-1], b[-1])
            same_last = a[-1] == b[-1] and near_spelling(a[0], b[0])
            # "Chief Executive Teodor Vance" is "Teodor Vance" with a title in front.
            titled = a[-2:] == b[-2:] and min(len(a), len(b)) >= 2
            if same_first or same_last or titled:
                forest.union(first, second)


def names_by_initials(keys: Iterable[str], types: dict[str, EntityType]) -> dict[str, str]:
    """Initials -> the one organisation (or other) name of several words they stand for.

    Initials two names share explain neither; picking one of them would make the brief
    depend on the order of `keys` (a set's: the hash seed's)."""
    by_initials: dict[str, list[str]] = {}
    for key in sorted(keys):
        if types.get(key) in {"organization", "other"} and " " in key:
            by_initials.setdefault(initials(key), []).append(key)
    return {short: names[0] for short, names in by_initials.items() if len(names) == 1}


def merge_initials(
    forest: KeyForest[str], initials_names: dict[str, str], mentions: Iterable[Mention]
) -> None:
    """ "SOHR" with the name it is the initials of, when the story writes it as an acronym."""
    acronyms = {fold(m.text) for m in mentions if looks_like_acronym(m.text)}
    for short, key in initials_names.items():
        if len(short) >= 2 and short in acronyms and short != key:
            forest.union(key, short)


def defined_acronyms(
    articles: list[ParsedArticle], types: dict[str, EntityType]
) -> list[tuple[Mention, Mention]]:
    """ "Doctors Without Borders (MSF)": a name and the acronym the text defines for it, even
    one that is not the name's initials (it may come from another language), as mentions:
    the recognizer often misses one of them. A credit such as "Lisk, Tarvel Province (KNA)"
    is no definition: a name or an acronym `types` knows as a person or a place is left
    alone."""
    found = []
    for parsed in articles:
        for match in _DEFINED_ACRONYM.finditer(parsed.article.text):
            words = match.group(1).split()
            while len(words) > 1 and words[0].lower() in _OPENING_WORDS:
                words = words[1:]
            sentence = parsed.sentence_at(match.start())
            name = Mention(parsed.id, sentence, " ".join(words), "organization", match.start())
            acronym = Mention(parsed.id, sentence, match.group(2), "organization", match.start(2))
            if len(words) < 2 or types.get(name.key, "organization") not in _NAMED_BODIES:
                continue
            if types.get(acronym.key, "organization") not in _NAMED_BODIES:
                continue
            found.append((name, acronym))
    return found


def merge_defined_acronyms(
    forest: KeyForest[str],
    definitions: list[tuple[Mention, Mention]],
    initials_names: dict[str, str],
) -> None:
    defined = {(name.key, acronym.key) for name, acronym in definitions}
    for name, acronym in definitions:
        # "Lisk (KNA)" beside "Kestrel News Agency": the initials explain the acronym unless
        # the text defines it for this name too.
        explained = initials_names.get(acronym.key)
        if explained is None or (explained, acronym.key) in defined:
            forest.union(name.key, acronym.key)
