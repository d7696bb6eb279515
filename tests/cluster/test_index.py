"""The story index: candidates come from its postings, and are scored exactly, whether a
story's articles are settled into its row or still recent; merges and closures keep it so."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from storyline.cluster.vectors import HASH_BITS
from storyline.cluster.window import StoryIndex

COLUMNS = 1 << HASH_BITS


def _vectors(count: int, seed: int, vocabulary: range) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(count):
        columns = np.sort(rng.choice(np.asarray(vocabulary), size=12, replace=False))
        values = rng.random(12).astype(np.float32) + 0.1
        rows.append(
            sp.csr_matrix((values / np.linalg.norm(values), ([0] * 12, columns)), (1, COLUMNS))
        )
    return sp.vstack(rows, format="csr")


def _story_sums(vectors: sp.csr_matrix, keys: np.ndarray, story_keys: np.ndarray) -> sp.csr_matrix:
    placement = sp.csr_matrix((keys[None, :] == story_keys[:, None]).astype(np.float32))
    return sp.csr_matrix(placement @ vectors)


def test_candidates_are_scored_exactly_settled_or_recent() -> None:
    vectors = _vectors(40, seed=1, vocabulary=range(300))
    keys = np.arange(40) % 10
    index = StoryIndex(key_terms=400, probe_terms=6)
    index.add(vectors[:25], keys[:25])
    index.settle()
    index.add(vectors[25:], keys[25:])  # these stay recent
    queries = vectors[20:30]
    found = index.nearest(queries, limit=4)
    exact = (queries @ _story_sums(vectors, keys, index.keys).T).toarray()
    for row, nearest in enumerate(found):
        assert 0 < len(nearest.positions) <= 4
        np.testing.assert_allclose(nearest.sums, exact[row, nearest.positions], rtol=1e-5)
        # an article is its own story's best candidate
        own = index.position[int(keys[20 + row])]
        assert own in nearest.positions.tolist()


def test_a_story_sharing_no_term_is_no_candidate() -> None:
    near = _vectors(6, seed=2, vocabulary=range(100))
    far = _vectors(6, seed=3, vocabulary=range(1000, 1100))
    index = StoryIndex(probe_terms=12)
    index.add(sp.vstack([near, far], format="csr"), np.array([0] * 6 + [1] * 6))
    index.settle()
    [nearest] = index.nearest(near[:1], limit=5)
    assert nearest.positions.tolist() == [index.position[0]]


def test_merges_and_closures_keep_rows_exact() -> None:
    vectors = _vectors(30, seed=4, vocabulary=range(200))
    keys = np.arange(30) % 6
    index = StoryIndex(probe_terms=8)
    index.add(vectors, keys)
    index.merge({4: 1})
    index.drop({5}, articles=5)
    assert sorted(index.keys.tolist()) == [0, 1, 2, 3]
    assert index.articles == 25
    merged_keys = np.where(keys == 4, 1, keys)
    expected = _story_sums(vectors, merged_keys, index.keys).toarray()
    np.testing.assert_allclose(index.base.toarray(), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(index.sizes, [np.sum(merged_keys == k) for k in index.keys])
    pairs, products = index.neighbours(index.rows_of(np.array([1])), limit=3)
    dense = expected @ expected.T
    for (row, partner), product in zip(pairs, products, strict=True):
        assert row != partner
        assert abs(product - dense[row, partner]) < 1e-4
