"""The open stories, each kept as one compact row: the sum of its articles' vectors.

A story's average cosine to an article is that row's dot product with the article's vector
divided by the story's size, so articles need not be kept once they are placed. Each row
keeps at most `key_terms` terms (the heaviest), so a long-running story costs the index no
more than a few articles do. When a story closes its row leaves, so memory is bounded by the
window (days of inactivity) and by a cap on the number of articles the open stories hold.

Candidates come from an inverted index, not from a product with every open story: each
story is posted under its `probe_terms` heaviest terms only, so a query walks short
postings (a term is among the heaviest few of only the stories about it). The postings give
a lower bound of each story's dot product with the query (all weights are positive, and
only some terms are counted); the `limit` best stories by that bound are then scored
exactly, pair by pair. The work per article is bounded by the postings of its own terms and
the candidate limit, not by the number of open stories.

Rows are settled lazily: articles placed since the last settle are kept as vectors
(`recent`) and scored exactly against the query in one bounded product; every so often
(each merge pass, or when the recent articles pile up) they are folded into the rows, the
touched rows are cut to their key terms and re-posted. Between settles a story's row
position is stable; settling compacts positions after merges and closures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from storyline.cluster.vectors import HASH_BITS

_COLUMNS = 1 << HASH_BITS
_RECENT_LIMIT = 4096  # articles held unsettled at most


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


def _empty(rows: int = 0, columns: int = _COLUMNS) -> sp.csr_matrix:
    return sp.csr_matrix((rows, columns), dtype=np.float32)


def _widen(matrix: sp.csr_matrix, columns: int) -> sp.csr_matrix:
    """The same rows with more (empty) columns on the right, without copying."""
    if matrix.shape[1] == columns:
        return matrix
    return sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr), (matrix.shape[0], columns))


def _taller(matrix: sp.csr_matrix, rows: int) -> sp.csr_matrix:
    """The same rows with more (empty) rows below."""
    if matrix.shape[0] == rows:
        return matrix
    indptr = np.concatenate(
        [
            matrix.indptr,
            np.full(rows - matrix.shape[0], matrix.indptr[-1], dtype=matrix.indptr.dtype),
        ]
    )
    return sp.csr_matrix((matrix.data, matrix.indices, indptr), (rows, matrix.shape[1]))


def _cut_rows(matrix: sp.csr_matrix, rows: np.ndarray, keep: int) -> None:
    """Zero all but the `keep` heaviest entries of the given rows, in place."""
    lengths = np.diff(matrix.indptr)
    data = matrix.data
    for row in rows[lengths[rows] > keep]:
        values = data[matrix.indptr[row] : matrix.indptr[row + 1]]
        cut = np.partition(values, -keep)[-keep]
        values[values < cut] = 0.0


def pair_products(left: sp.csr_matrix, right: sp.csr_matrix) -> np.ndarray:
    """Row i of `left` times row i of `right`, for every i."""
    if not left.shape[0]:
        return np.zeros(0)
    return np.asarray(left.multiply(right).sum(axis=1), dtype=np.float64).ravel()


def top_of_rows(matrix: sp.csr_matrix, limit: int) -> list[np.ndarray]:
    """Column positions of each row's `limit` highest stored values, highest first."""
    found = []
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    for row in range(matrix.shape[0]):
        start, end = indptr[row], indptr[row + 1]
        values = data[start:end]
        if len(values) > limit:
            best = np.argpartition(-values, limit)[:limit]
            best = best[np.argsort(-values[best], kind="stable")]
        else:
            best = np.argsort(-values, kind="stable")
        found.append(np.asarray(indices[start:end][best], dtype=np.int64))
    return found


@dataclass
class Nearest:
    """An article's candidate stories (row positions) and its exact summed cosines to them,
    with the lower bounds of every story its terms reach (sorted positions)."""

    positions: np.ndarray
    sums: np.ndarray
    reached: np.ndarray
    bounds: np.ndarray

    def bound(self, positions: np.ndarray) -> np.ndarray:
        """Lower bounds at the given positions (0 where the postings did not reach)."""
        if not len(self.reached):
            return np.zeros(len(positions))
        at = np.minimum(np.searchsorted(self.reached, positions), len(self.reached) - 1)
        return np.where(self.reached[at] == positions, self.bounds[at], 0.0)


@dataclass
class StoryIndex:
    """Row i of the settled sums plus the recent articles of story `keys[i]`."""

    key_terms: int = 400
    probe_terms: int = 32
    base: sp.csr_matrix = field(default_factory=_empty)
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    sizes: np.ndarray = field(default_factory=lambda: np.zeros(0))
    articles: int = 0  # how many articles the open stories hold
    position: dict[int, int] = field(default_factory=dict)
    postings: sp.csr_matrix = field(default_factory=lambda: _empty(_COLUMNS, 0))
    probes: sp.csr_matrix = field(default_factory=_empty)  # each row's probe terms
    _recent: list[tuple[sp.csr_matrix, np.ndarray]] = field(default_factory=list)
    _recent_rows: int = 0
    _recent_cache: tuple[sp.csr_matrix, sp.csr_matrix] | None = None
    _dirty: set[int] = field(default_factory=set)

    @property
    def stories(self) -> int:
        return len(self.keys)

    def rows_of(self, story_keys: np.ndarray) -> np.ndarray:
        """Row positions of the given keys (all must be present)."""
        return np.fromiter((self.position[int(k)] for k in story_keys), np.int64, len(story_keys))

    # -- adding ------------------------------------------------------------------------

    def add(self, vectors: sp.csr_matrix, story_keys: np.ndarray) -> None:
        """Add each vector to its story's row; keys not yet indexed get a new row."""
        if not len(story_keys):
            return
        fresh = [int(k) for k in dict.fromkeys(story_keys.tolist()) if int(k) not in self.position]
        if fresh:
            start = len(self.keys)
            self.position.update((k, start + i) for i, k in enumerate(fresh))
            self.keys = np.concatenate([self.keys, np.asarray(fresh, dtype=np.int64)])
            self.sizes = np.concatenate([self.sizes, np.zeros(len(fresh))])
        rows = self.rows_of(story_keys)
        np.add.at(self.sizes, rows, 1.0)
        self._recent.append((sp.csr_matrix(vectors, dtype=np.float32), rows))
        self._recent_rows += len(rows)
        self._recent_cache = None
        self.articles += len(story_keys)
        if self._recent_rows > _RECENT_LIMIT:
            self.settle()

    def settle(self) -> None:
        """Fold the recent articles into the rows; cut and re-post the touched rows."""
        if self._recent:
            vectors, rows = self._stacked_recent()
            placement = sp.csr_matrix(
                (np.ones(len(rows), dtype=np.float32), (rows, np.arange(len(rows)))),
                shape=(self.stories, len(rows)),
            )
            self.base = sp.csr_matrix(
                _taller(self.base, self.stories) + placement @ vectors, dtype=np.float32
            )
            self._dirty.update(np.unique(rows).tolist())
            self._recent, self._recent_rows, self._recent_cache = [], 0, None
        if self._dirty:
            self._repost(np.fromiter(sorted(self._dirty), np.int64, len(self._dirty)))
            self._dirty.clear()

    def _repost(self, dirty: np.ndarray) -> None:
        _cut_rows(self.base, dirty, self.key_terms)
        self.base.eliminate_zeros()
        self.base.sort_indices()
        touched = self.base[dirty]
        _cut_rows(touched, np.arange(len(dirty)), self.probe_terms)
        touched.eliminate_zeros()
        clean = np.setdiff1d(np.arange(self.stories), dirty)
        old = _taller(self.probes, self.stories)[clean]
        order = np.argsort(np.concatenate([clean, dirty]), kind="stable")
        self.probes = sp.csr_matrix(sp.vstack([old, touched], format="csr")[order])
        self.postings = self.probes.T.tocsr()

    # -- merging and closing -----------------------------------------------------------

    def merge(self, mapping: dict[int, int]) -> None:
        """Fold each absorbed story's row (key) into its keeper's row (value)."""
        if not mapping:
            return
        self.settle()
        target_keys = np.array([mapping.get(int(k), int(k)) for k in self.keys], dtype=np.int64)
        kept, target_rows = np.unique(target_keys, return_inverse=True)
        folding = sp.csr_matrix(
            (np.ones(self.stories, dtype=np.float32), (target_rows, np.arange(self.stories))),
            shape=(len(kept), self.stories),
        )
        self.base = sp.csr_matrix(folding @ self.base, dtype=np.float32)
        self.probes = sp.csr_matrix(folding @ self.probes, dtype=np.float32)
        self.sizes = np.bincount(target_rows, weights=self.sizes, minlength=len(kept))
        self._renumber(kept.astype(np.int64))
        self._repost(self.rows_of(np.fromiter(set(mapping.values()), dtype=np.int64)))

    def drop(self, story_keys: set[int], articles: int) -> None:
        """Forget closed stories, which held `articles` articles between them."""
        if story_keys:
            self.settle()
            keep = ~np.isin(self.keys, np.fromiter(story_keys, dtype=np.int64))
            self.base = self.base[keep]
            self.probes = self.probes[keep]
            self.postings = self.probes.T.tocsr()
            self.sizes = self.sizes[keep]
            self._renumber(self.keys[keep])
            self.articles -= articles

    def _renumber(self, keys: np.ndarray) -> None:
        self.keys = keys
        self.position = {int(k): i for i, k in enumerate(keys.tolist())}

    # -- finding candidates ------------------------------------------------------------

    def _stacked_recent(self) -> tuple[sp.csr_matrix, np.ndarray]:
        """The unsettled article vectors, one matrix, and the row of each one's story."""
        return (
            sp.vstack([v for v, _ in self._recent], format="csr"),
            np.concatenate([r for _, r in self._recent]),
        )

    def _recent_sums(self, vectors: sp.csr_matrix) -> sp.csr_matrix:
        """Exact dot products of the queries with the unsettled part of every row."""
        if not self._recent:
            return _empty(vectors.shape[0], self.stories)
        if self._recent_cache is None:
            stacked, rows = self._stacked_recent()
            placement = sp.csr_matrix(
                (np.ones(len(rows), dtype=np.float32), (np.arange(len(rows)), rows)),
                shape=(len(rows), self.stories),
            )
            self._recent_cache = (stacked.T.tocsr(), placement)
        transposed, placement = self._recent_cache
        placement = sp.csr_matrix(
            (placement.data, placement.indices, placement.indptr),
            (placement.shape[0], self.stories),
        )
        return sp.csr_matrix((vectors @ transposed) @ placement)

    def nearest(self, vectors: sp.csr_matrix, limit: int) -> list[Nearest]:
        """For each query row, the `limit` stories of highest lower-bound linkage, exact."""
        count = vectors.shape[0]
        recent = self._recent_sums(vectors)
        probes = vectors.copy()
        _cut_rows(probes, np.arange(count), self.probe_terms)
        probes.eliminate_zeros()
        bounds = sp.csr_matrix(_widen(probes @ self.postings, self.stories) + recent)
        bounds.sort_indices()
        linkage = sp.csr_matrix(bounds @ sp.diags(1.0 / np.maximum(self.sizes, 1.0)))
        chosen = top_of_rows(linkage, limit)
        rows = np.repeat(np.arange(count), [len(c) for c in chosen])
        columns = np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)
        settled = columns < self.base.shape[0]
        exact = np.zeros(len(columns))
        exact[settled] = pair_products(vectors[rows[settled]], self.base[columns[settled]])
        if recent.nnz and len(columns):
            exact += np.asarray(recent[rows, columns], dtype=np.float64).ravel()
        found: list[Nearest] = []
        start = 0
        for row, picked in enumerate(chosen):
            end = start + len(picked)
            lo, hi = bounds.indptr[row], bounds.indptr[row + 1]
            found.append(
                Nearest(
                    picked,
                    exact[start:end],
                    np.asarray(bounds.indices[lo:hi], dtype=np.int64),
                    np.asarray(bounds.data[lo:hi], dtype=np.float64),
                )
            )
            start = end
        return found

    def neighbours(self, rows: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """For settled rows, the `limit` other rows of highest lower-bound linkage and the
        exact summed products with them, as (row, partner) pairs and their products."""
        self.settle()
        if not len(rows):
            return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
        queries = self.base[rows]
        bounds = sp.csr_matrix(self.probes[rows] @ self.postings)
        bounds = sp.csr_matrix(bounds @ sp.diags(1.0 / np.maximum(self.sizes, 1.0)))
        chosen = []
        for row, picked in zip(rows, top_of_rows(bounds, limit + 1), strict=True):
            picked = picked[picked != row]  # a row is no candidate of itself
            chosen.append(picked[:limit] if len(picked) > limit else picked)
        query_rows = np.repeat(np.arange(len(rows)), [len(c) for c in chosen])
        partners = np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)
        products = pair_products(queries[query_rows], self.base[partners])
        return np.stack([rows[query_rows], partners], axis=1), products
