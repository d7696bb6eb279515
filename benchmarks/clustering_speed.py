"""Clustering speed and growth at 1k, 10k and 100k documents, with peak memory.

    .venv/bin/python -m benchmarks.clustering_speed --sizes 1000 10000 100000 --peer-max 10000

Documents are Multi-News validation documents (12,461 kept); beyond that they are
replicated with fresh ids. Each gets a publication time, 2,000 documents a day in stream
order, so the 7-day window would hold about 14,000. A replica arrives 12,461 documents (6.2
days) after its original, inside the window, so it joins its original's story: past 12,461
documents stories keep growing and stay open, and what the window holds is bounded by the
clusterer's capacity (20,000 articles), the harder case for growth. Each size runs in a
fresh process: `ClusterStage.group` (what `storyline run` calls: clustering, merge pass,
story titles), and the peer (TF-IDF + cosine + agglomerative, average linkage, which needs the full
distance matrix: n² floats, so it stops at `--peer-max`). Peak memory is the child's max RSS,
which includes the interpreter and libraries (about 150-200 MB). CPU seconds are given beside
wall seconds because the machine is shared: when other work holds the cores, wall time
measures the queue, CPU time the work.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from benchmarks.clustering_data import as_article, peer_labels, peer_similarities
from benchmarks.shared_data import multinews_documents
from storyline.cluster import ClusterStage
from storyline.model import Article, PublicationDate

PER_DAY = 2_000
START = datetime(2026, 1, 1, tzinfo=UTC)
PEER_DISTANCE = 0.8  # the peer's threshold tuned by benchmarks.clustering_multinews


def stream(size: int) -> list[Article]:
    base = multinews_documents(10**9)
    articles = []
    for i in range(size):
        record = dict(base[i % len(base)])
        record["id"] = f"{record['id']}-r{i // len(base)}"
        moment = START + timedelta(days=i / PER_DAY)
        published = PublicationDate(moment.date(), moment, "metadata", 1.0)
        articles.append(as_article(record, published))
    return articles


def child(which: str, size: int) -> None:
    articles = stream(size)
    started, cpu_started = time.perf_counter(), time.process_time()
    if which == "storyline":
        stories = len(ClusterStage().group(articles))
    else:
        stories = len(
            set(peer_labels(peer_similarities([a.text for a in articles]), PEER_DISTANCE))
        )
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"seconds": seconds, "cpu_seconds": cpu_seconds, "stories": stories, "rss_mb": rss_mb}
        )
    )


def measure(which: str, size: int) -> dict[str, float]:
    command = [sys.executable, "-m", "benchmarks.clustering_speed", "--child", which, str(size)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--peer-max", type=int, default=10000)
    parser.add_argument("--child", nargs=2, metavar=("WHICH", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    print(
        f"{'documents':>10} {'scorer':<10} {'seconds':>9} {'docs/s':>8} {'CPU s':>8} "
        f"{'docs/CPU-s':>10} {'peak MB':>8} stories"
    )
    for size in args.sizes:
        for which in ("storyline", "peer"):
            if which == "peer" and size > args.peer_max:
                print(
                    f"{size:>10} {which:<10} not run: the n x n distance matrix needs "
                    f"{size * size * 8 / 2**30:.0f} GiB"
                )
                continue
            result = measure(which, size)
            rate = size / result["seconds"]
            cpu_rate = size / result["cpu_seconds"]
            print(
                f"{size:>10} {which:<10} {result['seconds']:>9.1f} {rate:>8.0f} "
                f"{result['cpu_seconds']:>8.1f} {cpu_rate:>10.0f} "
                f"{result['rss_mb']:>8.0f} {result['stories']:.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
