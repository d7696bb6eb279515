"""Dated events: each sentence whose event the text dates, merged across articles by day.

Dates come from spaCy's DATE and TIME entities and from weekday words it missed, resolved by
`temporal.resolve` in text order, so that "a week earlier" counts from the date the article
gave last. Which of them date an event is `event_dates.dates_an_event`'s call. Entries of
different articles on the same date merge when they share enough content words to tell one
event.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from storyline.model import TimelineEntry
from storyline.synthesize.date_phrases import is_anchored
from storyline.synthesize.event_dates import DateMention as DateMention
from storyline.synthesize.event_dates import dates_an_event, event_root
from storyline.synthesize.event_dates import verb_of as verb_of
from storyline.synthesize.future_tense import is_future
from storyline.synthesize.names import word_set
from storyline.synthesize.parsing import ParsedArticle, ParsedSentence, StorySources
from storyline.synthesize.periods import When
from storyline.synthesize.quotes import quoted_ranges
from storyline.synthesize.temporal import resolve

_LOOSE_WORDS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight"
)
_ANCHOR_REACH = 3  # sentences back an anchored expression may count from
_SAME_EVENT = 0.25
# Two sentences of one article on one date are one event only when they say nearly the same.
_SAME_ARTICLE_EVENT = 0.6
_MAX_TEXT = 320
_STOP = word_set(
    """
    the a an and or but of to in on at by for with from as is was were be been has have had
    he she it they we i you his her its their this that these those said says say will would
    after before also not no than then there which who whom what when where while
    """
)


def date_mentions(parsed: ParsedArticle, published: date | None) -> list[DateMention]:
    """Every resolvable temporal expression of an article, in text order.

    An anchored expression ("a week earlier", "three years later") counts from the date the
    article gave last, a few sentences back at most; beside an absolute date in the same
    sentence ("Three years later, in 2000") it adds nothing and is skipped."""
    found: list[DateMention] = []
    anchor: tuple[int, When] | None = None
    for sentence in parsed.sentences:
        quoted = quoted_ranges(parsed.paragraphs[sentence.paragraph])
        # "Tomorrow" in a quote is the day after it was said, which the text rarely gives.
        expressions = [
            e
            for e in _expressions(sentence)
            if not any(start <= e.start_char < end for start, end in quoted)
        ]
        anchored = [e for e in expressions if is_anchored(e.text)]
        plain = [e for e in expressions if not is_anchored(e.text)]
        resolved = [(e, resolve(e.text, published, None, is_future(e.root))) for e in plain]
        if not any(when for _, when in resolved):
            recent = anchor[1] if anchor and sentence.index - anchor[0] <= _ANCHOR_REACH else None
            resolved += [
                (e, resolve(e.text, published, recent, is_future(e.root))) for e in anchored
            ]
        for expression, when in sorted(resolved, key=lambda pair: pair[0].start):
            if when is None:
                continue
            found.append(_mention(parsed, sentence, expression, when))
            anchor = (sentence.index, when)
    return found


def _mention(
    parsed: ParsedArticle, sentence: ParsedSentence, expression: Any, when: When
) -> DateMention:
    return DateMention(
        parsed.id,
        sentence.index,
        event_root(expression.root),
        when,
        expression.text,
        " ".join(sentence.text.split()),
        _excerpt(sentence.span, expression),
    )


def _excerpt(sentence: Any, expression: Any) -> str:
    """The sentence, or for a long one the words around the date, marked as cut."""
    text = " ".join(sentence.text.split())
    if len(text) <= _MAX_TEXT:
        return text
    middle = expression.start_char - sentence.start_char
    start = max(0, middle - _MAX_TEXT // 2)
    end = min(len(sentence.text), start + _MAX_TEXT)
    start = max(0, end - _MAX_TEXT)
    piece = sentence.text[start:end]
    if start > 0:
        piece = "…" + piece.split(" ", 1)[-1]
    if end < len(sentence.text):
        piece = piece.rsplit(" ", 1)[0] + "…"
    return " ".join(piece.split())


def _joined_month_years(ents: list[Any]) -> list[Any]:
    """spaCy sometimes cuts "This June, 2013" into "This June" and "2013": read as a year
    alone, the month is lost. A month entity and the year right after it are one date."""
    joined: list[Any] = []
    for ent in ents:
        if joined:
            last = joined[-1]
            between = ent.doc[last.end : ent.start]
            if (
                last[-1].lower_.rstrip(".") in _MONTH_WORDS
                and len(ent) == 1
                and _YEAR.fullmatch(ent.text)
                and all(t.is_punct and t.text == "," for t in between)
                and len(between) <= 1
            ):
                joined[-1] = ent.doc[last.start : ent.end]
                continue
        joined.append(ent)
    return joined


_MONTH_WORDS = word_set(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _expressions(sentence: ParsedSentence) -> list[Any]:
    span = sentence.span
    expressions = []
    for ent in _joined_month_years([e for e in sentence.ents if e.label_ in {"DATE", "TIME"}]):
        # "in 2014 and 2015": two dates in one entity.
        joined = [t.i for t in ent if t.lower_ in {"and", "or"}]
        if joined and ent.start < joined[0] < ent.end - 1:
            expressions.append(ent.doc[ent.start : joined[0]])
            expressions.append(ent.doc[joined[0] + 1 : ent.end])
        else:
            expressions.append(ent)
    covered = {t.i for ent in expressions for t in ent}
    for token in span:
        if token.i not in covered and token.lower_ in _LOOSE_WORDS:
            expressions.append(token.doc[token.i : token.i + 1])
    return sorted(expressions, key=lambda e: e.start)


def build_timeline(mentions: list[DateMention], sources: StorySources) -> tuple[TimelineEntry, ...]:
    """One entry per event and date, with every article that dates it, in date order."""
    groups: list[tuple[When, set[str], list[DateMention]]] = []
    for mention in mentions:
        if not dates_an_event(mention):
            continue
        words = _content_words(mention.sentence_text)
        for when, key, members in groups:
            same_article = any(m.article_id == mention.article_id for m in members)
            needed = _SAME_ARTICLE_EVENT if same_article else _SAME_EVENT
            if when == mention.when and _overlap(words, key) >= needed:
                members.append(mention)
                key.update(words)
                break
        else:
            groups.append((mention.when, set(words), [mention]))
    entries = []
    for when, _, members in groups:
        text = _representative(members)
        entries.append(
            TimelineEntry(
                date=when.day,
                text=text,
                sources=sources.expand(m.article_id for m in members),
                precision=when.precision,
            )
        )
    order = {"year": 0, "month": 1, "week": 2, "day": 3}
    entries.sort(key=lambda e: (e.date, order[e.precision]))
    return tuple(entries)


def _content_words(text: str) -> set[str]:
    words = {w.strip(".,;:!?\"“”'’()").lower() for w in text.split()}
    return {w for w in words if len(w) > 2 and w not in _STOP and w not in _LOOSE_WORDS}


def _overlap(first: set[str], second: set[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _representative(members: list[DateMention]) -> str:
    """The sentence that tells the event best: the date on its main verb, the most like the
    others, the shortest."""
    by_text = {m.sentence_text: m for m in members}
    best = min(
        by_text,
        key=lambda text: (
            not _on_main_verb(by_text[text]),
            -_support(text, members),
            len(text),
        ),
    )
    return by_text[best].excerpt


def _on_main_verb(mention: DateMention) -> bool:
    verb = verb_of(mention)
    return verb is not None and verb.dep_ == "ROOT"


def _support(text: str, members: list[DateMention]) -> int:
    words = _content_words(text)
    return sum(
        1 for m in members if _overlap(words, _content_words(m.sentence_text)) >= _SAME_EVENT
    )
