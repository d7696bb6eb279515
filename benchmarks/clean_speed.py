"""Articles per second of the clean stage, for HTML and for text, with trafilatura alone as
the peer in the same run.

    .venv/bin/python -m benchmarks.clean_speed --text-articles 1000 --repeat 3

HTML: the ScrapingHub benchmark's 181 pages; storyline's whole clean stage (decoding,
extraction, metadata, debris, repair, date, language, sentences) against
`trafilatura.extract` on the same bytes. Text: Multi-News validation documents as JSON
Lines records; storyline's clean stage against trafilatura given each text as an HTML page
of one `<p>` per line (the way to clean text with it). Both run batch by batch in turn, and
are timed in CPU seconds of this process, so that other work on a shared machine does not
count against either; the ratio is the median over repeats of storyline's rate over the
peer's.
"""

from __future__ import annotations

import argparse
import html
import statistics
import time
from collections.abc import Sequence

import trafilatura

from benchmarks.extraction_common import aeb_pages, side_by_side
from benchmarks.shared_data import multinews_documents
from storyline.clean import CleanStage
from storyline.model import RawDocument

_BATCH = 200


def _as_html(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line)
    return f"<html><body>{paragraphs}</body></html>"


def _peer_seconds(markup: Sequence[str]) -> float:
    began = time.process_time()
    for page in markup:
        trafilatura.extract(page)
    return time.process_time() - began


def _stage_seconds(stage: CleanStage, batch: Sequence[RawDocument]) -> float:
    began = time.process_time()
    stage.process(batch)
    return time.process_time() - began


def text_rates(records: Sequence[dict[str, str]], repeat: int) -> tuple[float, float, float]:
    raws = [
        RawDocument(
            source_key=f"bench:{record['id']}",
            kind="jsonl",
            content_type="text",
            content=record["text"],
            given_id=record["id"],
        )
        for record in records
    ]
    pages = [_as_html(record["text"]) for record in records]
    stage = CleanStage()
    stage.setup()
    stage.process(raws[:5])
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        mine = peer = 0.0
        for start in range(0, len(raws), _BATCH):
            batch = raws[start : start + _BATCH]
            markup = pages[start : start + _BATCH]
            peer += _peer_seconds(markup)
            mine += _stage_seconds(stage, batch)
        ours.append(len(raws) / mine)
        theirs.append(len(raws) / peer)
    ratios = [o / t for o, t in zip(ours, theirs, strict=True)]
    return statistics.median(ours), statistics.median(theirs), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--text-articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = aeb_pages()
    run = side_by_side(pages, args.repeat)
    html_ours, html_peer, html_ratio = run.rates(len(pages))
    records = multinews_documents(args.text_articles)
    text_ours, text_peer, text_ratio = text_rates(records, args.repeat)
    print(f"CPU-time rates, median of {args.repeat} runs")
    print(f"{'input':<34}{'storyline/s':>12}{'trafilatura/s':>15}{'ratio':>7}")
    rows = [
        (f"HTML (ScrapingHub, {len(pages)} pages)", html_ours, html_peer, html_ratio),
        (f"text (Multi-News, {len(records)} docs)", text_ours, text_peer, text_ratio),
    ]
    for label, ours, peer, ratio in rows:
        print(f"{label:<34}{ours:>12.1f}{peer:>15.1f}{ratio:>7.2f}")


if __name__ == "__main__":
    main()
