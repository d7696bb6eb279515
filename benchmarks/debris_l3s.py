"""Debris-line removal on L3S-GN1 pages rendered as scraped text.

    .venv/bin/python -m benchmarks.debris_l3s --half held-out
    .venv/bin/python -m benchmarks.debris_l3s --half tune --errors 40

Each annotated page is rendered as text the way a scraper flattens a page: one line per
block element (paragraph, list item, cell, heading, `<br>`), in page order, lines without a
letter or digit left out. A line's gold label is the annotation of most of its words:
headline (sel1) and main text (sel2) are the article; everything else is debris (sel0
boilerplate, sel3 supplemental such as dates, bylines and captions, sel4 related content,
sel5 user comments, and text no annotator marked: menus, footers, widgets).

The lines of each page, joined by newlines, are one article for storyline's text cleaner
(in batches of 200 pages, as `storyline ingest` sends them, with no outlet known). A line
counts as kept when it is the article's title or one of its body lines. Precision: the
share of removed lines that are debris; recall: the share of debris lines removed.

The pages are split in two halves by the parity of their position in name order: `tune`
(even) is where the cleaner's rules and thresholds were developed, `held-out` (odd) is
where the figures are reported. Peers in the same run: keeping every line, and trafilatura
given the same lines as one `<p>` each (how one would clean text with it).
"""

from __future__ import annotations

import argparse
import gzip
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import lxml.html  # type: ignore[import-untyped]
import trafilatura

from benchmarks.shared_data import SHARED_DATA, require
from storyline.clean.documents import TextDocument, clean_text_documents
from storyline.clean.repair import repair_text

L3S = SHARED_DATA / "extraction" / "l3s-gn1" / "annotated"
ARTICLE_LABELS = frozenset({1, 2})
# How a scraper breaks a whole page into lines: a superset of the paragraph tags of
# `storyline.ingest.fragments`, written out rather than built on them, since a change there
# must not change the lines (and so the figures) this benchmark measures storyline on.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "select",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_SKIPPED_TAGS = frozenset({"script", "style", "head", "noscript"})
_LABEL = re.compile(r"x-nc-sel(\d)")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_BATCH = 200


@dataclass(frozen=True, slots=True)
class LabelledLine:
    text: str
    label: int | None

    @property
    def is_debris(self) -> bool:
        return self.label not in ARTICLE_LABELS


def render(markup: bytes) -> list[LabelledLine]:
    """The page as text lines, each with the annotation of most of its words."""
    root = lxml.html.fromstring(markup)
    body = root.find("body")
    lines: list[LabelledLine] = []
    pieces: list[tuple[str, int | None]] = []

    def flush() -> None:
        text = _SPACE.sub(" ", " ".join(piece for piece, _ in pieces)).strip()
        if _WORD.search(text):
            words: Counter[int | None] = Counter()
            for piece, label in pieces:
                words[label] += len(_WORD.findall(piece))
            lines.append(LabelledLine(text, words.most_common(1)[0][0]))
        pieces.clear()

    def walk(element: lxml.html.HtmlElement, label: int | None) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED_TAGS:
            return
        found = _LABEL.search(element.get("class") or "")
        label = int(found.group(1)) if found else label
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if element.text and element.text.strip():
            pieces.append((element.text.strip(), label))
        for child in element:
            walk(child, label)
            if child.tail and child.tail.strip():
                pieces.append((child.tail.strip(), label))
        if block:
            flush()

    walk(body if body is not None else root, None)
    flush()
    return lines


def pages(half: str) -> list[tuple[str, list[LabelledLine]]]:
    files = sorted(require(L3S).glob("*.html.gz"))
    parity = 0 if half == "tune" else 1
    chosen = [f for index, f in enumerate(files) if index % 2 == parity]
    return [(f.name.split(".")[0], _visible(render(gzip.open(f).read()))) for f in chosen]


def _visible(lines: list[LabelledLine]) -> list[LabelledLine]:
    """Lines that are still there once mojibake is repaired (a stray byte-order mark is not)."""
    return [line for line in lines if _WORD.search(repair_text(line.text))]


@dataclass
class Tally:
    removed_debris: int = 0
    removed_article: int = 0
    kept_debris: int = 0
    kept_article: int = 0

    def add(self, kept: bool, debris: bool) -> None:
        if kept and debris:
            self.kept_debris += 1
        elif kept:
            self.kept_article += 1
        elif debris:
            self.removed_debris += 1
        else:
            self.removed_article += 1

    @property
    def precision(self) -> float:
        removed = self.removed_debris + self.removed_article
        return self.removed_debris / removed if removed else 1.0

    @property
    def recall(self) -> float:
        debris = self.removed_debris + self.kept_debris
        return self.removed_debris / debris if debris else 1.0

    @property
    def article_kept(self) -> float:
        article = self.kept_article + self.removed_article
        return self.kept_article / article if article else 1.0


def _batches(items: Sequence[tuple[str, list[LabelledLine]]]) -> Iterator[list[int]]:
    for start in range(0, len(items), _BATCH):
        yield list(range(start, min(start + _BATCH, len(items))))


def storyline_keeps(items: Sequence[tuple[str, list[LabelledLine]]]) -> list[list[bool]]:
    """For every page, whether storyline's text cleaner keeps each line (title or body)."""
    kept: list[list[bool]] = []
    for indices in _batches(items):
        documents = [
            TextDocument(key=items[i][0], content="\n".join(line.text for line in items[i][1]))
            for i in indices
        ]
        for cleaned in clean_text_documents(documents):
            kept.append(list(cleaned.kept_lines))
    return kept


def trafilatura_keeps(items: Sequence[tuple[str, list[LabelledLine]]]) -> list[list[bool]]:
    kept: list[list[bool]] = []
    for _, lines in items:
        markup = "<html><body>" + "".join(f"<p>{_escape(line.text)}</p>" for line in lines)
        text = trafilatura.extract(markup + "</body></html>", include_comments=False) or ""
        survived = {_SPACE.sub(" ", t).strip() for t in text.split("\n")}
        kept.append([line.text in survived for line in lines])
    return kept


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def score(items: Sequence[tuple[str, list[LabelledLine]]], kept: Sequence[Sequence[bool]]) -> Tally:
    tally = Tally()
    for (_, lines), verdicts in zip(items, kept, strict=True):
        for line, keep in zip(lines, verdicts, strict=True):
            tally.add(keep, line.is_debris)
    return tally


def show_errors(
    items: Sequence[tuple[str, list[LabelledLine]]], kept: Sequence[Sequence[bool]], limit: int
) -> None:
    removed_article = []
    kept_debris = []
    for (key, lines), verdicts in zip(items, kept, strict=True):
        for line, keep in zip(lines, verdicts, strict=True):
            if not keep and not line.is_debris:
                removed_article.append((key, line))
            elif keep and line.is_debris:
                kept_debris.append((key, line))
    print(f"\n-- article lines removed ({len(removed_article)}), first {limit}:")
    for key, line in removed_article[:limit]:
        print(f"  {key[:8]} [{line.label}] {line.text[:160]}")
    print(f"\n-- debris lines kept ({len(kept_debris)}), every 25th up to {limit}:")
    for key, line in kept_debris[::25][:limit]:
        print(f"  {key[:8]} [{line.label}] {line.text[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--half", choices=("tune", "held-out"), default="held-out")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    items = pages(args.half)
    total = sum(len(lines) for _, lines in items)
    debris = sum(line.is_debris for _, lines in items for line in lines)
    print(f"L3S-GN1 {args.half} half: {len(items)} pages, {total} lines, {debris} debris")
    started = time.perf_counter()
    ours = storyline_keeps(items)
    seconds = time.perf_counter() - started
    rows = [("storyline text cleaner", score(items, ours), seconds)]
    if not args.no_peers:
        rows.append(("keep every line", score(items, [[True] * len(ls) for _, ls in items]), 0.0))
        started = time.perf_counter()
        peer = trafilatura_keeps(items)
        rows.append(("trafilatura on <p> lines", score(items, peer), time.perf_counter() - started))
    print(f"{'system':<26}{'precision':>10}{'recall':>8}{'article kept':>14}{'pages/s':>9}")
    for name, tally, spent in rows:
        rate = f"{len(items) / spent:9.0f}" if spent else f"{'-':>9}"
        print(
            f"{name:<26}{tally.precision:>10.3f}{tally.recall:>8.3f}"
            f"{tally.article_kept:>14.3f}{rate}"
        )
    if args.errors:
        show_errors(items, ours, args.errors)


if __name__ == "__main__":
    main()
