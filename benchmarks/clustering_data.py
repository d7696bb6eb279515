"""What the clustering harnesses share: the Multi-News halves, metrics, the peer, articles.

The tuning half is the first half of the Multi-News validation clusters by id, the
reporting half the rest; documents are those the shared protocol keeps (`mnplus_keep`, at
least 20 words), shuffled with a fixed seed because Multi-News has no dates. Each document's
id starts with its place in the shuffle: the clusterer takes undated articles in id order,
and the original ids (`multinews-val-<cluster>-<n>`) would hand it the documents grouped by
their gold story.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from benchmarks.shared_data import multinews_documents
from storyline.cluster import ClusterParams, StoryClusterer
from storyline.model import Article

SEED = 13


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    pairwise_f1: float

    def row(self) -> str:
        return (
            f"B3 P {self.precision:.4f}  R {self.recall:.4f}  F1 {self.f1:.4f}  "
            f"pairwise F1 {self.pairwise_f1:.4f}"
        )


def scores(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> Scores:
    """B-cubed precision, recall, F1 (per document, averaged) and pairwise F1."""
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    both = Counter(zip(gold, predicted, strict=True))
    n = len(gold)
    precision = (
        sum(both[(g, p)] / predicted_sizes[p] for g, p in zip(gold, predicted, strict=True)) / n
    )
    recall = sum(both[(g, p)] / gold_sizes[g] for g, p in zip(gold, predicted, strict=True)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def pairs(counts: Counter[Hashable] | Counter[tuple[Hashable, Hashable]]) -> float:
        return sum(c * (c - 1) / 2 for c in counts.values())

    true_pairs, predicted_pairs, gold_pairs = pairs(both), pairs(predicted_sizes), pairs(gold_sizes)
    denominator = predicted_pairs + gold_pairs
    pairwise = 2 * true_pairs / denominator if denominator else 1.0
    return Scores(precision, recall, f1, pairwise)


def multinews_halves(limit_clusters: int | None = None) -> tuple[list[dict[str, str]], ...]:
    """(tuning, reporting) documents; `limit_clusters` keeps that many clusters per half."""
    records = multinews_documents(10**9)
    ids = sorted({r["story"] for r in records})
    tuning_ids, reporting_ids = ids[: len(ids) // 2], ids[len(ids) // 2 :]
    if limit_clusters is not None:
        tuning_ids, reporting_ids = tuning_ids[:limit_clusters], reporting_ids[:limit_clusters]
    halves = []
    for wanted in (set(tuning_ids), set(reporting_ids)):
        half = [r for r in records if r["story"] in wanted]
        random.Random(SEED).shuffle(half)
        halves.append([{**r, "id": f"{rank:06d}-{r['id']}"} for rank, r in enumerate(half)])
    return tuple(halves)


def as_article(record: dict[str, str], published: object = None) -> Article:
    return Article(
        id=record["id"],
        source_key=f"bench:{record['id']}",
        content_hash=record["id"],
        kind="jsonl",
        text=record["text"],
        title=record.get("title"),
        language="en",
        published=published,  # type: ignore[arg-type]
    )


def peer_similarities(texts: Sequence[str]) -> np.ndarray:
    """The peer's cosine similarities: TF-IDF (sublinear, English stop words)."""
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    return np.asarray((vectors @ vectors.T).toarray())


def peer_labels(similarities: np.ndarray, distance_threshold: float) -> list[int]:
    """Agglomerative clustering, average linkage, cut at a cosine distance."""
    distances = np.clip(1.0 - similarities, 0.0, 2.0)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=distance_threshold,
    )
    return [int(label) for label in model.fit_predict(distances)]


def cluster_labels(articles: Sequence[Article], params: ClusterParams) -> list[int]:
    """storyline's story of each article, as a number, in the order given."""
    clusterer = StoryClusterer(params)
    clusterer.add(articles)
    label = {i: n for n, ids in enumerate(clusterer.finish()) for i in ids}
    return [label[a.id] for a in articles]
