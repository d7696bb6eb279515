"""UCI News Aggregator headlines replayed in time order, against TF-IDF + agglomerative.

    .venv/bin/python -m benchmarks.clustering_uci

6,366 headlines (87 Google News stories, 36 hours). Stories are split by their first
timestamp: the earlier half tunes the peer's distance threshold, the later half is scored.
storyline runs with its shipped settings: its headline-length thresholds were fitted by
`benchmarks.clustering_fit` on the same earlier half (jittered replay), never on the later
one. In this file the timestamps are crawl order, so each story is one contiguous
block and a time-ordered replay is easy; the second replay moves every headline to a random
moment within its 6-hour window, so stories interleave.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
from collections.abc import Sequence
from datetime import UTC, datetime

from benchmarks.clustering_data import (
    Scores,
    cluster_labels,
    peer_labels,
    peer_similarities,
    scores,
)
from benchmarks.clustering_multinews import PEER_THRESHOLDS
from benchmarks.shared_data import SHARED_DATA, require
from storyline.cluster import fitted_params
from storyline.model import Article, PublicationDate

HEADLINES = (
    SHARED_DATA / "news-clustering" / "uci-news-aggregator-head" / "uci_news_aggregator_head.csv.gz"
)
JITTER_SECONDS = 6 * 3600
# Headlines are short: the peer's best cut lies further out than on articles.
PEER_THRESHOLDS_HEADLINES = (*PEER_THRESHOLDS, 0.95, 0.975, 0.99)


def read_rows() -> list[dict[str, str]]:
    with gzip.open(require(HEADLINES), "rb") as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))


def as_articles(rows: Sequence[dict[str, str]], jitter: bool) -> list[Article]:
    shuffle = random.Random(5)
    articles = []
    for row in rows:
        seconds = int(row["TIMESTAMP"]) / 1000
        if jitter:
            window = seconds - seconds % JITTER_SECONDS
            seconds = window + shuffle.uniform(0, JITTER_SECONDS)
        moment = datetime.fromtimestamp(seconds, tz=UTC)
        articles.append(
            Article(
                id=row["ID"],
                source_key=row["URL"],
                content_hash=row["ID"],
                kind="jsonl",
                text=row["TITLE"],
                source=row["PUBLISHER"],
                language="en",
                published=PublicationDate(moment.date(), moment, "metadata", 1.0),
            )
        )
    return articles


def peer_scores(rows: Sequence[dict[str, str]], threshold: float) -> Scores:
    labels = peer_labels(peer_similarities([r["TITLE"] for r in rows]), threshold)
    return scores([r["STORY"] for r in rows], labels)


def split_by_first_seen(
    rows: Sequence[dict[str, str]],
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(tuning, reporting) headlines: the stories first seen earlier tune, the rest report."""
    first_seen: dict[str, int] = {}
    for row in rows:
        first_seen.setdefault(row["STORY"], int(row["TIMESTAMP"]))
    ordered = sorted(first_seen, key=first_seen.__getitem__)
    tuning_stories = set(ordered[: len(ordered) // 2])
    tuning = [r for r in rows if r["STORY"] in tuning_stories]
    reporting = [r for r in rows if r["STORY"] not in tuning_stories]
    return tuning, reporting


def main() -> None:
    rows = read_rows()
    tuning, reporting = split_by_first_seen(rows)
    print(
        f"{len(rows)} headlines; tuning {len(tuning)} ({len({r['STORY'] for r in tuning})} "
        f"stories), reporting {len(reporting)} ({len({r['STORY'] for r in reporting})} stories)"
    )
    tried = [(t, peer_scores(tuning, t)) for t in PEER_THRESHOLDS_HEADLINES]
    threshold, tuned = max(tried, key=lambda pair: pair[1].f1)
    print(f"peer tuned on the tuning stories: distance {threshold}  {tuned.row()}")
    print(f"peer (order-free)          {peer_scores(reporting, threshold).row()}")
    gold = {r["ID"]: r["STORY"] for r in reporting}
    params = fitted_params()
    for name, jitter in (("time order", False), ("jittered 6 h", True)):
        articles = as_articles(reporting, jitter)
        labels = cluster_labels(articles, params)
        print(f"storyline, {name:<13}{scores([gold[a.id] for a in articles], labels).row()}")


if __name__ == "__main__":
    main()
