"""Candidate sentences of a story: the sentences of its original articles that could be said.

A summary is read without its articles around it, so a candidate must stand on its own: a
whole declarative sentence, not a caption, a promo, a question to the reader, a piece of a
quotation cut from its speaker, or a dateline. Sentences that lean on an earlier one ("He
added...", "But it...") stay candidates, flagged, because they are sometimes the only
sentence that says something; selection drops them when another says the same on its own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from storyline.model import Article, Story

_MIN_WORDS = 6
_MIN_PASSABLE_WORDS = 4
_MAX_WORDS = 70
_MAX_CAPTION_WORDS = 60

# "CAIRO (Reuters) - ", "New york ( reuters health ) - ", "WASHINGTON — ", "(CNN) — ", "(AP) ".
_DATELINE = re.compile(
    r"^(?:(?:[A-Z][\w.,'’&/ -]{0,50}?\s*\(\s*[\w.&/ -]{1,40}\s*\)|[A-Z][A-Z.,'’ ]{2,40})"
    r"\s*(?:[-—–]{1,2}\s+|—)|\(\s*[\w.&/ -]{1,30}\s*\)\s*(?:[-—–]{1,2}\s*)?)"
)
_ENDS_WHOLE = re.compile(r"[.!](?:\s?[\"”’')\]])*$")
_TRUNCATED = re.compile(r"(\.\.\.|…)[\"”’')\]]*$")
_CREDIT = re.compile(
    r"\b(?:ap photo|getty images|photo by|file photo|image copyright|image caption|pictured)\b"
    r"|\bphoto(?:graph)?\s*:|\bphoto\b.{0,40}/\s*\w",
    re.IGNORECASE,
)
# Newsletter and alert promos: "get breaking news alerts", "delivered weekday mornings".
_NEWSLETTER = (
    r"\b(?:news|email|e-mail)\s+(?:alerts|emails)\b|\bin your inbox\b"
    r"|\bdelivered (?:to your inbox|daily|weekday mornings|every (?:morning|day|weekday))\b"
)
# What web archives and site tools print around a page: a crawl's description (pages saved
# through the Wayback Machine carry it), tweet location settings, robot checks and account
# prompts.
_SITE_CHROME = (
    r"\b(?:wayback machine|internet archive|archive-it|heritrix|robots\.txt|web ?crawls?"
    r"|crawl data|focused crawls?|wide crawls?|archive (?:web )?pages|location history|not a robot"
    r"|activate your account|email notifications|your notification has been saved)\b"
)
_DEBRIS = re.compile(
    r"\b(?:ap photo|getty images|photo by|file photo|image copyright"
    r"|image caption|let us know|in the comments|click here|read more|sign up|subscribe"
    r"|newsletter|follow us|follow @"
    r"|all rights reserved|copyright|advertisement|share this|reporting by|editing by"
    r"|writing by|contributed to this report|associated press writer|cookie policy"
    r"|uses? cookies|javascript"
    r"|your browser|terms of (?:use|service)|privacy policy)\b|©|https?://|www\."
    rf"|{_NEWSLETTER}|{_SITE_CHROME}"
    r"|\bphoto(?:graph)?\s*:|\b(?:facebook|twitter|pinterest|whatsapp|linkedin|email)\s+"
    r"(?:facebook|twitter|pinterest|whatsapp|linkedin|email)\b",
    re.IGNORECASE,
)
# What a page says to its reader rather than about the news: never said, however short the
# story. (Credits and captions are left out by `_caption_paragraphs` and `_CREDIT`.)
_PROMO = re.compile(
    r"\b(?:let us know|in the comments|click here|read more|sign up|sign me up|subscribe"
    r"|subscription|newsletter|follow us|follow @|all rights reserved|copyright|share this"
    r"|cookie policy|uses? cookies|javascript|your browser|terms of (?:use|service)"
    r"|privacy policy|log in|thank you for reading)\b|©|https?://|www\."
    rf"|{_NEWSLETTER}|{_SITE_CHROME}",
    re.IGNORECASE,
)
_IMPERATIVE_START = re.compile(
    r"^(?:click|read|watch|sign|follow|subscribe|share|like us|download|tap|scroll|see also)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|(?<!\w)'[^']*'(?!\w)")
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|according to|added|adds|asked|wrote|writes|tweeted"
    r"|stated|explained|noted|insisted|declared|announced|argued|claimed|recalled|warned"
    r"|acknowledged|admitted|replied|responded|posted|testified)\b",
    re.IGNORECASE,
)
_LEANS_BACK = re.compile(
    r"^(?:he|she|it|they|his|her|its|their|them|this|these|those|that|but|and|also|however"
    r"|still|yet|so|then|instead|moreover|nevertheless|meanwhile|in addition|the former"
    r"|the latter|both|such)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CandidateSentence:
    article_id: str
    position: int
    text: str
    words: int
    article_index: int = 0
    relative_position: float = 0.0
    sayable: bool = True
    leans_back: bool = False
    passable: bool = False


def strip_dateline(text: str) -> str:
    """The sentence without a leading dateline; the first letter is capitalised again."""
    match = _DATELINE.match(text)
    if match is None or len(text) - match.end() < 20:
        return text
    rest = text[match.end() :]
    return rest[:1].upper() + rest[1:]


def _balanced_quotes(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _speakerless_quote(text: str) -> bool:
    """Mostly quotation, with no one outside the quotation marks saying it."""
    quoted = sum(len(m.group(0)) for m in _QUOTED.finditer(text))
    if quoted < 0.5 * len(text):
        return False
    return _ATTRIBUTION.search(_QUOTED.sub(" ", text)) is None


def is_sayable(text: str, max_words: int = _MAX_WORDS) -> bool:
    """A whole declarative sentence that reads on its own outside its article."""
    words = len(text.split())
    if not _MIN_WORDS <= words <= max_words:
        return False
    if not (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“'‘"):
        return False
    if not _ENDS_WHOLE.search(text) or _TRUNCATED.search(text):
        return False
    if _DEBRIS.search(text) or _IMPERATIVE_START.match(text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    visible = len(text) - text.count(" ")
    if letters < 0.6 * visible or sum(ch.isupper() for ch in text) > 0.5 * letters:
        return False
    return _balanced_quotes(text) and not _speakerless_quote(text)


def is_passable(text: str, own_paragraph: bool = False) -> bool:
    """Said only when a story has too few clean sentences: news text that fails a clean
    sentence's form (run on, cut off, lowercased, quotes split across sentences, page words
    around it) but is neither a promo, a question, nor mostly figures and symbols. A
    quotation without its speaker passes inside running text, where the speaker is often
    named in the next sentence (on the tuning clusters of Multi-News, leaving those out cost
    0.2 ROUGE-1 and 0.25 ROUGE-2), but not as a paragraph of its own (a pull quote)."""
    if len(text.split()) < _MIN_PASSABLE_WORDS or text.rstrip("\"”’' )").endswith("?"):
        return False
    if own_paragraph and _speakerless_quote(text):
        return False
    if _PROMO.search(text) or _IMPERATIVE_START.match(text) or _CREDIT.search(text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 0.6 * (len(text) - text.count(" "))


def leans_back(text: str) -> bool:
    """Starts with a pronoun or connective that needs a sentence before it to make sense."""
    return _LEANS_BACK.match(text.lstrip("\"“'‘")) is not None


def _caption_paragraphs(article: Article) -> set[int]:
    """Start offsets of the paragraphs that carry a photo credit: the whole paragraph is a
    caption, including the sentence before the credit that reads like news."""
    starts = set()
    cursor = 0
    for block in article.text.split("\n\n"):
        # Captions are short; a long block with a credit in it is text run together.
        if len(block.split()) <= _MAX_CAPTION_WORDS and _CREDIT.search(block):
            starts.add(cursor)
        cursor += len(block) + 2
    return starts


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n\n", 0, offset) + 2 if "\n\n" in text[:offset] else 0


def _paragraph_spans(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the text's paragraphs (blocks between blank lines)."""
    starts, ends = [], []
    cursor = 0
    for block in text.split("\n\n"):
        starts.append(cursor)
        ends.append(cursor + len(block))
        cursor += len(block) + 2
    return starts, ends


def _own_paragraph(text: str, spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether text[start:end] is the whole of its paragraph."""
    starts, ends = spans
    index = max(bisect.bisect_right(starts, start) - 1, 0)
    return text[starts[index] : ends[index]].strip() == text[start:end].strip()


def story_sentences(story: Story) -> list[CandidateSentence]:
    """Every sentence of every original (non-duplicate) article, in article then text order."""
    out = []
    members = {a.id for a in story.articles}
    # A copy whose original is not in the story speaks for itself.
    originals = [a for a in story.articles if a.duplicate_of not in members]
    for article_index, article in enumerate(originals):
        last = max(len(article.sentences) - 1, 1)
        captions = _caption_paragraphs(article)
        spans = _paragraph_spans(article.text)
        for position, sentence in enumerate(article.sentences):
            text = strip_dateline(sentence.text.strip())
            in_caption = bool(captions) and (
                _paragraph_start(article.text, sentence.start) in captions
            )
            out.append(
                CandidateSentence(
                    article_id=article.id,
                    position=position,
                    text=text,
                    words=len(text.split()),
                    article_index=article_index,
                    relative_position=position / last,
                    sayable=not in_caption and is_sayable(text),
                    leans_back=leans_back(text),
                    passable=not in_caption
                    and is_passable(
                        text, _own_paragraph(article.text, spans, sentence.start, sentence.end)
                    ),
                )
            )
    return out


def copies_of(story: Story) -> dict[str, list[str]]:
    """Article id -> ids of its exact copies in the story (they support what it supports)."""
    copies: dict[str, list[str]] = {}
    for article in story.articles:
        if article.duplicate_of is not None:
            copies.setdefault(article.duplicate_of, []).append(article.id)
    return copies
