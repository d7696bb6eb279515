"""Quantity facts of one article: the figure, what it counts, the action, who did it, who says
so and when.

The action is the verb the counted noun hangs on ("slaughtered nearly 150 prisoners", "3,000
residents were displaced"), or a state word ("21 dead"); "the death toll rose to 21" counts
people killed. The agent is the verb's subject when the figure is its object (or the "by"
phrase of a passive). The attribution is the speaker of the quote the figure sits in, else
the subject of the speech verb that governs it, else "according to X". The date is the one
the parse ties to the action, never the day a statement was made.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from storyline.synthesize.attribution import (
    PRONOUNS,
    TALLY_NOUNS,
    according_to,
    is_speech_verb,
    speaker_phrase,
    speech_source,
    subject_of,
)
from storyline.synthesize.entities import EntityIndex
from storyline.synthesize.names import word_set
from storyline.synthesize.numbers import Amount
from storyline.synthesize.parsing import ParsedArticle, ParsedSentence
from storyline.synthesize.periods import When
from storyline.synthesize.quantities import Quantity, quantities_in
from storyline.synthesize.quotes import QuoteMention
from storyline.synthesize.timeline import DateMention, verb_of

# What an action is, whatever the word: "died", "dead", "killed" and "slain" are one claim.
_ACTION_CLASSES = {
    "killed": "kill die dead death slay slaughter massacre murder perish execute fatality",
    "injured": "injure wound hurt injury",
    "displaced": "displace evacuate flee homeless relocate uproot force",
    "missing": "missing disappear",
    "arrested": "arrest detain",
    "on strike": "strike walkout",
    "rescued": "rescue save",
}
ACTION_KEYS = {word: key for key, words in _ACTION_CLASSES.items() for word in words.split()}
_STATES = frozenset({"dead", "injured", "wounded", "missing", "homeless", "displaced", "hurt"})
_PEOPLE_ACTIONS = frozenset(_ACTION_CLASSES)
# Whoever walks out is a worker, whatever the outlet calls them.
_WORKERS = word_set("worker employee member staff striker driver")
_MAX_TEXT = 400


@dataclass(frozen=True, slots=True)
class FactMention:
    article_id: str
    sentence: int
    text: str
    amount: Amount
    noun: str
    noun_key: str
    action: str | None
    action_key: str | None
    agent: str | None
    attributed_to: str | None
    when: When | None
    published: date | None


def find_facts(
    parsed: ParsedArticle,
    entities: EntityIndex,
    quotes: list[QuoteMention],
    dates: list[DateMention],
) -> list[FactMention]:
    published = parsed.article.published.day if parsed.article.published else None
    found: list[FactMention] = []
    for sentence in parsed.sentences:
        sentence_dates = [d for d in dates if d.sentence == sentence.index]
        before: FactMention | None = None
        for quantity in quantities_in(sentence.span):
            mention = _fact(parsed, sentence, quantity, entities, quotes, sentence_dates, published)
            if mention is None:
                continue
            if not mention.noun_key and before is not None:
                # "2,400 of its members are on strike; the authority says about 1,900."
                mention = replace(mention, noun=before.noun, noun_key=before.noun_key)
                if mention.action is None:
                    mention = replace(mention, action=before.action, action_key=before.action_key)
            if not mention.noun_key:
                if mention.action_key not in _PEOPLE_ACTIONS:
                    continue
                mention = replace(mention, noun="people", noun_key="people")
            if mention.action_key == "on strike" and mention.noun_key in _WORKERS:
                mention = replace(mention, noun_key="workers")
            before = mention
            found.append(mention)
    return found


def _fact(
    parsed: ParsedArticle,
    sentence: ParsedSentence,
    quantity: Quantity,
    entities: EntityIndex,
    quotes: list[QuoteMention],
    dates: list[DateMention],
    published: date | None,
) -> FactMention | None:
    noun, noun_key = quantity.noun, quantity.noun_key
    verb = _action_verb(quantity.anchor)
    action: str | None = None
    state = _state_word(quantity.anchor)
    if state is not None:
        action = state
    elif verb is not None and verb.lemma_ == "be":
        action = _state_after_be(verb)
    elif verb is not None and not is_speech_verb(verb) and verb.lemma_ not in _NOT_ACTIONS:
        action = verb.text.lower()
        if any(c.dep_ in {"prt", "advmod"} and c.lower_ == "out" for c in verb.children):
            action += " out"
    lemma = verb.lemma_ if verb is not None and action is not None else None
    if verb is not None and verb.lemma_ == "be" and action is not None:
        lemma = action
    elif lemma is not None and action is not None and action.endswith(" out"):
        lemma += "out"
    action_key = _action_key(state or lemma)
    tally = _tally(verb) if verb is not None else None
    if verb is not None and verb.lemma_ in TALLY_NOUNS and _is_death_tally(verb):
        tally = ("people", "people", "killed")
    if tally is not None and not noun_key:
        noun, noun_key, action = tally
        action_key = action
    if noun_key in _PRONOUNS_AS_NOUNS:
        antecedent = _antecedent(sentence.span, quantity.first)
        if antecedent is None:
            return None
        noun, noun_key = antecedent.text, str(antecedent.lemma_).lower()
    return FactMention(
        article_id=parsed.id,
        sentence=sentence.index,
        text=" ".join(sentence.text.split())[:_MAX_TEXT],
        amount=quantity.amount,
        noun=noun,
        noun_key=noun_key,
        action=action,
        action_key=action_key,
        agent=_agent(verb, quantity.anchor, parsed.id, sentence.index, entities),
        attributed_to=_attribution(parsed, sentence, quantity, entities, quotes),
        when=_date_of(verb, dates),
        published=published,
    )


_PRONOUNS_AS_NOUNS = word_set("them those these they us you it which who whom that")


def _antecedent(span: Any, before: int) -> Any | None:
    """ "inmates revolted ..., 1,200 of them were massacred": the plural noun "them" is."""
    for roles in ({"nsubj", "nsubjpass"}, {"dobj"}, {"pobj"}):
        candidates = [t for t in span if t.i < before and t.tag_ == "NNS" and t.dep_ in roles]
        if candidates:
            return candidates[-1]
    return None


_NOT_ACTIONS = frozenset({"be", "have", "do", "include", "accord", "put"})


def _action_verb(anchor: Any) -> Any | None:
    """The verb the counted thing hangs on; None when it hangs on a noun first ("an offer of
    4.5 percent" is about the offer, not about the verb the offer sits in)."""
    current = anchor
    for _ in range(6):
        if current is not anchor and current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head == current:
            return current if current.pos_ in {"VERB", "AUX"} else None
        parent = current.head
        if current.dep_ == "prep" and parent.pos_ == "NOUN" and parent != anchor:
            return parent
        current = parent
    return None


def _state_word(anchor: Any) -> str | None:
    for child in anchor.children:
        if child.dep_ in {"amod", "acomp"} and child.lower_ in _STATES:
            return str(child.lower_)
    head = anchor.head
    if anchor.dep_ in {"nsubj"} and head.lemma_ == "be":
        for child in head.children:
            if child.dep_ == "acomp" and child.lower_ in _STATES:
                return str(child.lower_)
    return None


def _state_after_be(verb: Any) -> str | None:
    """ "2,400 are on strike" -> "strike"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"on", "in"}:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ == "NOUN":
                    return str(grandchild.lemma_).lower()
    return None


def _tally(verb: Any) -> tuple[str, str, str] | None:
    """ "The death toll rose to 21", "put the toll at 14": people killed."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and _is_death_tally(child):
            return "people", "people", "killed"
    return None


def _is_death_tally(noun: Any) -> bool:
    """ "toll", "death toll", "the number of dead": a count of people killed."""
    if noun.lemma_ not in TALLY_NOUNS:
        return False
    modifiers = {c.lemma_ for c in noun.children if c.dep_ in {"compound", "amod"}}
    return bool(noun.lemma_ == "toll" or "death" in modifiers)


def _action_key(lemma: str | None) -> str | None:
    if lemma is None:
        return None
    word = lemma.lower()
    return ACTION_KEYS.get(word, word)


def _agent(
    verb: Any | None, anchor: Any, article_id: str, sentence: int, entities: EntityIndex
) -> str | None:
    if verb is None or is_speech_verb(verb):
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return entities.resolve(article_id, speaker_phrase(grandchild), sentence)
    subject = subject_of(verb)
    if subject is None or subject.lower_ in PRONOUNS or anchor in set(subject.subtree):
        return None
    if anchor.dep_ not in {"dobj", "pobj"} and anchor.head is not verb:
        return None
    return entities.resolve(article_id, speaker_phrase(subject), sentence)


def _attribution(
    parsed: ParsedArticle,
    sentence: ParsedSentence,
    quantity: Quantity,
    entities: EntityIndex,
    quotes: list[QuoteMention],
) -> str | None:
    doc = quantity.anchor.doc
    char = sentence.start - sentence.span.start_char + doc[quantity.first].idx
    for quote in quotes:
        if quote.article_id == parsed.id and quote.start <= char < quote.end:
            return quote.speaker
    found = speech_source(quantity.anchor)
    if found is None:
        # "Two were juveniles and the other an adult, according to the sheriff's office":
        # the source may hang on another clause of the sentence.
        source = according_to(sentence.span)
        if source is None or quantity.anchor in set(source.subtree):
            return None
        found = (source.head, source)
    _, subject = found
    phrase = speaker_phrase(subject)
    if phrase.lower() in {"he", "she"}:
        return entities.person_before(parsed.id, char, sentence.index)
    if phrase.lower() in PRONOUNS:
        return None
    return entities.resolve(parsed.id, phrase, sentence.index)


def _date_of(verb: Any | None, dates: list[DateMention]) -> When | None:
    """The date tied to the action verb or to a verb it hangs on ("hit X and killed three"),
    never one tied to a speech verb above it ("said on Tuesday that ...")."""
    chain: list[Any] = []
    current = verb
    while current is not None and len(chain) < 4:
        if chain and is_speech_verb(current):
            break
        chain.append(current)
        current = current.head if current.head != current else None
    for candidate in chain:
        for mention in dates:
            if verb_of(mention) == candidate:
                return mention.when
    return None
