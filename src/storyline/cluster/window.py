"""The open stories, each kept as one compact row: the sum of its articles' vectors.

A story's average cosine to an article is that row's dot product with the article's vector
divided by the story's size, so articles need not be kept once they are placed. The rows
form one sparse matrix whose columns are terms; an article's product with it walks the
postings of the article's terms only, which makes the matrix the inverted index that
candidate stories come from. Each row keeps at most `key_terms`
terms (the heaviest), so a long-running story costs the index no more than a few articles
do. When a story closes its row leaves, so memory is bounded by the window (days of
inactivity) and by a cap on the number of articles the open stories hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from storyline.cluster.vectors import HASH_BITS

_COLUMNS = 1 << HASH_BITS


@dataclass
class OpenStory:
    """What the clusterer keeps of a story while it can still take articles."""

    key: int
    founder: tuple[str, str]  # the publication_order key of its earliest article
    article_ids: list[str]
    hubness_sum: float = 0.0
    first_seen: float | None = None
    last_seen: float | None = None
    last_sequence: int = 0
    neighbourhood: float | None = None  # hubness against every open story, set by merges
    short_articles: int = 0

    @property
    def short(self) -> bool:
        """Told mostly in headline-length articles."""
        return 2 * self.short_articles > self.size

    @property
    def size(self) -> int:
        return len(self.article_ids)

    @property
    def hubness(self) -> float:
        """How close the story comes to the stories it is not part of."""
        if self.neighbourhood is not None:
            return self.neighbourhood
        return self.hubness_sum / self.size if self.size else 0.0

    def add(
        self, article_id: str, order: tuple[str, str], hubness: float, moment: float | None
    ) -> None:
        self.article_ids.append(article_id)
        self.founder = min(self.founder, order)
        self.hubness_sum += hubness
        if moment is not None:
            self.add_moment(moment)

    def absorb(self, other: OpenStory) -> None:
        self.article_ids.extend(other.article_ids)
        self.founder = min(self.founder, other.founder)
        self.hubness_sum += other.hubness_sum
        self.short_articles += other.short_articles
        self.last_sequence = max(self.last_sequence, other.last_sequence)
        self.neighbourhood = None
        for moment in (other.first_seen, other.last_seen):
            if moment is not None:
                self.add_moment(moment)

    def add_moment(self, moment: float) -> None:
        self.first_seen = moment if self.first_seen is None else min(self.first_seen, moment)
        self.last_seen = moment if self.last_seen is None else max(self.last_seen, moment)


def _empty() -> sp.csr_matrix:
    return sp.csr_matrix((0, _COLUMNS), dtype=np.float32)


@dataclass
class StoryIndex:
    """Row i of `sums` is the summed article vectors of the story `keys[i]`."""

    key_terms: int = 400
    sums: sp.csr_matrix = field(default_factory=_empty)
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    articles: int = 0  # how many articles the open stories hold

    @property
    def stories(self) -> int:
        return len(self.keys)

    def rows_of(self, story_keys: np.ndarray) -> np.ndarray:
        """Row positions of the given keys (all must be present)."""
        order = np.argsort(self.keys)
        return np.asarray(order[np.searchsorted(self.keys, story_keys, sorter=order)])

    def add(self, vectors: sp.csr_matrix, story_keys: np.ndarray) -> None:
        """Add each vector to its story's row; keys not yet indexed get a new row."""
        if not len(story_keys):
            return
        new_keys = np.setdiff1d(np.unique(story_keys), self.keys)
        if len(new_keys):
            self.sums = sp.vstack(
                [self.sums, sp.csr_matrix((len(new_keys), _COLUMNS), dtype=np.float32)],
                format="csr",
            )
            self.keys = np.concatenate([self.keys, new_keys])
        rows = self.rows_of(story_keys)
        placement = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, np.arange(len(rows)))),
            shape=(self.stories, len(rows)),
        )
        self.sums = sp.csr_matrix(self.sums + placement @ vectors, dtype=np.float32)
        self.articles += len(story_keys)
        self._prune(np.unique(rows))

    def merge(self, mapping: dict[int, int]) -> None:
        """Fold each absorbed story's row (key) into its keeper's row (value)."""
        if not mapping:
            return
        target_keys = np.array([mapping.get(int(k), int(k)) for k in self.keys], dtype=np.int64)
        kept, target_rows = np.unique(target_keys, return_inverse=True)
        folding = sp.csr_matrix(
            (np.ones(self.stories, dtype=np.float32), (target_rows, np.arange(self.stories))),
            shape=(len(kept), self.stories),
        )
        self.sums = sp.csr_matrix(folding @ self.sums, dtype=np.float32)
        self.keys = kept.astype(np.int64)
        self._prune(self.rows_of(np.fromiter(set(mapping.values()), dtype=np.int64)))

    def drop(self, story_keys: set[int], articles: int) -> None:
        """Forget closed stories, which held `articles` articles between them."""
        if story_keys:
            keep = ~np.isin(self.keys, np.fromiter(story_keys, dtype=np.int64))
            self.sums = self.sums[keep]
            self.keys = self.keys[keep]
            self.articles -= articles

    def _prune(self, rows: np.ndarray) -> None:
        """Keep the `key_terms` heaviest terms of the given rows."""
        lengths = np.diff(self.sums.indptr)
        long_rows = rows[lengths[rows] > self.key_terms]
        if not len(long_rows):
            return
        data = self.sums.data
        for row in long_rows:
            start, end = self.sums.indptr[row], self.sums.indptr[row + 1]
            values = data[start:end]
            cut = np.partition(values, -self.key_terms)[-self.key_terms]
            values[values < cut] = 0.0
        self.sums.eliminate_zeros()
