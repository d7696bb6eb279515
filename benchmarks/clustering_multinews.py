"""Multi-News validation regrouping: storyline's clusterer against TF-IDF + agglomerative.

    .venv/bin/python -m benchmarks.clustering_multinews [--clusters N]

Protocol of ../shared/BENCHMARKS.md: documents kept by Multi-News+ with at least 20 words,
shuffled, grouped again; gold story = cluster id. The peer's distance threshold is tuned
here on the tuning half (first half of the clusters by id); storyline's thresholds were
tuned on the same half by `benchmarks.clustering_fit` and are read from `fitted.json`. Both
are scored on the reporting half, in this run. `--clusters N` keeps N clusters per half.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from benchmarks.clustering_data import (
    Scores,
    as_article,
    cluster_labels,
    multinews_halves,
    peer_labels,
    peer_similarities,
    scores,
)
from storyline.cluster import fitted_params

PEER_THRESHOLDS = tuple(round(t, 3) for t in np.arange(0.70, 0.925, 0.025))


def tune_peer(records: list[dict[str, str]]) -> tuple[float, Scores]:
    similarities = peer_similarities([r["text"] for r in records])
    gold = [r["story"] for r in records]
    tried = [(t, scores(gold, peer_labels(similarities, t))) for t in PEER_THRESHOLDS]
    return max(tried, key=lambda pair: pair[1].f1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clusters", type=int, default=None)
    args = parser.parse_args()
    tuning, reporting = multinews_halves(args.clusters)
    print(
        f"tuning half {len(tuning)} documents / {len({r['story'] for r in tuning})} stories; "
        f"reporting half {len(reporting)} / {len({r['story'] for r in reporting})}"
    )
    threshold, tuned = tune_peer(tuning)
    print(f"peer tuned on the tuning half: distance {threshold}  {tuned.row()}")

    gold = [r["story"] for r in reporting]
    started = time.perf_counter()
    peer = scores(gold, peer_labels(peer_similarities([r["text"] for r in reporting]), threshold))
    peer_seconds = time.perf_counter() - started

    params = fitted_params()
    articles = [as_article(r) for r in reporting]
    started = time.perf_counter()
    ours = scores(gold, cluster_labels(articles, params))
    our_seconds = time.perf_counter() - started

    print(f"reporting half, {len(reporting)} documents:")
    print(f"  storyline  {ours.row()}  {our_seconds:.1f} s")
    print(f"  peer       {peer.row()}  {peer_seconds:.1f} s")
    print(f"  B-cubed F1 difference: {ours.f1 - peer.f1:+.4f}")


if __name__ == "__main__":
    main()
