"""The merge pass: open stories that an early split left apart are joined again.

Scores are average linkage (the mean cosine between the two stories' articles, from the
sums of their vectors, exact unless a row was cut to its key terms) adjusted for hubness like
a join. Only stories that changed since
the last pass are compared, each against every open story, so a pass costs the new work
times the window, not the window squared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from storyline.cluster.params import ClusterParams
from storyline.cluster.window import OpenStory, StoryIndex

_ROWS_PER_CHUNK = 512


def _apart_in_time(a: OpenStory, b: OpenStory, window_seconds: float) -> bool:
    if None in (a.first_seen, a.last_seen, b.first_seen, b.last_seen):
        return False
    assert a.first_seen is not None and a.last_seen is not None
    assert b.first_seen is not None and b.last_seen is not None
    gap = max(b.first_seen - a.last_seen, a.first_seen - b.last_seen)
    return gap > window_seconds


def _best_three(row: np.ndarray) -> np.ndarray:
    """Positions of the three highest values, best first (a full sort costs the window)."""
    if len(row) <= 3:
        return np.argsort(-row)
    top = np.argpartition(row, -3)[-3:]
    return np.asarray(top[np.argsort(-row[top])])


def _neighbourhood(linkage: np.ndarray, k: int) -> np.ndarray:
    """Each row's mean linkage to its k best partners after the best one (absent: 0).

    A story's hubness, seen from every open story at once: the hubness an article brought
    on arrival only saw the stories before it, which early in a stream are few.
    """
    finite = np.where(np.isfinite(linkage), linkage, 0.0)
    width = min(k + 1, finite.shape[1])
    top = np.sort(np.partition(finite, -width, axis=1)[:, -width:], axis=1)
    return np.asarray(top[:, :-1].sum(axis=1) / k)


def best_merges(
    index: StoryIndex,
    stories: Mapping[int, OpenStory],
    changed: Iterable[int],
    params: ClusterParams,
) -> list[tuple[float, int, int]]:
    """(score, story, partner) for each changed story whose best partner passes the bar."""
    keys, sums = index.keys, index.sums
    if len(keys) < 2:
        return []
    position = {int(k): i for i, k in enumerate(keys)}
    rows = np.array(sorted(position[k] for k in set(changed) if k in position), dtype=np.int64)
    if not len(rows):
        return []
    sizes = np.array([stories[int(k)].size for k in keys], dtype=np.float64)
    hubness = np.array([stories[int(k)].hubness for k in keys])
    short = np.array([stories[int(k)].short for k in keys], dtype=bool)
    window_seconds = params.window_days * 86_400
    found: list[tuple[float, int, int]] = []
    for start in range(0, len(rows), _ROWS_PER_CHUNK):
        chunk = rows[start : start + _ROWS_PER_CHUNK]
        linkage = (sums[chunk] @ sums.T).toarray() / np.outer(sizes[chunk], sizes)
        linkage[np.arange(len(chunk)), chunk] = -np.inf
        if params.refresh_hubness:
            hubness[chunk] = _neighbourhood(linkage, params.hubness_neighbours)
            for row, value in zip(chunk, hubness[chunk], strict=True):
                stories[int(keys[row])].neighbourhood = float(value)
        both_short = short[chunk, None] & short[None, :]
        weight = np.where(both_short, params.short_hubness_weight, params.hubness_weight)
        threshold = np.where(both_short, params.short_merge_threshold, params.merge_threshold)
        scores = linkage - weight * (hubness[chunk, None] + hubness[None, :]) / 2 - threshold
        for offset, row in enumerate(chunk):
            order = _best_three(scores[offset])
            for column in order:
                score = float(scores[offset, column])  # margin over its threshold
                if score < 0:
                    break
                story, partner = stories[int(keys[row])], stories[int(keys[column])]
                if not _apart_in_time(story, partner, window_seconds):
                    found.append((score, story.key, partner.key))
                    break
    return sorted(found, reverse=True)
