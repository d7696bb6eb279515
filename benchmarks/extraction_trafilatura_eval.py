"""trafilatura's own evaluation set: segment precision, recall, accuracy and F1 of storyline
and of trafilatura alone, side by side in the same run.

    .venv/bin/python -m benchmarks.extraction_trafilatura_eval --repeat 1

Scoring follows trafilatura's evaluation code: whitespace-normalised output, each "with"
segment found is a true positive, each "without" segment found a false positive, counts
summed over the 990 pages. storyline runs as `storyline run page.html` would; trafilatura
with the project's canonical benchmark settings (tables in, comments out, fallbacks on).

The set's "with" segments include page headlines, which trafilatura leaves in its text and
storyline moves to the article's title: storyline is scored on its title line followed by
its text (what it outputs as the article), and, for comparison, on its text alone.
"""

from __future__ import annotations

import argparse

from benchmarks.extraction_common import segment_score, side_by_side, trafilatura_eval_pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="timing runs (median shown)")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    args = parser.parse_args()
    items = trafilatura_eval_pages(args.limit)
    run = side_by_side([item.page for item in items], args.repeat)
    ours, theirs, ratio = run.rates(len(items))
    print(f"trafilatura evaluation set: {len(items)} pages, {args.repeat} timing runs (median)")
    print(f"{'system':<24}{'P':>7}{'R':>7}{'acc':>7}{'F1':>8}{'pages/s':>9}")
    for name, outputs, rate in (
        ("storyline title + text", run.storyline_text(with_title=True), f"{ours:.1f}"),
        ("storyline text only", run.storyline_text(), f"{ours:.1f}"),
        ("trafilatura (same run)", run.trafilatura, f"{theirs:.1f}"),
    ):
        score = segment_score(outputs, items)
        print(
            f"{name:<24}{score.precision:>7.3f}{score.recall:>7.3f}{score.accuracy:>7.3f}"
            f"{score.f1:>7.4f}{rate:>9}"
        )
    print(f"throughput ratio storyline / trafilatura: {ratio:.2f}")


if __name__ == "__main__":
    main()
