"""The merge pass: open stories that an early split left apart are joined again.

Scores are average linkage (the mean cosine between the two stories' articles, from the
sums of their vectors, exact unless a row was cut to its key terms) adjusted for hubness like
a join. Only stories that changed since the last pass are compared, each against its
`candidate_stories` nearest stories from the index's postings (see `StoryIndex`), so a pass
costs the new work, not the new work times the window.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from storyline.cluster.params import ClusterParams
from storyline.cluster.window import OpenStory, StoryIndex


def _apart_in_time(a: OpenStory, b: OpenStory, window_seconds: float) -> bool:
    if None in (a.first_seen, a.last_seen, b.first_seen, b.last_seen):
        return False
    assert a.first_seen is not None and a.last_seen is not None
    assert b.first_seen is not None and b.last_seen is not None
    gap = max(b.first_seen - a.last_seen, a.first_seen - b.last_seen)
    return gap > window_seconds


def neighbourhood(linkage: np.ndarray, k: int) -> float:
    """Mean linkage to the k best partners after the best one (absent: 0).

    A story's hubness, seen from every open story at once: the hubness an article brought
    on arrival only saw the stories before it, which early in a stream are few.
    """
    if len(linkage) > k + 1:
        linkage = np.partition(linkage, -(k + 1))[-(k + 1) :]
    return float(linkage.sum() - linkage.max(initial=0.0)) / k


def best_merges(
    index: StoryIndex,
    stories: Mapping[int, OpenStory],
    changed: Iterable[int],
    params: ClusterParams,
) -> list[tuple[float, int, int]]:
    """(score, story, partner) for each changed story whose best partner passes the bar."""
    index.settle()
    if index.stories < 2:
        return []
    rows = np.array(
        sorted(index.position[k] for k in set(changed) if k in index.position), dtype=np.int64
    )
    if not len(rows):
        return []
    pairs, products = index.neighbours(rows, params.candidate_stories)
    keys, sizes = index.keys, index.sizes
    linkage = products / (sizes[pairs[:, 0]] * sizes[pairs[:, 1]])
    starts = np.searchsorted(pairs[:, 0], rows)
    ends = np.searchsorted(pairs[:, 0], rows, side="right")
    if params.refresh_hubness:
        for row, start, end in zip(rows, starts, ends, strict=True):
            value = neighbourhood(linkage[start:end], params.hubness_neighbours)
            stories[int(keys[row])].neighbourhood = value
    window_seconds = params.window_days * 86_400
    found: list[tuple[float, int, int]] = []
    for row, start, end in zip(rows, starts, ends, strict=True):
        if start == end:
            continue
        story = stories[int(keys[row])]
        partners = [stories[int(keys[p])] for p in pairs[start:end, 1]]
        hubness = np.array([p.hubness for p in partners])
        both_short = np.array([story.short and p.short for p in partners], dtype=bool)
        weight = np.where(both_short, params.short_hubness_weight, params.hubness_weight)
        threshold = np.where(both_short, params.short_merge_threshold, params.merge_threshold)
        scores = linkage[start:end] - weight * (story.hubness + hubness) / 2 - threshold
        for column in np.argsort(-scores, kind="stable")[:3]:
            score = float(scores[column])  # margin over its threshold
            if score < 0:
                break
            partner = partners[column]
            if not _apart_in_time(story, partner, window_seconds):
                found.append((score, story.key, partner.key))
                break
    return sorted(found, reverse=True)
