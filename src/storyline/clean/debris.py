"""Which lines of a scraped article are page debris, judged by general signals.

Every rule looks at form, position or repetition, never at a list of known phrases:

* the line alone: no letters, a gallery counter, a credit, a form field, a menu or
  breadcrumb row, a byline, a short "label: value" line, a short line that ends in a link
  arrow or addresses the reader;
* the article: lines repeated within it, a caption repeated with and without its credit,
  the captions of a flattened gallery, runs of short lines (menus, headline lists), short
  lines before the first and after the last paragraph of prose;
* the batch: lines that recur across articles of the same outlet, and lines that are the
  headline of another article.

A line no rule is sure about stays. The thresholds were set on the tune half of L3S-GN1
(`benchmarks/debris_l3s.py`) and the invented examples in tests/clean; the figures are
reported on the other half.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.clean.batch import EMPTY_CONTEXT, BatchContext
from storyline.clean.credits import strip_credit
from storyline.clean.line_rules import PROSE_WORDS, intrinsic_reason
from storyline.clean.lines import LineShape, line_key
from storyline.clean.title import headline_of
from storyline.clean.title_line import find_title_line

_MAX_RUN_LINE_WORDS = 15
_MIN_RUN = 3
_MAX_TINY_WORDS = 2
_MAX_EDGE_WORDS = 12
_MAX_CAPTION_WORDS = 40
_GALLERY_REACH = 3
_MAX_NEIGHBOUR_WORDS = 4
_FURNITURE = frozenset(
    {
        "gallery counter",
        "credit",
        "form field",
        "link",
        "addresses the reader",
        "menu or breadcrumb",
    }
)
# What the extraction benchmarks showed to be debris in extracted text as well; the other
# line rules cut list items, table rows and subheadings that extractors rightly keep.
_SURE_IN_EXTRACTED = frozenset({"credit", "gallery counter", "byline"})
# Two sentences on one line: prose, not a menu item or a headline.
_INNER_SENTENCE = re.compile(r"\w[.!?][\"”’]?\s+[\"“]?[A-Z]")


@dataclass(frozen=True, slots=True)
class Verdicts:
    """Per line: None when it is kept, else why it was removed; and the title line."""

    reasons: tuple[str | None, ...]
    title_index: int | None


def _is_short_non_prose(line: LineShape) -> bool:
    """Menu items and headlines: short, not closed by a period (a headline may ask), not
    two sentences, not a lead-in to what follows ("Symptoms include:")."""
    return (
        not line.ends_with_period
        and not line.text.endswith(":")
        and line.word_count <= _MAX_RUN_LINE_WORDS
        and _INNER_SENTENCE.search(line.text) is None
    )


def classify(
    lines: Sequence[LineShape],
    *,
    given_title: str | None = None,
    outlet: str | None = None,
    context: BatchContext = EMPTY_CONTEXT,
    find_title: bool = True,
    extracted: bool = False,
) -> Verdicts:
    """Judge every line of one article; pick its title line when `find_title`.

    `extracted` text was cut out of a page by an extractor, which has removed menus and
    headline lists already: the layout rules (runs of short lines, lines around the
    article) would only cut its lists and subheadings, so they are skipped.
    """
    reasons: list[str | None] = [intrinsic_reason(line) for line in lines]
    if extracted:
        reasons = [reason if reason in _SURE_IN_EXTRACTED else None for reason in reasons]
    given_key = line_key(given_title) if given_title else None
    title_index = find_title_line(lines, reasons) if find_title and not given_title else None
    title_key = given_key
    if title_index is not None:
        title_key = line_key(headline_of(lines[title_index].text) or "")
    _mark_repeats(lines, reasons, title_index, given_key, extracted)
    _mark_captions(lines, reasons)
    _mark_batch_signals(lines, reasons, outlet, title_key, context)
    if not extracted:
        _mark_neighbours(lines, reasons, title_index)
        _mark_runs(lines, reasons, title_index)
        _mark_edges(lines, reasons, title_index)
    if title_index is not None:
        reasons[title_index] = None
    return Verdicts(tuple(reasons), title_index)


def _mark_repeats(
    lines: Sequence[LineShape],
    reasons: list[str | None],
    title_index: int | None,
    given_key: str | None,
    extracted: bool,
) -> None:
    seen: dict[str, int] = {}
    for index, line in enumerate(lines):
        key = line.key
        if not key or index == title_index:
            continue
        if given_key and key == given_key and reasons[index] is None:
            reasons[index] = "title repeated"
            continue
        if extracted:
            # Extractors repeat what the page repeats (tables, sidebars the page itself
            # duplicates): on the benchmarks dropping repeats there cost more than it saved.
            continue
        if key in seen:
            reasons[index] = reasons[index] or "repeated"
            first = seen[key]
            if not lines[first].is_prose(PROSE_WORDS):
                reasons[first] = reasons[first] or "repeated"
        else:
            seen[key] = index


def _mark_captions(lines: Sequence[LineShape], reasons: list[str | None]) -> None:
    """Captions: with a credit appended, repeated without it, or inside a gallery."""
    keys = {line.key: index for index, line in enumerate(lines)}
    for index, line in enumerate(lines):
        if line.word_count > _MAX_CAPTION_WORDS:
            continue
        caption = strip_credit(line.text)
        if caption is None:
            continue
        reasons[index] = reasons[index] or "caption with credit"
        twin = keys.get(line_key(caption))
        if twin is not None and twin != index:
            reasons[twin] = reasons[twin] or "caption repeated"
    for index in range(len(lines)):
        if reasons[index] != "gallery counter":
            continue
        for offset in range(1, _GALLERY_REACH + 1):
            at = index + offset
            if at >= len(lines) or reasons[at] in ("gallery counter",):
                break
            if reasons[at] == "credit":
                for between in range(index + 1, at):
                    if lines[between].word_count <= _MAX_CAPTION_WORDS:
                        reasons[between] = reasons[between] or "gallery caption"
                break


def _mark_batch_signals(
    lines: Sequence[LineShape],
    reasons: list[str | None],
    outlet: str | None,
    title_key: str | None,
    context: BatchContext,
) -> None:
    if context is EMPTY_CONTEXT:
        return
    for index, line in enumerate(lines):
        if reasons[index] is not None or line.is_prose(PROSE_WORDS):
            continue
        rest_key = line_key(line.label_rest) if line.label else ""
        if context.is_other_title(line.key, title_key) or context.is_other_title(
            rest_key, title_key
        ):
            reasons[index] = "another article's title"
        elif context.is_outlet_boilerplate(line.key, outlet):
            reasons[index] = "outlet boilerplate"


def _mark_neighbours(
    lines: Sequence[LineShape], reasons: list[str | None], title_index: int | None
) -> None:
    """A few words beside a form field or a promo ("Leave a comment") belong to it."""
    furniture = [reason in _FURNITURE for reason in reasons]
    for index, line in enumerate(lines):
        if reasons[index] is not None or index == title_index or line.ends_with_period:
            continue
        if line.word_count > _MAX_NEIGHBOUR_WORDS:
            continue
        before = index > 0 and furniture[index - 1]
        after = index + 1 < len(lines) and furniture[index + 1]
        if before or after:
            reasons[index] = "beside page furniture"


def _mark_runs(
    lines: Sequence[LineShape], reasons: list[str | None], title_index: int | None
) -> None:
    """Runs of short non-prose lines are menus and headline lists; lone tiny ones, labels."""
    start = 0
    while start < len(lines):
        if start == title_index or not _is_short_non_prose(lines[start]):
            start += 1
            continue
        end = start
        while end < len(lines) and end != title_index and _is_short_non_prose(lines[end]):
            end += 1
        if end - start >= _MIN_RUN:
            for index in range(start, end):
                reasons[index] = reasons[index] or "run of short lines"
        start = end
    for index, line in enumerate(lines):
        if index != title_index and line.word_count <= _MAX_TINY_WORDS and not line.ends_sentence:
            reasons[index] = reasons[index] or "tiny line"


def _mark_edges(
    lines: Sequence[LineShape], reasons: list[str | None], title_index: int | None
) -> None:
    """Short non-prose lines before the first and after the last line of prose."""
    prose = [
        i
        for i, line in enumerate(lines)
        if reasons[i] is None and line.is_prose(PROSE_WORDS) and not _is_short_non_prose(line)
    ]
    if not prose:
        return
    for index in [*range(prose[0]), *range(prose[-1] + 1, len(lines))]:
        line = lines[index]
        if (
            index != title_index
            and not line.ends_with_period
            and line.word_count <= _MAX_EDGE_WORDS
        ):
            reasons[index] = reasons[index] or "outside the article"
