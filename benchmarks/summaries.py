"""Multi-document summaries: storyline against lead, random, LexRank, TextRank and LSA.

    .venv/bin/python -m benchmarks.summaries --sets fulltext val-held --val-stride 4

For each cluster, the documents go through storyline's clean stage once (untimed); every
system then gets the same cleaned texts and the same word budget (whole sentences). Timed
per system: sentence splitting plus summarizing. ROUGE follows `../shared/BENCHMARKS.md`.
`val-held` is the second half of the Multi-News validation clusters by id, never used for
fitting (`benchmarks.summary_fit` fits on the first half); `--val-stride` takes every n-th.
`val-tune` (the odd-numbered clusters of the first half, which `summary_fit` checks on) is
where designs are compared; `val-fit` is the whole first half.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from benchmarks.summary_data import Cluster, fulltext_clusters, story_of, val_clusters
from benchmarks.summary_peers import PEERS, Summarizer
from benchmarks.summary_scoring import METRICS, Tally
from storyline.clean import CleanStage
from storyline.clean.sentences import split_sentences
from storyline.model import Story
from storyline.synthesize.summarize import summarize

REFERENCE_PEER = "lexrank"


def storyline_summarizer(story: Story) -> Summarizer:
    """storyline on the story's articles, re-splitting sentences inside the timer (as peers do)."""

    def run(texts: Sequence[str], budget: int) -> list[str]:
        articles = tuple(replace(a, sentences=split_sentences(a.text)) for a in story.articles)
        return [s.text for s in summarize(replace(story, articles=articles), budget)]

    return run


def load_set(name: str, stride: int) -> list[Cluster]:
    if name == "fulltext":
        return fulltext_clusters()
    if name == "val-held":
        return val_clusters("held", stride)
    if name == "val-fit":
        return val_clusters("fit", stride)
    if name == "val-tune":
        return val_clusters("tune", stride)
    raise SystemExit(f"unknown set {name!r}: fulltext, val-held, val-fit or val-tune")


def paired_interval(
    ours: list[float], theirs: list[float], draws: int = 2000
) -> tuple[float, float]:
    """95% bootstrap interval of the mean per-cluster difference."""
    differences = [a - b for a, b in zip(ours, theirs, strict=True)]
    rng = random.Random(7)
    means = sorted(
        statistics.fmean(rng.choices(differences, k=len(differences))) for _ in range(draws)
    )
    return means[int(0.025 * draws)], means[int(0.975 * draws)]


def evaluate(
    clusters: list[Cluster], systems: list[str], budget: int, repeat: int
) -> dict[str, Tally]:
    cleaner = CleanStage()
    tallies = {name: Tally() for name in systems}
    seconds: dict[str, list[float]] = {name: [0.0] * repeat for name in systems}
    for cluster in clusters:
        story = story_of(cluster, cleaner)
        if story is None:
            continue
        texts = [a.text for a in story.articles]
        runners: dict[str, Callable[[Sequence[str], int], list[str]]] = {
            name: storyline_summarizer(story) if name == "storyline" else PEERS[name]
            for name in systems
        }
        for round_ in range(repeat):
            for name, summarizer in runners.items():
                started = time.perf_counter()
                summary = summarizer(texts, budget)
                seconds[name][round_] += time.perf_counter() - started
                if round_ == 0:
                    tallies[name].add(summary, cluster.reference, 0.0)
    for name in systems:
        tallies[name].seconds = statistics.median(seconds[name])
    return tallies


def report(set_name: str, tallies: dict[str, Tally], budget: int) -> dict[str, object]:
    count = len(next(iter(tallies.values())).scores)
    print(f"\n{set_name}: {count} clusters, {budget} words, ROUGE F1 (points)")
    print(f"{'system':<11}{'R1':>7}{'R2':>7}{'RLsum':>7}{'words':>7}{'clusters/s':>12}")
    rows: dict[str, object] = {}
    for name, tally in tallies.items():
        means = [tally.mean(m) for m in METRICS]
        words = statistics.fmean(tally.words) if tally.words else 0.0
        print(
            f"{name:<11}{means[0]:>7.2f}{means[1]:>7.2f}{means[2]:>7.2f}"
            f"{words:>7.0f}{tally.clusters_per_second:>12.2f}"
        )
        rows[name] = {
            **dict(zip(METRICS, means, strict=True)),
            "words": words,
            "clusters_per_second": tally.clusters_per_second,
        }
    if "storyline" in tallies and REFERENCE_PEER in tallies:
        ours, theirs = tallies["storyline"], tallies[REFERENCE_PEER]
        for metric in METRICS:
            low, high = paired_interval(
                [s[metric] for s in ours.scores], [s[metric] for s in theirs.scores]
            )
            delta = ours.mean(metric) - theirs.mean(metric)
            interval = f"95% CI {low:+.2f}..{high:+.2f}"
            print(f"storyline - {REFERENCE_PEER} {metric}: {delta:+.2f} ({interval})")
        speed = ours.clusters_per_second / theirs.clusters_per_second
        print(f"speed storyline / {REFERENCE_PEER}: {speed:.2f}x")
    return {"clusters": count, "systems": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", nargs="+", default=["fulltext", "val-held"])
    parser.add_argument("--systems", nargs="+", default=["storyline", *PEERS])
    parser.add_argument("--budget", type=int, default=250)
    parser.add_argument("--val-stride", type=int, default=4)
    parser.add_argument("--limit", type=int, default=0, help="at most this many clusters a set")
    parser.add_argument("--repeat", type=int, default=1, help="timing rounds (median shown)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results = {}
    for set_name in args.sets:
        clusters = load_set(set_name, args.val_stride)
        if args.limit:
            clusters = clusters[: args.limit]
        tallies = evaluate(clusters, args.systems, args.budget, args.repeat)
        results[set_name] = report(set_name, tallies, args.budget)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
