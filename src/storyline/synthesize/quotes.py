"""Direct quotes and who said them.

A quote is text between quotation marks of at least four words that is not a title. Its
speaker is looked for, in order: a speech verb of the same sentence outside the quote (`"…,"
said X, the director of Y`, `X said: "…"`, `according to X`); the previous quote of the
same paragraph when this one continues it (`"…," X said. "…"`), or of the previous
paragraph when that one left its quote open; a sentence just before it ending in a colon;
a sentence just after it that names a speaker. "He" and "she" are the person the article
named last. The speaker is then resolved to the story's entity name. A quote with no
speaker found is left out rather than given a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from storyline.model import Quote
from storyline.synthesize.attribution import (
    ISSUING,
    STATEMENT_NOUNS,
    according_to,
    is_speech_verb,
    speaker_phrase,
    subject_of,
    subjects_of,
)
from storyline.synthesize.entities import EntityIndex
from storyline.synthesize.names import fold
from storyline.synthesize.parsing import ParsedArticle, ParsedSentence, StorySources

_QUOTE_SPAN = re.compile(r"“([^“”]+)(?:”|$)|\"([^\"]+)(?:\"|$)")
_MIN_WORDS = 4
_SAME_QUOTE = 0.6  # share of words two reports of one quote have in common, at least
_ISSUER_REACH = 3  # sentences back to look for who issued a quoted statement
_HE_SHE = frozenset({"he", "she"})
_UNRESOLVED = frozenset({"they", "it", "we", "i", "you", "who", "that", "this"})


@dataclass(frozen=True, slots=True)
class QuoteMention:
    article_id: str
    sentence: int
    start: int  # character offsets in the article, quotation marks included
    end: int
    text: str
    speaker: str


@dataclass(frozen=True, slots=True)
class _Span:
    start: int  # paragraph offsets, marks included
    end: int
    text: str
    closed: bool


def find_quotes(parsed: ParsedArticle, entities: EntityIndex) -> list[QuoteMention]:
    paragraphs: dict[int, list[ParsedSentence]] = {}
    for sentence in parsed.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    spans_of = {number: _quote_spans(parsed.paragraphs[number]) for number in paragraphs}
    quoted = [
        (_offset(paragraphs[n][0]) + span.start, _offset(paragraphs[n][0]) + span.end)
        for n, spans in spans_of.items()
        for span in spans
    ]
    found: list[QuoteMention] = []
    open_speaker: str | None = None
    for number in sorted(paragraphs):
        sentences = paragraphs[number]
        offset = _offset(sentences[0])
        spans = spans_of[number]
        previous = open_speaker if spans and spans[0].start == 0 else None
        if previous is None and spans and spans[0].start == 0 and number - 1 in paragraphs:
            previous = _paraphrased_speaker(paragraphs[number - 1], spans_of[number - 1])
        open_speaker = None
        for span in spans:
            sentence = _sentence_at(sentences, span.start)
            named = _speaker(span, spans, sentences)
            speaker = named[0] if named is not None else previous
            if named is not None and speaker is not None and speaker.lower() in _HE_SHE:
                # The pronoun's own place: "“…,” Don Clark said as he spoke" is Don Clark.
                speaker = entities.person_before(
                    parsed.id, offset + named[1], sentence.index, tuple(quoted)
                )
            if speaker is not None and speaker.lower().split()[-1:] == ["statement"]:
                speaker = _issuer_before(parsed.sentences, sentence.index) or speaker
            if speaker is not None and speaker.lower() not in _UNRESOLVED:
                resolved = entities.resolve(parsed.id, speaker, sentence.index)
                if _is_quote(span.text):
                    found.append(
                        QuoteMention(
                            parsed.id,
                            sentence.index,
                            offset + span.start,
                            offset + span.end,
                            span.text,
                            resolved,
                        )
                    )
                previous = resolved
            else:
                previous = None
            open_speaker = previous if not span.closed else None
    return found


def _paraphrased_speaker(sentences: list[ParsedSentence], spans: list[_Span]) -> str | None:
    """ "Clark says the family is sick over their loss." then a quote paragraph with no
    attribution: the quote is Clark's. Only a last sentence without a quote of its own."""
    last = sentences[-1]
    if _has_quote(last, spans):
        return None
    for token in last.span:
        if is_speech_verb(token) and token.dep_ == "ROOT":
            subject = subject_of(token)
            # Only a name: "he says" or "the coach says" two paragraphs on is too loose.
            if subject is not None and subject.ent_type_ == "PERSON":
                return speaker_phrase(subject)
    return None


def _offset(sentence: ParsedSentence) -> int:
    """Where the sentence's paragraph starts in the article text."""
    return sentence.start - int(sentence.span.start_char)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of a paragraph that are inside quotation marks."""
    return [(span.start, span.end) for span in _quote_spans(text)]


def _quote_spans(text: str) -> list[_Span]:
    spans = []
    for match in _QUOTE_SPAN.finditer(text):
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        closed = match.group(0)[-1] in '”"' and match.end() - match.start() > 1
        spans.append(_Span(match.start(), match.end(), _clean(inner), closed))
    return spans


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,")


def _is_quote(text: str) -> bool:
    words = text.split()
    if len(words) < _MIN_WORDS:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    # "The Lovely Bones", "Keeping Up With the Kardashians": a title, not speech.
    return not (capitalised >= len(words) - 1 and not re.search(r"[.!?,]", text))


def _sentence_at(sentences: list[ParsedSentence], char: int) -> ParsedSentence:
    for sentence in sentences:
        if sentence.span.start_char <= char < sentence.span.end_char:
            return sentence
    return sentences[-1]


def _inside(token: Any, spans: list[_Span]) -> bool:
    return any(span.start <= token.idx < span.end for span in spans)


def _speaker(
    span: _Span, spans: list[_Span], sentences: list[ParsedSentence]
) -> tuple[str, int] | None:
    """Who says the quote, as written, and where the name stands in the paragraph."""
    around = [s for s in sentences if s.span.start_char < span.end and s.span.end_char > span.start]
    named = _speaker_in(around, span, spans)
    if named is not None:
        return named
    before = [s for s in sentences if s.span.end_char <= span.start]
    if before and before[-1].text.endswith(":") and not _has_quote(before[-1], spans):
        named = _speaker_in(before[-1:], span, spans)
        if named is not None:
            return named
    if _continues_previous(span, spans, sentences):
        return None  # continues the previous quote: the caller carries its speaker over
    after = [s for s in sentences if s.span.start_char >= span.end]
    if after and not _has_quote(after[0], spans):
        named = _speaker_in(after[:1], span, spans)
        if named is not None and named[0].lower() not in _HE_SHE:
            return named
    return None


def _speaker_in(
    sentences: list[ParsedSentence], span: _Span, spans: list[_Span]
) -> tuple[str, int] | None:
    tokens = [t for s in sentences for t in s.span if not _inside(t, spans)]
    verbs = [t for t in tokens if is_speech_verb(t)]
    verbs.sort(key=lambda t: min(abs(t.idx - span.start), abs(t.idx - span.end)))
    for verb in verbs:
        outside = [s for s in subjects_of(verb) if not _inside(s, spans)]
        subject = outside[0] if outside else None
        if subject is not None:
            if subject.lemma_.lower() in STATEMENT_NOUNS:
                return _possessor(subject) or speaker_phrase(subject), subject.idx
            return speaker_phrase(subject), subject.idx
    source = according_to(tokens)
    if source is not None:
        return speaker_phrase(source), source.idx
    return None


def _possessor(statement: Any) -> str | None:
    """ "the company's statement said": the company."""
    for child in statement.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return speaker_phrase(child)
    return None


def _issuer_before(sentences: tuple[ParsedSentence, ...], index: int) -> str | None:
    """Who issued the statement a quote comes from, when a sentence just before says so
    ("Georgia Power released a statement ..."; then "..., the statement says")."""
    for sentence in reversed(sentences[max(0, index - _ISSUER_REACH) : index + 1]):
        for token in sentence.span:
            objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
            if token.lemma_.lower() in ISSUING and objects & STATEMENT_NOUNS:
                subject = subject_of(token)
                return speaker_phrase(subject) if subject is not None else None
    return None


def _has_quote(sentence: ParsedSentence, spans: list[_Span]) -> bool:
    return any(
        sentence.span.start_char < span.end and sentence.span.end_char > span.start
        for span in spans
    )


def _continues_previous(span: _Span, spans: list[_Span], sentences: list[ParsedSentence]) -> bool:
    """Whether only an attribution (or nothing) separates this quote from the one before."""
    earlier = [s for s in spans if s.end <= span.start]
    if not earlier:
        return False
    between = [
        token
        for sentence in sentences
        for token in sentence.span
        if earlier[-1].end <= token.idx < span.start
    ]
    if len(between) > 12:
        return False
    return not any(t.pos_ == "VERB" and not is_speech_verb(t) for t in between)


def merge_quotes(mentions: list[QuoteMention], sources: StorySources) -> tuple[Quote, ...]:
    """One quote per thing said: the same words in several articles share one entry (one
    holding the other, or nearly the same words). Two quotes of one article stay apart."""
    groups: list[list[QuoteMention]] = []
    for mention in mentions:
        words = fold(mention.text)
        for group in groups:
            if any(m.article_id == mention.article_id for m in group):
                continue
            if any(_same_words(words, fold(m.text)) for m in group):
                group.append(mention)
                break
        else:
            groups.append([mention])
    quotes = []
    for group in groups:
        speaker = Counter(m.speaker for m in group).most_common(1)[0][0]
        text = max((m.text for m in group), key=len)
        quotes.append(Quote(speaker, text, sources.expand(m.article_id for m in group)))
    return tuple(quotes)


def _same_words(first: str, second: str) -> bool:
    if first in second or second in first:
        return True
    a, b = set(first.split()), set(second.split())
    return len(a & b) / max(1, len(a | b)) >= _SAME_QUOTE
