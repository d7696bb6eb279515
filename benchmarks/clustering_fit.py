"""Fit the clusterer's thresholds and hubness weight on the Multi-News tuning half.

    .venv/bin/python -m benchmarks.clustering_fit [--write]

A grid over (hubness weight, join threshold, merge threshold), scored by B-cubed F1 on the
tuning half only (the first half of the validation clusters by id); `--write` stores the
best in `src/storyline/cluster/fitted.json`. The reporting half is never read here.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.clustering_data import as_article, multinews_halves, scores
from storyline.cluster import ClusterParams, StoryClusterer
from storyline.model import Article

FITTED = Path(__file__).resolve().parents[1] / "src" / "storyline" / "cluster" / "fitted.json"
HUBNESS_WEIGHTS = (0.75, 1.0)
JOIN_THRESHOLDS = (0.12, 0.14, 0.16)
MERGE_BELOW_JOIN = (0.04, 0.06)


def cluster_labels(articles: list[Article], params: ClusterParams) -> list[int]:
    clusterer = StoryClusterer(params)
    clusterer.add(articles)
    label = {i: n for n, ids in enumerate(clusterer.finish()) for i in ids}
    return [label[a.id] for a in articles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="store the best in fitted.json")
    args = parser.parse_args()
    tuning, _ = multinews_halves()
    articles = [as_article(r) for r in tuning]
    gold = [r["story"] for r in tuning]
    print(f"tuning half: {len(articles)} documents, {len(set(gold))} stories")
    results = []
    for hubness in HUBNESS_WEIGHTS:
        for join in JOIN_THRESHOLDS:
            for below in MERGE_BELOW_JOIN:
                params = replace(
                    ClusterParams(),
                    hubness_weight=hubness,
                    join_threshold=join,
                    merge_threshold=round(join - below, 3),
                )
                started = time.perf_counter()
                result = scores(gold, cluster_labels(articles, params))
                seconds = time.perf_counter() - started
                results.append((result.f1, params, result))
                print(
                    f"hubness {hubness:.1f} join {join:.2f} merge {params.merge_threshold:.2f}"
                    f"  {result.row()}  {seconds:.1f} s",
                    flush=True,
                )
    best_f1, best, best_scores = max(results, key=lambda r: r[0])
    print(f"best on the tuning half: {best_scores.row()}")
    fitted = {
        "join_threshold": best.join_threshold,
        "merge_threshold": best.merge_threshold,
        "hubness_weight": best.hubness_weight,
        "hubness_neighbours": best.hubness_neighbours,
    }
    print(json.dumps(fitted))
    if args.write:
        note = (
            "python -m benchmarks.clustering_fit --write: grid on the Multi-News validation "
            f"tuning half ({len(articles)} documents), B-cubed F1 {best_f1:.4f} there"
        )
        FITTED.write_text(json.dumps({"params": fitted, "fitted_on": note}, indent=2) + "\n")
        print(f"wrote {FITTED}")


if __name__ == "__main__":
    main()
