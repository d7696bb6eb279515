"""The articles of the open stories: their vectors in one sparse matrix, and per-story totals.

Only open stories live here; when a story closes, its rows leave the matrix, so memory is
bounded by the window (days of inactivity) and by a cap on the number of articles held.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from storyline.cluster.vectors import HASH_BITS


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

    @property
    def size(self) -> int:
        return len(self.article_ids)

    def add(
        self, article_id: str, order: tuple[str, str], hubness: float, moment: float | None
    ) -> None:
        self.article_ids.append(article_id)
        self.founder = min(self.founder, order)
        self.hubness_sum += hubness
        if moment is not None:
            self.first_seen = moment if self.first_seen is None else min(self.first_seen, moment)
            self.last_seen = moment if self.last_seen is None else max(self.last_seen, moment)

    def absorb(self, other: OpenStory) -> None:
        self.article_ids.extend(other.article_ids)
        self.founder = min(self.founder, other.founder)
        self.hubness_sum += other.hubness_sum
        self.last_sequence = max(self.last_sequence, other.last_sequence)
        for moment in (other.first_seen, other.last_seen):
            if moment is not None:
                self.add_moment(moment)

    def add_moment(self, moment: float) -> None:
        self.first_seen = moment if self.first_seen is None else min(self.first_seen, moment)
        self.last_seen = moment if self.last_seen is None else max(self.last_seen, moment)


@dataclass
class Window:
    """Rows of `vectors` are articles of open stories; `story_keys[i]` is row i's story."""

    vectors: sp.csr_matrix = field(
        default_factory=lambda: sp.csr_matrix((0, 1 << HASH_BITS), dtype=np.float32)
    )
    story_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def size(self) -> int:
        return int(self.vectors.shape[0])

    def append(self, vectors: sp.csr_matrix, story_keys: np.ndarray) -> None:
        self.vectors = sp.vstack([self.vectors, vectors], format="csr", dtype=np.float32)
        self.story_keys = np.concatenate([self.story_keys, story_keys])

    def relabel(self, mapping: dict[int, int]) -> None:
        if mapping:
            self.story_keys = np.array(
                [mapping.get(int(k), int(k)) for k in self.story_keys], dtype=np.int64
            )

    def drop_stories(self, keys: set[int]) -> None:
        if keys:
            keep = ~np.isin(self.story_keys, np.fromiter(keys, dtype=np.int64))
            self.vectors = self.vectors[keep]
            self.story_keys = self.story_keys[keep]

    def story_matrix(self) -> tuple[np.ndarray, sp.csr_matrix]:
        """The distinct story keys and a (stories x articles) 0/1 membership matrix."""
        keys, columns = np.unique(self.story_keys, return_inverse=True)
        membership = sp.csr_matrix(
            (np.ones(self.size, dtype=np.float32), (columns, np.arange(self.size))),
            shape=(len(keys), self.size),
        )
        return keys, membership
