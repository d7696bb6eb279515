"""How often a publication date inferred from an article's text is right, by kind of evidence.

    .venv/bin/python -m benchmarks.clean_dates --half held-out

The pages of the two HTML extraction sets that carry a publication date in their markup
(meta tags, JSON-LD, URL; read by htmldate) give a reference date. storyline's text-only
inference (`storyline.clean.text_dates.infer_from_text`) is then run on the page's extracted
text, as if the page were scraped text without metadata, and compared with the reference.
Pages are split in two halves by position (even: tune, where the confidences stored with
each kind of evidence were set; odd: held-out). Peer in the same run: the first full date
written in the text.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from datetime import date

from benchmarks.extraction_common import aeb_pages, trafilatura_eval_pages
from storyline.clean.date_mentions import find_dates
from storyline.clean.extract import extract_html
from storyline.clean.paragraphs import source_lines
from storyline.clean.repair import repair_text
from storyline.clean.text_dates import (
    DATE_LINE_CONFIDENCE,
    STATED_CONFIDENCE,
    infer_from_text,
)
from storyline.ingest.decoding import decode_markup


def _kind(confidence: float) -> str:
    if confidence >= DATE_LINE_CONFIDENCE:
        return "date line"
    if confidence >= STATED_CONFIDENCE - 0.05:
        return "full date in text"
    return "date completed by year or weekday"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--half", choices=("tune", "held-out"), default="held-out")
    parser.add_argument("--tolerance", type=int, default=1, help="days either way")
    args = parser.parse_args()
    pages = aeb_pages() + [item.page for item in trafilatura_eval_pages()]
    parity = 0 if args.half == "tune" else 1
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    dated = 0
    peer = [0, 0]
    for index, page in enumerate(pages):
        if index % 2 != parity:
            continue
        extracted = extract_html(decode_markup(page.markup) or "", page.url)
        if extracted is None or not extracted.date:
            continue
        dated += 1
        reference = date.fromisoformat(extracted.date[:10])
        lines = [line.text for line in source_lines(repair_text(extracted.text))]
        inferred = infer_from_text(lines)
        if inferred is not None:
            right = abs((inferred.day - reference).days) <= args.tolerance
            counts = totals[_kind(inferred.confidence)]
            counts[0] += 1
            counts[1] += right
        first = next((m.as_date() for m in find_dates("\n".join(lines)) if m.year), None)
        if first is not None:
            peer[0] += 1
            peer[1] += abs((first - reference).days) <= args.tolerance
    print(f"{args.half} half: {dated} pages with a date in their markup")
    print(f"{'evidence':<36}{'pages':>7}{'right':>8}  (within {args.tolerance} day)")
    for kind, (count, right) in sorted(totals.items()):
        print(f"{kind:<36}{count:>7}{right / count:>8.2f}")
    answered = sum(count for count, _ in totals.values())
    right_all = sum(right for _, right in totals.values())
    if answered:
        print(f"{'storyline, all kinds':<36}{answered:>7}{right_all / answered:>8.2f}")
    if peer[0]:
        print(f"{'peer: first full date in the text':<36}{peer[0]:>7}{peer[1] / peer[0]:>8.2f}")


if __name__ == "__main__":
    main()
