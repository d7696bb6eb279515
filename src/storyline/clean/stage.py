"""The clean stage: raw documents in, articles with clean text and metadata out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from storyline.clean.dates import date_from_url, parse_date
from storyline.clean.documents import CleanedText, TextDocument, clean_text_documents
from storyline.clean.extract import ExtractedPage, extract_html
from storyline.clean.identity import article_id, content_hash
from storyline.clean.language import detect_language, preload_language_model
from storyline.clean.lines import count_words
from storyline.clean.repair import repair_text
from storyline.clean.sentences import split_sentences
from storyline.clean.text_dates import infer_from_text
from storyline.model import Article, DateMethod, Dropped, PublicationDate, RawDocument
from storyline.stage import JSONValue, MapStage

_MIN_WORDS = 5
_GIVEN_DATE_METHOD: dict[str, DateMethod] = {"jsonl": "given", "feed": "feed", "text": "header"}


@dataclass(frozen=True, slots=True)
class _Pending:
    """A document between extraction and text cleaning."""

    raw: RawDocument
    text: TextDocument
    page: ExtractedPage | None


def _outlet(raw: RawDocument, page: ExtractedPage | None) -> str | None:
    """Who published it, as a key for outlet-level signals: a name, else the URL's host."""
    name = raw.source or (page.sitename if page else None)
    if name:
        return name.strip().lower()
    url = raw.url or (page.url if page else None)
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed URL ("http://[x") names no host
        return None
    return host.removeprefix("www.") if host else None


class CleanStage(MapStage[RawDocument, Article]):
    """Extracts HTML, removes page debris, repairs text, finds title, date and language,
    and splits sentences. Cross-article debris signals are taken from the batch."""

    name = "clean"
    consumes: ClassVar[type] = RawDocument
    produces: ClassVar[type] = Article
    # Extraction and cleaning are pure CPU work: a long ingest runs on every core.
    cpu_bound: ClassVar[bool] = True

    def __init__(self, min_words: int = _MIN_WORDS) -> None:
        self.min_words = min_words

    def params(self) -> dict[str, JSONValue]:
        return {"min_words": self.min_words}

    def setup(self) -> None:
        preload_language_model()

    def process(self, batch: Sequence[RawDocument]) -> list[Article | Dropped]:
        pending: list[_Pending | Dropped] = [self._prepare(raw) for raw in batch]
        ready = [item for item in pending if isinstance(item, _Pending)]
        cleaned = iter(clean_text_documents([item.text for item in ready]))
        return [
            item if isinstance(item, Dropped) else self._article(item, next(cleaned))
            for item in pending
        ]

    def clean(self, raw: RawDocument) -> Article | Dropped:
        """Clean one document on its own (no batch signals)."""
        [result] = self.process([raw])
        return result

    def _prepare(self, raw: RawDocument) -> _Pending | Dropped:
        if raw.content_type != "html":
            title = repair_text(raw.title) if raw.title else None
            text = TextDocument(raw.source_key, raw.content, _outlet(raw, None), title or None)
            return _Pending(raw, text, None)
        try:
            page = extract_html(raw.content, raw.url)
        # lxml and trafilatura raise on some malformed pages: bad input, counted, not a bug.
        except Exception as error:
            return Dropped("HTML extraction failed", _subject(raw), type(error).__name__)
        if page is None:
            return Dropped("no article text found in HTML", _subject(raw))
        given = raw.title or page.title
        title = (repair_text(given) or None) if given else None
        text = TextDocument(
            raw.source_key, page.text, _outlet(raw, page), title, find_title=False, extracted=True
        )
        return _Pending(raw, text, page)

    def _article(self, item: _Pending, cleaned: CleanedText) -> Article | Dropped:
        raw, page = item.raw, item.page
        text = "\n\n".join(cleaned.paragraphs)
        words = count_words(text)
        if words < self.min_words:
            return Dropped("too little text", _subject(raw), f"{words} words")
        digest = content_hash(raw)
        return Article(
            id=article_id(raw, digest),
            source_key=raw.source_key,
            content_hash=digest,
            kind=raw.kind,
            text=text,
            sentences=split_sentences(text),
            path=raw.path,
            url=raw.url or (page.url if page else None),
            source=raw.source or (page.sitename if page else None),
            title=cleaned.title,
            published=_publication_date(raw, page, cleaned),
            language=detect_language(text),
            given_story=raw.given_story,
        )


def _subject(raw: RawDocument) -> str:
    return raw.path or raw.url or raw.source_key


def _publication_date(
    raw: RawDocument, page: ExtractedPage | None, cleaned: CleanedText
) -> PublicationDate | None:
    """Metadata first (the input's own field, the page's), then the URL, then the text."""
    given = parse_date(raw.published, _GIVEN_DATE_METHOD.get(raw.kind, "metadata"))
    if given is not None:
        return given
    if page is not None and (found := parse_date(page.date, "metadata", 0.9)) is not None:
        return found
    url = raw.url or (page.url if page else None)
    return date_from_url(url) or infer_from_text(cleaned.all_lines)
