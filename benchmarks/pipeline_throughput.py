"""End-to-end throughput of `storyline run`, per stage, with peak memory, on JSONL input.

    .venv/bin/python -m benchmarks.pipeline_throughput --articles 5000
    nice -n 10 .venv/bin/python -m benchmarks.pipeline_throughput --articles 50000 --every 120

Input: Multi-News validation documents (12,461 kept: `multinews_documents`) as JSON Lines
in a temporary folder. Each record gets a publication time, 2,000 documents a day in the
data's order from 2026-01-05, so one pass over the data spans about 6.2 days.

Sizes beyond the data are filled with replicas; replica r (r = 1, 2, ...) of a document:
- has fresh ids: `id` and `story` get the suffix `-r<r>`;
- is published `r * replica_weeks()` weeks after its original, the smallest whole number of
  weeks that exceeds one pass (6.2 days) plus the clusterer's window (7 days, closing a
  story after 7 quiet days), i.e. 2 weeks: a replica never meets its original or another
  replica in the clusterer's window, and forms stories of its own, as new articles would;
- has half of its lowercase words of four letters or more (not parts of contractions,
  hyphenated words or entities), chosen by a random generator seeded with the document id
  and r, rotated among themselves: each chosen word takes the place of the next chosen one.
  Word count, sentences, names, numbers, quotes, punctuation and the document's bag of
  words are unchanged, so cleaning, parsing and clustering have the same amount of work;
  but most word trigrams are new, so the exact and the near-duplicate stages (word-trigram
  containment 0.8) do not fold replicas into their originals. The harness prints the
  measured containment of replica vs original and of replica vs replica on 1,000
  documents, to show it.

The real command runs in a subprocess with a fresh store, its stderr on a pseudo-terminal
(`run_monitor`): progress and memory are printed every `--every` seconds, and a run
stopped by `--time-limit` (or Ctrl-C) still reports how far each stage got. At the end:
per-stage seconds and items/s (from `--stats-json`), end-to-end articles/s (wall time,
process start and model loads included), CPU seconds per article of the whole process
tree, and the peak memory of the process tree (summed PSS and summed RSS) and of the main
process.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.run_monitor import Observed, describe, watch
from benchmarks.shared_data import multinews_documents
from storyline.cluster.params import fitted_params
from storyline.dedupe.near import shingles

START = datetime(2026, 1, 5, tzinfo=UTC)
PER_DAY = 2_000
ROTATED_SHARE = 0.5
MEMORY_LIMIT_MB = 2048
_ROTATABLE = re.compile(r"(?<![&#'’\w-])[a-z]{4,}\b(?![;'’-])")
"""Lowercase words of 4+ letters: not names, not sentence starts, not `&nbsp;` entities."""


def replica_weeks(documents: int) -> int:
    """Whole weeks between replicas: one pass over the data plus the clusterer's window."""
    span_days = documents / PER_DAY
    return math.floor((span_days + fitted_params().window_days) / 7) + 1


def rotate_words(text: str, seed: str) -> str:
    """`text` with ROTATED_SHARE of its rotatable words moved one chosen place along."""
    spans = [m.span() for m in _ROTATABLE.finditer(text)]
    chosen = sorted(random.Random(seed).sample(range(len(spans)), int(len(spans) * ROTATED_SHARE)))
    if len(chosen) < 2:
        return text
    words = [text[slice(*spans[i])] for i in chosen]
    moved = dict(zip(chosen, words[1:] + words[:1], strict=True))
    pieces, position = [], 0
    for index, (start, end) in enumerate(spans):
        if index in moved:
            pieces += [text[position:start], moved[index]]
            position = end
    return "".join(pieces) + text[position:]


def containment(left: str, right: str) -> float:
    """Share of the smaller text's word trigrams found in the other (as near-dedupe does)."""
    a, b = shingles(left), shingles(right)
    return len(a & b) / max(min(len(a), len(b)), 1)


def jsonl_records(count: int) -> tuple[list[dict[str, str]], int]:
    """`count` records and how many replicas of the data they needed."""
    base = multinews_documents(10**9)
    weeks = replica_weeks(len(base))
    records = []
    for index in range(count):
        replica, position = divmod(index, len(base))
        record = dict(base[position])
        moment = START + timedelta(days=position / PER_DAY, weeks=replica * weeks)
        record["published"] = moment.isoformat()
        if replica:
            record["id"] = f"{record['id']}-r{replica}"
            record["story"] = f"{record['story']}-r{replica}"
            record["text"] = rotate_words(record["text"], record["id"])
        records.append(record)
    return records, (count - 1) // len(base)


def distinctness(sample: int = 1000) -> str:
    """Median and maximum trigram containment: replica 1 vs original, replica 1 vs 2."""
    base = multinews_documents(sample)
    first = [rotate_words(r["text"], f"{r['id']}-r1") for r in base]
    second = [rotate_words(r["text"], f"{r['id']}-r2") for r in base]
    lines = []
    for label, pairs in (
        ("replica vs original", zip(first, (r["text"] for r in base), strict=True)),
        ("replica vs replica", zip(first, second, strict=True)),
    ):
        values = [containment(a, b) for a, b in pairs]
        lines.append(f"{label} median {statistics.median(values):.2f} max {max(values):.2f}")
    return f"trigram containment on {sample} documents (folded at 0.8): " + "; ".join(lines)


def storyline_command(corpus: Path, work: Path, extra: list[str]) -> list[str]:
    for stale in work.glob("bench.db*"):
        stale.unlink()
    places = ["--db", str(work / "bench.db"), "--out", str(work / "out")]
    stats = ["--stats-json", str(work / "stats.json")]
    return [sys.executable, "-m", "storyline", "run", str(corpus), *places, *stats, *extra]


def copies_marked(work: Path) -> int:
    """Articles the run marked as copies of another (exact or near duplicates)."""
    stories = json.loads((work / "out" / "stories.json").read_text())["stories"]
    return sum(1 for story in stories for a in story["articles"] if a.get("duplicate_of"))


def report(
    label: str, articles: int, runs: list[tuple[Observed, dict[str, dict[str, float]]]]
) -> None:
    """Medians over runs of wall and stage seconds; the peaks are the highest of any run."""
    observed = [o for o, _ in runs]
    wall = statistics.median(o.wall for o in observed)
    cpu = statistics.median(o.cpu for o in observed)
    tree_mb = max(o.peak_tree_mb for o in observed)
    print(f"{label}, {len(runs)} run(s), medians shown")
    print(
        f"end to end: {wall:.1f} s wall, {articles / wall:.1f} articles/s "
        f"(process start and model loads included); CPU {cpu:.1f} s of the process tree, "
        f"{cpu / articles * 1000:.1f} CPU-ms per article"
    )
    pss_mb = max(o.peak_tree_pss_mb for o in observed)
    print(
        f"peak memory of the process tree: PSS {pss_mb:.0f} MB "
        f"({'under' if pss_mb < MEMORY_LIMIT_MB else 'OVER'} {MEMORY_LIMIT_MB} MB), summed RSS "
        f"{tree_mb:.0f} MB (main process {max(o.peak_main_mb for o in observed):.0f} MB, at most "
        f"{max(o.peak_processes for o in observed)} processes)"
    )
    first = runs[0][1]
    print(f"{'stage':<12}{'in':>8}{'out':>8}{'seconds':>10}{'items/s':>10}  dropped")
    for name, row in first.items():
        seconds = statistics.median(stages[name]["seconds"] for _, stages in runs)
        rate = row["in"] / seconds if seconds else float("inf")
        dropped = row["dropped"] or "-"
        print(f"{name:<12}{row['in']:>8}{row['out']:>8}{seconds:>10.2f}{rate:>10.1f}  {dropped}")


def report_stopped(label: str, observed: Observed) -> None:
    print(f"{label}: STOPPED after {observed.wall:.0f} s, before the command finished")
    print(
        f"at that point: CPU {observed.cpu:.0f} s of the process tree; peak PSS "
        f"{observed.peak_tree_pss_mb:.0f} MB tree; peak RSS {observed.peak_tree_mb:.0f} MB tree "
        f"(summed), {observed.peak_main_mb:.0f} MB main process "
        f"({observed.peak_processes} processes at most)"
    )
    print(f"stages so far (progress bars: done/total in elapsed): {describe(observed.progress)}")


def measure(
    label: str,
    articles: int,
    write_corpus: Callable[[Path], Path],
    args: argparse.Namespace,
    extra: list[str],
) -> None:
    """Write the corpus, run the command `args.repeat` times and print the figures."""
    runs: list[tuple[Observed, dict[str, dict[str, float]]]] = []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = write_corpus(work)
        print(f"{label}: {corpus.stat().st_size / 2**20:.0f} MB input", flush=True)
        for _ in range(args.repeat):
            observed = watch(storyline_command(corpus, work, extra), args.time_limit, args.every)
            if not observed.finished:
                report_stopped(label, observed)
                print(
                    f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} at the stop"
                )
                return
            rows = json.loads((work / "stats.json").read_text())["stages"]
            runs.append((observed, {row["stage"]: row for row in rows}))
            print(f"articles marked as copies of another: {copies_marked(work)}", flush=True)
    report(label, articles, runs)
    after = os.getloadavg()[0]
    print(f"load average {load_before:.1f} before, {after:.1f} after; {os.cpu_count()} cores")


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--every", type=float, default=60.0, help="seconds between progress lines")
    parser.add_argument("--time-limit", type=float, help="stop the run after this many seconds")
    parser.add_argument(
        "--keep", metavar="DIR", help="work in DIR and keep input, store and outputs there"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--given-stories", action="store_true")
    add_run_options(parser)
    args = parser.parse_args()
    records, replicas = jsonl_records(args.articles)
    if replicas:
        print(distinctness())

    def write_corpus(work: Path) -> Path:
        corpus = work / "articles.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(record) + "\n" for record in records)
        return corpus

    label = f"{len(records)} Multi-News validation articles as JSONL ({replicas} replica(s))"
    extra = ["--given-stories"] if args.given_stories else []
    measure(label, len(records), write_corpus, args, extra)


if __name__ == "__main__":
    main()
