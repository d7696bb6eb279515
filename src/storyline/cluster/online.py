"""Single-pass story assignment over TF-IDF vectors, in publication order.

Each story keeps the sum of its members' vectors as its centroid; an article joins the
story whose centroid is most similar (cosine) when that reaches the threshold, or founds a
new one. Centroids live in one growing float32 matrix and only the article's non-zero
columns are touched, so a step costs stories × (words in the article), not the vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.model import Article

# Chosen on the tuning half of the Multi-News validation regrouping (B-cubed F1 0.89 at 0.2,
# 0.87 at 0.15 and 0.25 on 800 clusters); the reporting half is kept for benchmarks.
DEFAULT_THRESHOLD = 0.2
_TITLE_WEIGHT = 2
_MAX_FEATURES = 30_000


def article_document(article: Article) -> str:
    title = f"{article.title}\n" * _TITLE_WEIGHT if article.title else ""
    return title + article.text


class _Centroids:
    def __init__(self, dimensions: int) -> None:
        self.sums = np.zeros((16, dimensions), dtype=np.float32)
        self.squared_norms = np.zeros(16, dtype=np.float64)
        self.count = 0

    def scores(self, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
        if self.count == 0:
            return np.zeros(0)
        dots = self.sums[: self.count, columns] @ values
        norms = np.sqrt(np.maximum(self.squared_norms[: self.count], 1e-12))
        return np.asarray(dots / norms)

    def add(self, story: int, columns: np.ndarray, values: np.ndarray) -> None:
        if story == self.count:
            if self.count == len(self.sums):
                self.sums = np.vstack([self.sums, np.zeros_like(self.sums)])
                self.squared_norms = np.concatenate(
                    [self.squared_norms, np.zeros_like(self.squared_norms)]
                )
            self.count += 1
        dot = float(self.sums[story, columns] @ values)
        self.squared_norms[story] += 2 * dot + float(values @ values)
        self.sums[story, columns] += values


def assign_stories(articles: Sequence[Article], threshold: float) -> list[list[int]]:
    """Indices of `articles` grouped into stories, each group in the input's order."""
    if len(articles) <= 1:
        return [[i] for i in range(len(articles))]
    vectorizer = TfidfVectorizer(
        sublinear_tf=True, stop_words="english", max_features=_MAX_FEATURES, dtype=np.float32
    )
    try:
        matrix = vectorizer.fit_transform([article_document(a) for a in articles]).tocsr()
    except ValueError:  # nothing but stop words: every article stands alone
        return [[i] for i in range(len(articles))]
    centroids = _Centroids(matrix.shape[1])
    members: list[list[int]] = []
    for index in range(len(articles)):
        row = matrix.getrow(index)
        columns, values = row.indices, row.data.astype(np.float32)
        scores = centroids.scores(columns, values)
        best = int(np.argmax(scores)) if len(scores) else -1
        if best < 0 or scores[best] < threshold:
            best = len(members)
            members.append([])
        centroids.add(best, columns, values)
        members[best].append(index)
    return members
