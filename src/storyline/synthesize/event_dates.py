"""Whether a date in a sentence dates an event, and the mention it is found in.

A date dates an event when the parse ties it to a verb or to a noun of something that
happened ("was inspected on March 2", "Monday's attack"). Not events: the date of a plain
speech verb or of the news conference where it was said, page stamps (datelines, captions'
date lines, embedded posts, copyright lines), model years ("a 2007 Hyundai"), counts, and the
ends of a span ("between 1998 and 2011").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storyline.synthesize.names import word_set
from storyline.synthesize.periods import When


@dataclass(frozen=True, slots=True)
class DateMention:
    article_id: str
    sentence: int
    root: Any  # the expression's head token
    when: When
    text: str  # the expression as written
    sentence_text: str
    excerpt: str  # the sentence, or the part of a long one around the expression


_PLAIN_SPEECH = word_set("say tell add note explain write tweet post ask reply")
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night", "overnight"})


def event_root(token: Any) -> Any:
    """ "Monday" in "Monday morning" hangs on "morning": the phrase's head is what attaches."""
    while token.dep_ in {"compound", "amod"} and token.head.lower_ in _DAY_PARTS:
        token = token.head
    return token


def dates_an_event(mention: DateMention) -> bool:
    """Whether the date dates something that happened: a verb or a noun it modifies ("on
    Monday", "Monday's attack", "the May 3 encounter").

    Left out: the date of a plain speech verb ("the city said on Wednesday" dates a
    statement, not the event it reports; an announcement or a report is kept), a period
    something is counted over ("the tally for 2016"), and the ends of a range."""
    token = mention.root
    if token.like_num and token.dep_ == "nummod" and token.head.tag_ in {"NNS", "NNPS"}:
        return False  # "sought 2000 volunteers": a count, not a year
    if _model_year(token):
        return False
    if sum(ch.isupper() for ch in mention.text) > 3 and mention.text.upper() == mention.text:
        return False  # "FOR MOVEMENT FRIDAY NOV. 15": wire routing lines, not an event
    if _caption_stamp(mention) or _tweet_stamp(mention):
        return False
    sentence = token.sent
    verbs = [t for t in sentence if t.pos_ in {"VERB", "AUX"} and t.lemma_ not in _STAMPS]
    words = [t for t in sentence if t.is_alpha and t.ent_type_ not in {"DATE", "TIME"}]
    if not verbs and len(words) < _STAMP_WORDS:
        return False  # a dateline or a date stamp ("Posted Nov. 2, 2013")
    governor = token.head.head if token.head.dep_ == "prep" else token.head
    if token.head.lower_ in _NOT_A_DATE_OF or _end_of_range(token):
        return False
    before = token.doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    if before is not None and before.lower_ in _COPYRIGHT:
        return False  # "Copyright 2017 by KSAT": the page's notice, not an event
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in token.children):
        return True  # "that June 30, 2014, incident", parsed as a date with a noun beside it
    if governor.lemma_ in _PLAIN_SPEECH and governor.pos_ == "VERB":
        return False
    if _occasion_of_speech(token):
        return False
    return not (before is not None and before.lemma_ in _PLAIN_SPEECH and before.pos_ == "VERB")


_NOT_A_DATE_OF = word_set("for between through throughout")
_RANGE_WORDS = word_set("from to until till through")


def _end_of_range(token: Any) -> bool:
    """Whether the date is an end of a span ("between 1998 and 2011", "from February 2014 to
    May 2014"): the span is not an event of its first or last day."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # "between 1998 and 2011": "2011" hangs on "1998"
    preposition = token.head
    if token.dep_ != "pobj" or preposition.dep_ != "prep":
        return False
    word = preposition.lower_
    if word == "between":
        return True
    if word not in _RANGE_WORDS or _rescheduled(preposition):
        return False
    if preposition.head.lower_ in _RANGE_WORDS and _has_date(preposition.head):
        return True  # "to May 2014" hangs on "from February 2014"
    others = [*preposition.children, *preposition.head.children]
    return any(
        other is not preposition
        and other.dep_ == "prep"
        and other.lower_ in _RANGE_WORDS
        and other.lower_ != word
        and _has_date(other)
        for other in others
    )


def _rescheduled(preposition: Any) -> bool:
    """ "The vote was moved from Monday to Thursday": two dates of one event, not a span."""
    verb = preposition.head
    while verb.dep_ == "prep" and verb.head is not verb:
        verb = verb.head
    return bool(verb.lemma_ in _RESCHEDULE)


_RESCHEDULE = word_set("move postpone delay push reschedule shift bring put")


def _has_date(preposition: Any) -> bool:
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in preposition.children)


_COPYRIGHT = word_set("copyright © (c)")
# Where something is said: "said at a news conference Tuesday" dates the saying.
_SPEECH_OCCASIONS = word_set(
    """conference interview briefing appearance speech address remarks statement call
    broadcast session hearing post tweet email letter"""
)


def _caption_stamp(mention: DateMention) -> bool:
    """ "July 31, 2013 A woman waves the flag": a full date heading a caption or a paragraph,
    run straight into the next capitalised word, is the page's date stamp. Prose that opens
    on a date sets it off ("On July 31, 2013, a woman…") or makes it the subject ("July 31,
    2013 was a Wednesday")."""
    text = mention.text.strip()
    if not mention.sentence_text.startswith(text) or not _ENDS_IN_YEAR.search(text):
        return False
    rest = mention.sentence_text[len(text) :]
    return len(rest) > 1 and rest[0] == " " and rest[1].isupper()


def _tweet_stamp(mention: DateMention) -> bool:
    """ "— Jayne Miller (@jemillerwbal) September 20, 2018": the stamp of an embedded post."""
    before, found, _ = mention.sentence_text.partition(mention.text.strip())
    return bool(found) and _HANDLE_BEFORE.search(before) is not None


_HANDLE_BEFORE = re.compile(r"\(@\w+\)\s*$")
_ENDS_IN_YEAR = re.compile(r"\b(?:1[89]|20)\d\d$")


def _model_year(token: Any) -> bool:
    """ "a 2007 Hyundai Sonata": a year naming a product's model, not when anything happened.
    A named event keeps its year ("the 2016 Olympics" is tagged as an event or organisation)."""
    head = token.head
    return bool(
        token.like_num
        and token.dep_ == "nummod"
        and head.tag_ == "NNP"
        and head.ent_type_ in {"PRODUCT", "PERSON", ""}
        and token.ent_type_ == "DATE"
    )


def _occasion_of_speech(token: Any) -> bool:
    """Whether the date is that of the interview or news conference where a plain speech verb
    was said ("told reporters at a briefing Monday", "said in an interview on Friday")."""
    noun = token.head.head if token.head.dep_ == "prep" else token.head
    if noun.pos_ != "NOUN" or noun.lemma_ not in _SPEECH_OCCASIONS or noun.dep_ != "pobj":
        return False
    verb = noun.head.head
    return bool(verb.pos_ == "VERB" and verb.lemma_ in _PLAIN_SPEECH)


_STAMP_WORDS = 6
_STAMPS = word_set("publish post update modify write be")


def verb_of(mention: DateMention) -> Any | None:
    """The verb a date is attached to, if any."""
    current = mention.root
    for _ in range(4):
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head is current:
            return None
        current = current.head
    return None
