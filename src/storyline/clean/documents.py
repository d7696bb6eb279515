"""Cleaning the text of a batch of articles: repair, re-join, debris removal, title.

The batch is cleaned in two passes, because two debris signals need the other articles: a
line recurring across articles of one outlet, and a line that is another article's title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.clean.batch import BatchContext, BatchDocument
from storyline.clean.debris import classify
from storyline.clean.lines import LineShape, line_key
from storyline.clean.paragraphs import SourceLine, source_lines
from storyline.clean.repair import repair_text
from storyline.clean.title import headline_of


@dataclass(frozen=True, slots=True)
class TextDocument:
    """Text to clean. `title` is a title given by the input (header, JSON, HTML metadata);
    when it is None the cleaner looks for one in the first lines, unless `find_title` is
    off (text an extractor already cut out of a page, whose title is metadata)."""

    key: str
    content: str
    outlet: str | None = None
    title: str | None = None
    find_title: bool = True
    extracted: bool = False


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The kept paragraphs and title, what was removed and why, and which input lines
    (non-blank lines of the repaired text, in order) were kept."""

    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[tuple[str, str], ...]
    kept_lines: tuple[bool, ...]
    all_lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Prepared:
    document: TextDocument
    lines: list[SourceLine]
    shapes: list[LineShape]
    first_headline: str | None


def _prepare(document: TextDocument) -> _Prepared:
    lines = source_lines(repair_text(document.content), may_be_wrapped=not document.extracted)
    guess = document.title
    if guess is None and document.find_title:
        # A cheap guess of the title for the batch's other articles: the first headline.
        for line in lines[:4]:
            guess = headline_of(line.text)
            if guess is not None:
                break
    return _Prepared(document, lines, [LineShape(line.text) for line in lines], guess)


def clean_text_documents(documents: Sequence[TextDocument]) -> list[CleanedText]:
    """Clean every document of a batch, using the batch for cross-article signals."""
    prepared = [_prepare(document) for document in documents]
    context = BatchContext.of(
        BatchDocument(
            outlet=item.document.outlet,
            line_keys=frozenset(shape.key for shape in item.shapes),
            title_key=line_key(item.first_headline) if item.first_headline else None,
        )
        for item in prepared
    )
    return [_clean_one(item, context) for item in prepared]


def _clean_one(item: _Prepared, context: BatchContext) -> CleanedText:
    document = item.document
    texts = [line.text for line in item.lines]
    verdicts = classify(
        item.shapes,
        given_title=document.title,
        outlet=document.outlet,
        context=context,
        find_title=document.find_title,
        extracted=document.extracted,
    )
    title = document.title
    if verdicts.title_index is not None:
        title = headline_of(texts[verdicts.title_index]) or texts[verdicts.title_index]
    paragraphs: list[str] = []
    removed: list[tuple[str, str]] = []
    kept_count = sum(len(line.parts) for line in item.lines)
    kept = [False] * kept_count
    for index, (line, reason) in enumerate(zip(item.lines, verdicts.reasons, strict=True)):
        if reason is not None:
            removed.append((line.text, reason))
            continue
        for part in line.parts:
            kept[part] = True
        if index != verdicts.title_index:
            paragraphs.append(line.text)
    return CleanedText(title, tuple(paragraphs), tuple(removed), tuple(kept), tuple(texts))
