"""SemEval-2022 Task 8 pairs as a same-story classifier: accuracy at a fitted threshold.

    .venv/bin/python -m benchmarks.clustering_semeval

A pair is "same story" when its annotators' `overall` score is at most 2.5 (1 = very
similar, 4 = very dissimilar; rounded 1 and 2). Pairs are split by a stable hash of their
id into a fitting half and a reporting half; each scorer's threshold is the one with the best
accuracy on the fitting half, and accuracy is reported on the other half, overall and by
language group. Scorers, in the same run:

* storyline: the clusterer's join score for two one-article stories (its vectors, IDF over
  every text of the set, hubness among them, the shipped hubness weight);
* peer: scikit-learn TF-IDF (sublinear, English stop words) cosine.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from benchmarks.shared_data import SHARED_DATA, read_jsonl_gz
from storyline.cluster import ClusterParams, fitted_params
from storyline.cluster.clusterer import _hubness_among
from storyline.cluster.vectors import ArticleVectorizer
from storyline.model import Article

PAIRS = SHARED_DATA / "news-clustering" / "semeval2022-task8-pairs" / "pairs.jsonl.gz"


def _article(key: str, text: str) -> Article:
    return Article(id=key, source_key=key, content_hash=key, kind="jsonl", text=text)


def storyline_scores(
    texts: Sequence[str], pairs: Sequence[tuple[int, int]], params: ClusterParams
) -> np.ndarray:
    vectorizer = ArticleVectorizer(params.title_weight, params.name_weight)
    counts = vectorizer.term_counts([_article(str(i), t) for i, t in enumerate(texts)])
    vectorizer.observe(counts)
    vectors = vectorizer.transform(counts)
    hubness = _hubness_among(vectors, params.hubness_neighbours)
    out = []
    for a, b in pairs:
        cosine = float(vectors[a].multiply(vectors[b]).sum())
        out.append(cosine - params.hubness_weight * (hubness[a] + hubness[b]) / 2)
    return np.array(out)


def peer_scores(texts: Sequence[str], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    return np.array([float(vectors[a].multiply(vectors[b]).sum()) for a, b in pairs])


def best_threshold(values: np.ndarray, labels: np.ndarray) -> float:
    candidates = np.unique(values)
    accuracy = [((values >= t) == labels).mean() for t in candidates]
    return float(candidates[int(np.argmax(accuracy))])


def read_pairs() -> tuple[list[dict[str, Any]], list[str], list[tuple[int, int]]]:
    """The rows, the distinct texts, and each row's pair as positions in the texts."""
    rows = list(read_jsonl_gz(PAIRS))
    texts: list[str] = []
    position: dict[str, int] = {}
    pairs = []
    for row in rows:
        ends = []
        for side in ("1", "2"):
            key = row["id" + side]
            if key not in position:
                position[key] = len(texts)
                texts.append(row["text" + side])
            ends.append(position[key])
        pairs.append((ends[0], ends[1]))
    return rows, texts, pairs


def fitting_half(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    return np.array([zlib.crc32(row["pair_id"].encode()) % 2 == 0 for row in rows])


def same_story(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    return np.array([row["overall"] <= 2.5 for row in rows])


def main() -> None:
    rows, texts, pairs = read_pairs()
    labels = same_story(rows)
    fitting = fitting_half(rows)
    groups = {
        "en-en": np.array([r["lang1"] == r["lang2"] == "en" for r in rows]),
        "other same-language": np.array([r["lang1"] == r["lang2"] != "en" for r in rows]),
        "cross-language": np.array([r["lang1"] != r["lang2"] for r in rows]),
    }
    print(
        f"{len(rows)} pairs ({labels.mean():.1%} same story); fitting {fitting.sum()}, "
        f"reporting {(~fitting).sum()}"
    )
    for name, values in (
        ("storyline", storyline_scores(texts, pairs, fitted_params())),
        ("peer", peer_scores(texts, pairs)),
    ):
        threshold = best_threshold(values[fitting], labels[fitting])
        predicted = values >= threshold
        report = ~fitting
        parts = [f"all {(predicted == labels)[report].mean():.3f}"]
        for group, mask in groups.items():
            chosen = report & mask
            parts.append(f"{group} {(predicted == labels)[chosen].mean():.3f} (n={chosen.sum()})")
        print(f"{name:<10} threshold {threshold:.3f}  accuracy: " + ", ".join(parts))
    majority = max(labels[~fitting].mean(), 1 - labels[~fitting].mean())
    print(f"majority class on the reporting half: {majority:.3f}")


if __name__ == "__main__":
    main()
