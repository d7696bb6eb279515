"""ScrapingHub article-extraction benchmark: storyline vs trafilatura alone vs the published
outputs of the other peers, with the benchmark's own shingle precision, recall and F1.

    .venv/bin/python -m benchmarks.extraction_aeb --repeat 3

storyline runs as `storyline run page.html` would (the reader's decoding, then the clean
stage in batches) and is scored on its article text; trafilatura alone runs in the same
process with its canonical benchmark settings, batch by batch in turn with storyline so both
see the same machine load. The other peers are the benchmark's published outputs, scored by
the same scorer (which reproduces the published table exactly). Speed is pages per second of
the whole clean stage (extraction, debris, repair, date, language, sentences) against
trafilatura's extraction alone.
"""

from __future__ import annotations

import argparse

from benchmarks.extraction_common import (
    AEB_REFERENCE_SYSTEMS,
    aeb_gold,
    aeb_pages,
    aeb_reference,
    aeb_score,
    side_by_side,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (median shown)")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    args = parser.parse_args()
    gold = aeb_gold()
    pages = aeb_pages(args.limit)
    gold = {page.key: gold[page.key] for page in pages}
    run = side_by_side(pages, args.repeat)
    ours, theirs, ratio = run.rates(len(pages))
    rows = [("storyline", aeb_score(run.storyline_text(), gold), f"{ours:.1f}")]
    rows.append(("trafilatura (same run)", aeb_score(run.trafilatura, gold), f"{theirs:.1f}"))
    for system in AEB_REFERENCE_SYSTEMS:
        outputs = aeb_reference(system)
        rows.append((f"{system} (published)", aeb_score(outputs, gold), "-"))
    print(f"ScrapingHub AEB: {len(pages)} pages, {args.repeat} timing runs (median)")
    print(f"{'system':<28}{'F1':>7}{'P':>7}{'R':>7}{'acc':>7}{'pages/s':>9}")
    for name, score, rate in rows:
        print(
            f"{name:<28}{score.f1:>7.3f}{score.precision:>7.3f}{score.recall:>7.3f}"
            f"{score.accuracy:>7.3f}{rate:>9}"
        )
    print(f"throughput ratio storyline / trafilatura: {ratio:.2f}")


if __name__ == "__main__":
    main()
