"""Who says so: the subject of a speech verb, or the object of "according to".

Works on spaCy tokens. A speaker phrase is a name when the parse gives one (with its
compound parts, "Rosa Quillan"; or the name in apposition to a title, "a spokesman, John
Okafor"), else the noun phrase as written ("the interior ministry", "rebel leaders"), cut
short before relative clauses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from storyline.synthesize.names import word_set

SPEECH_LEMMAS = word_set(
    """
    say tell add note explain write tweet post state claim insist warn recall announce
    report estimate confirm reveal acknowledge admit argue ask answer reply respond declare
    testify allege contend assert maintain concede complain continue stress emphasize
    describe predict suggest caution counter joke quip vow promise urge deny remark
    """
)
# Verbs that report a figure without the figure being what the sentence is about.
REPORTING_LEMMAS = SPEECH_LEMMAS | frozenset({"show", "find", "indicate", "accord", "put"})
ISSUING = word_set("issue release publish post put")
_FINDING_VERBS = word_set("find show conclude reveal indicate suggest estimate put")
_DOCUMENTS = word_set(
    "audit study report survey analysis investigation poll review research data census "
    "record records filing document documents figures statistics"
)
TALLY_NOUNS = word_set("toll tally number count total figure")
STATEMENT_NOUNS = word_set("statement tweet post message letter release note report")
RELATIVE_PRONOUNS = word_set("who which that")
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"})
_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "prep", "pobj", "nmod", "flat"})
_MAX_PHRASE_TOKENS = 9


def is_speech_verb(token: Any) -> bool:
    """ "said", "told", "tweeted"; and "issued a statement", "posted a message"."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = token.lemma_.lower()
    if lemma in SPEECH_LEMMAS:
        return True
    objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
    if lemma in ISSUING and objects & STATEMENT_NOUNS:
        return True
    # "the ministry put the toll at 14": the ministry gives the figure.
    return lemma in {"put", "place"} and bool(objects & TALLY_NOUNS)


def subject_of(verb: Any) -> Any | None:
    """The verb's subject nearest to it."""
    found = subjects_of(verb)
    return min(found, key=lambda s: abs(s.i - verb.i)) if found else None


def subjects_of(verb: Any) -> list[Any]:
    """The verb's subjects: the parse sometimes gives a quote's first noun as a second
    subject of the "said" after it, so callers choose."""
    found = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if found:
        return found
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"} and child.i > verb.i and child.pos_ == "PROPN":
            return [child]
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return subjects_of(verb.head)
    return []


def according_to(tokens: Iterable[Any]) -> Any | None:
    """The source named by "according to X" among the tokens, if any."""
    for token in tokens:
        if token.lower_ == "according":
            for child in token.children:
                if child.lower_ == "to":
                    for grandchild in child.children:
                        if grandchild.dep_ == "pobj":
                            return grandchild
    return None


def speaker_phrase(head: Any) -> str:
    """The name or noun phrase a subject token stands for."""
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        head = head.head.head  # "the team, which issued a statement": the team
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON" and head.ent_type_ != "PERSON":
            return _name_span(child)
    if head.ent_type_:
        return _name_span(head)
    phrase = _noun_phrase(head, _PHRASE_DEPS)
    if len(phrase) > _MAX_PHRASE_TOKENS:
        # Too long to be a name for a source: the noun with its own modifiers only.
        phrase = _noun_phrase(head, _PHRASE_DEPS - {"prep", "pobj"})
    return " ".join(t.text for t in phrase).strip(" ,")


def _noun_phrase(head: Any, deps: frozenset[str]) -> list[Any]:
    kept = [head]
    frontier = [head]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if child.dep_ in deps and not _is_clause(child):
                kept.append(child)
                frontier.append(child)
    kept.sort(key=lambda t: t.i)
    return _contiguous_around(kept, head)


def _name_span(token: Any) -> str:
    """The named entity a token is part of (found from its IOB tags: `doc.ents` would scan
    the whole document), else the token with its compound parts."""
    doc = token.doc
    if token.ent_type_:
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        words = list(doc[start:end])
        while words and (words[-1].dep_ == "case" or words[-1].text in {"'s", "’s"}):
            words = words[:-1]
        while words and words[0].lower_ == "the":
            words = words[1:]
        return " ".join(t.text for t in words)
    parts = [c for c in token.children if c.dep_ in {"compound", "flat"} and c.i < token.i]
    return " ".join(t.text for t in [*parts, token])


def _is_clause(token: Any) -> bool:
    return token.dep_ in {"relcl", "acl", "ccomp", "advcl"} or token.pos_ == "VERB"


def _contiguous_around(tokens: list[Any], head: Any) -> list[Any]:
    """The unbroken run of tokens that contains the head (a phrase, not scattered words)."""
    indices = {t.i for t in tokens}
    start = end = head.i
    while start - 1 in indices:
        start -= 1
    while end + 1 in indices:
        end += 1
    return [t for t in tokens if start <= t.i <= end]


def speech_source(token: Any) -> tuple[Any, Any] | None:
    """(speech verb, its subject) governing a token: "X said [... token ...]"."""
    current = token
    for _ in range(12):
        if (is_speech_verb(current) or _document_finding(current)) and current is not token:
            subject = subject_of(current)
            # "Three officers said ...": the figure is in the speaker, not in what is said.
            if subject is not None and token not in set(subject.subtree):
                return current, subject
        source = according_to(current.children)
        # "according to two officials": a figure inside the source is not sourced by it.
        if source is not None and token not in set(source.subtree):
            return current, source
        reported = _reported_by(current)
        if reported is not None:
            return reported
        if current.head is current:
            break
        current = current.head
    return None


def _document_finding(verb: Any) -> bool:
    """ "an audit found", "the study shows": a document gives the figure."""
    if verb.lemma_.lower() not in _FINDING_VERBS:
        return False
    subject = subject_of(verb)
    return subject is not None and subject.lemma_.lower() in _DOCUMENTS


def _reported_by(noun: Any) -> tuple[Any, Any] | None:
    """ "the toll of 14 announced by the ministry": a figure reported in a participle."""
    for child in noun.children:
        if child.dep_ == "acl" and is_speech_verb(child):
            for agent in child.children:
                if agent.dep_ == "agent":
                    for name in agent.children:
                        if name.dep_ == "pobj":
                            return child, name
    return None


def plain_source(name: str) -> str:
    """A source as a reader would write it in a list: no leading "the", no stray marks."""
    name = " ".join(name.split()).strip(" ,;:\"“”'")
    return re.sub(r"^(?:the|The)\s+", "", name)


def fuller_names(names: Iterable[str], known: Iterable[str]) -> dict[str, str]:
    """Short generic sources mapped to the one fuller name the story uses for them:
    "ministry" -> "health ministry", "observatory" -> "Karsk Observatory for Human Rights".
    A fuller name either ends with the short one's noun or is a known organisation that
    contains it; a short name with two candidates is left alone."""
    said = {plain_source(n) for n in names if n}
    organisations = {plain_source(n) for n in known if n}
    mapping: dict[str, str] = {}
    for name in said:
        words = name.lower().split()
        if not words or len(words) > 2 or (name[:1].isupper() and len(words) > 1):
            continue
        head = words[-1]
        candidates = {
            other
            for other in said
            if len(other.split()) > len(words) and other.lower().split()[-1] == head
        }
        candidates.update(
            other
            for other in organisations
            if len(other.split()) > len(words) and head in other.lower().split()
        )
        if len(candidates) == 1:
            mapping[name] = candidates.pop()
    return mapping
