"""The clean stage: raw documents in, articles with clean text and metadata out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from storyline.clean.dates import parse_date
from storyline.clean.extract import extract_html
from storyline.clean.identity import article_id, content_hash
from storyline.clean.language import detect_language
from storyline.clean.repair import paragraphs, repair_text
from storyline.clean.sentences import split_sentences
from storyline.clean.title import split_title
from storyline.model import Article, Dropped, PublicationDate, RawDocument
from storyline.stage import JSONValue, MapStage

_MIN_WORDS = 5


class CleanStage(MapStage[RawDocument, Article]):
    """Extracts HTML, repairs text, finds title, date and language, and splits sentences."""

    name = "clean"
    consumes: ClassVar[type] = RawDocument
    produces: ClassVar[type] = Article

    def __init__(self, min_words: int = _MIN_WORDS) -> None:
        self.min_words = min_words

    def params(self) -> dict[str, JSONValue]:
        return {"min_words": self.min_words}

    def process(self, batch: Sequence[RawDocument]) -> list[Article | Dropped]:
        return [self.clean(raw) for raw in batch]

    def clean(self, raw: RawDocument) -> Article | Dropped:
        subject = raw.path or raw.url or raw.source_key
        title, source, url = raw.title, raw.source, raw.url
        published = self._given_date(raw)
        if raw.content_type == "html":
            page = extract_html(raw.content, raw.url)
            if page is None:
                return Dropped("no article text found in HTML", subject)
            body = repair_text(page.text)
            title = title or (repair_text(page.title) if page.title else None)
            source = source or page.sitename
            url = url or page.url
            published = published or parse_date(page.date, "metadata", 0.9)
            blocks = paragraphs(body)
        else:
            blocks = paragraphs(repair_text(raw.content))
            if title is None:
                title, blocks = split_title(blocks)
        text = "\n\n".join(blocks)
        if len(text.split()) < self.min_words:
            return Dropped("too little text", subject, f"{len(text.split())} words")
        digest = content_hash(raw)
        return Article(
            id=article_id(raw, digest),
            source_key=raw.source_key,
            content_hash=digest,
            kind=raw.kind,
            text=text,
            sentences=split_sentences(text),
            path=raw.path,
            url=url,
            source=source,
            title=title,
            published=published,
            language=detect_language(text),
            given_story=raw.given_story,
        )

    @staticmethod
    def _given_date(raw: RawDocument) -> PublicationDate | None:
        method = {"jsonl": "given", "feed": "feed", "text": "header"}.get(raw.kind, "metadata")
        return parse_date(raw.published, method)  # type: ignore[arg-type]
