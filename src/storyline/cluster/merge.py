"""The merge pass: open stories that an early split left apart are joined again.

Scores are average linkage (the mean cosine between the two stories' articles, from the
sums of their vectors, exact unless a row was cut to its key terms) adjusted for hubness like
a join. Only stories that changed since the last pass are compared, each against its
`candidate_stories` nearest stories from the index's postings (see `StoryIndex`), so a pass
costs the new work, not the new work times the window.

The closing pass (`lone_attachments`) is the other way split stories rejoin: a story of one
article, as it closes, joins its nearest story if that one is clearly ahead of the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from storyline.cluster.params import ClusterParams
from storyline.cluster.window import OpenStory, StoryIndex

_LONE_SLICE = 512  # one-article stories scored at once by the closing pass


def _apart_in_time(a: OpenStory, b: OpenStory, window_seconds: float) -> bool:
    if None in (a.first_seen, a.last_seen, b.first_seen, b.last_seen):
        return False
    assert a.first_seen is not None and a.last_seen is not None
    assert b.first_seen is not None and b.last_seen is not None
    gap = max(b.first_seen - a.last_seen, a.first_seen - b.last_seen)
    return gap > window_seconds


def neighbourhood(linkage: np.ndarray, k: int) -> float:
    """Mean linkage to the k best partners after the best one (absent: 0).

    A story's hubness, seen from its candidate stories among all those open now: the
    hubness an article brought on arrival only saw the stories before it, which early in a
    stream are few.
    """
    if len(linkage) > k + 1:
        linkage = np.partition(linkage, -(k + 1))[-(k + 1) :]
    return float(linkage.sum() - linkage.max(initial=0.0)) / k


def clear_lead(linkage: np.ndarray, best: int, margin: float, floor: float) -> bool:
    """Whether candidate `best` reaches `floor` and is at least `margin` ahead of every
    other candidate (no other candidate: of 0): close to one story and to nothing else.
    The floor matters in small streams, where a weak nearest story has few rivals."""
    others = np.delete(linkage, best)
    runner_up = float(others.max()) if len(others) else 0.0
    value = float(linkage[best])
    return value >= floor and value - runner_up >= margin


def _candidate_linkage(
    index: StoryIndex, rows: np.ndarray, candidates: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each row's candidate stories from the index, as (row, partner) pairs sorted by row,
    their average linkage, and where each row's pairs start and end."""
    pairs, products = index.neighbours(rows, candidates)
    linkage = products / (index.sizes[pairs[:, 0]] * index.sizes[pairs[:, 1]])
    starts = np.searchsorted(pairs[:, 0], rows)
    ends = np.searchsorted(pairs[:, 0], rows, side="right")
    return pairs, linkage, starts, ends


def best_merges(
    index: StoryIndex,
    stories: Mapping[int, OpenStory],
    changed: Iterable[int],
    params: ClusterParams,
) -> list[tuple[float, int, int]]:
    """(score, story, partner) for each changed story whose best partner passes the bar."""
    if index.stories < 2:
        return []
    rows = np.array(
        sorted(index.position[k] for k in set(changed) if k in index.position), dtype=np.int64
    )
    if not len(rows):
        return []
    pairs, linkage, starts, ends = _candidate_linkage(index, rows, params.candidate_stories)
    keys = index.keys
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


def lone_attachments(
    index: StoryIndex,
    stories: Mapping[int, OpenStory],
    lone: Iterable[int],
    params: ClusterParams,
) -> list[tuple[int, int]]:
    """(story, partner) for each one-article story about to close whose nearest story is
    far ahead of the runner-up (`clear_lead`), though below the join and merge bars.

    An article the clusterer parts from its whole story usually ends up alone (about 85% of
    such articles on the Multi-News tuning half), a little below the bar; one that is near
    one story and far from all others still belongs to it. Done at
    closing, not on arrival or at every merge pass: only then has the article met every
    story it could be confused with (early in a stream, a lead over few stories says
    little, and joining on it there cost precision in every order tried).
    """
    keys = set(lone)
    if not keys or index.stories < 2:
        return []
    rows = np.array(sorted(index.position[k] for k in keys if k in index.position), np.int64)
    found: list[tuple[int, int]] = []
    # In slices: at `finish` every one-article story closes at once, and the candidate
    # bounds of all of them together would be the memory peak of the whole run.
    for start in range(0, len(rows), _LONE_SLICE):
        found.extend(_clear_leads(index, stories, rows[start : start + _LONE_SLICE], params))
    return found


def _clear_leads(
    index: StoryIndex, stories: Mapping[int, OpenStory], rows: np.ndarray, params: ClusterParams
) -> list[tuple[int, int]]:
    pairs, linkage, starts, ends = _candidate_linkage(index, rows, params.candidate_stories)
    window_seconds = params.window_days * 86_400
    found: list[tuple[int, int]] = []
    for row, start, end in zip(rows, starts, ends, strict=True):
        if start == end:
            continue
        story = stories[int(index.keys[row])]
        lead = int(np.argmax(linkage[start:end]))
        partner = stories[int(index.keys[pairs[start + lead, 1]])]
        if (
            not story.short  # headline linkage is too low for a margin to mean much
            and clear_lead(linkage[start:end], lead, params.lone_margin, params.lone_floor)
            and not _apart_in_time(story, partner, window_seconds)
        ):
            found.append((story.key, partner.key))
    return found
