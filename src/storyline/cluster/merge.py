"""The merge pass: open stories that an early split left apart are joined again.

Scores are exact average linkage (the mean cosine between the two stories' articles, from
the sums of their vectors) adjusted for hubness like a join. Only stories that changed since
the last pass are compared, each against every open story, so a pass costs the new work
times the window, not the window squared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import scipy.sparse as sp

from storyline.cluster.params import ClusterParams
from storyline.cluster.window import OpenStory, Window

_ROWS_PER_CHUNK = 512


def _apart_in_time(a: OpenStory, b: OpenStory, window_seconds: float) -> bool:
    if None in (a.first_seen, a.last_seen, b.first_seen, b.last_seen):
        return False
    assert a.first_seen is not None and a.last_seen is not None
    assert b.first_seen is not None and b.last_seen is not None
    gap = max(b.first_seen - a.last_seen, a.first_seen - b.last_seen)
    return gap > window_seconds


def best_merges(
    window: Window,
    stories: Mapping[int, OpenStory],
    changed: Iterable[int],
    params: ClusterParams,
) -> list[tuple[float, int, int]]:
    """(score, story, partner) for each changed story whose best partner passes the bar."""
    keys, membership = window.story_matrix()
    if len(keys) < 2:
        return []
    position = {int(k): i for i, k in enumerate(keys)}
    rows = np.array(sorted(position[k] for k in set(changed) if k in position), dtype=np.int64)
    if not len(rows):
        return []
    sums = sp.csr_matrix(membership @ window.vectors)
    sizes = np.array([stories[int(k)].size for k in keys], dtype=np.float64)
    hubness = np.array([stories[int(k)].hubness_sum for k in keys]) / sizes
    window_seconds = params.window_days * 86_400
    found: list[tuple[float, int, int]] = []
    for start in range(0, len(rows), _ROWS_PER_CHUNK):
        chunk = rows[start : start + _ROWS_PER_CHUNK]
        linkage = (sums[chunk] @ sums.T).toarray() / np.outer(sizes[chunk], sizes)
        scores = linkage - params.hubness_weight * (hubness[chunk, None] + hubness[None, :]) / 2
        scores[np.arange(len(chunk)), chunk] = -np.inf
        for offset, row in enumerate(chunk):
            order = np.argsort(-scores[offset])[:3]
            for column in order:
                score = float(scores[offset, column])
                if score < params.merge_threshold:
                    break
                story, partner = stories[int(keys[row])], stories[int(keys[column])]
                if not _apart_in_time(story, partner, window_seconds):
                    found.append((score, story.key, partner.key))
                    break
    return sorted(found, reverse=True)
