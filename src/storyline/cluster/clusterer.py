"""Online story clustering: articles arrive in publication order and join or found stories.

Incremental use (what `storyline watch` builds on)::

    clusterer = StoryClusterer.from_stories(stored_stories)  # state rebuilt, no re-clustering
    for assignment in clusterer.add(new_articles):
        store.set_story(assignment.article_id, assignment.story_id)
    finished = clusterer.finish()  # at shutdown: last merge pass, every story closed

`add` returns the story of every new article, plus a new assignment for every earlier article
whose story id changed because a merge joined its story to another (ids are named after a
story's earliest article, so the older story's id survives). Give it originals only: copies
with `duplicate_of` follow their original and are not clustered.

How an article is placed: its TF-IDF vector (IDF over everything seen so far) probes the
story index (each story one row, the sum of its articles' vectors cut to its key terms,
posted under its heaviest terms: see `StoryIndex`) for its candidate stories, and gets the
mean cosine to each candidate's articles, exactly; the stories that earlier articles of the
same batch joined or founded are candidates too. Less the hubness of the two (see
`ClusterParams`), that is the story's score. The best story is joined when the score
passes the fitted threshold (headline-length articles have their own); otherwise the
article founds a story. Every `merge_every` articles, and at `finish`, a merge pass joins
stories split early, then stories quiet for longer than the window, or the least recently
active beyond the capacity (down to a tenth below it), close: they leave memory and take no
more articles. A closing story of one article first joins its nearest story if that one is
clearly ahead of the runner-up (`lone_attachments`). Undated articles are placed at the
stream's current time: they never age a story, and stories they found close only by
capacity or at `finish`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import scipy.sparse as sp

from storyline.cluster.merge import best_merges, lone_attachments
from storyline.cluster.naming import founder_story_id
from storyline.cluster.params import ClusterParams, fitted_params
from storyline.cluster.vectors import ArticleVectorizer
from storyline.cluster.window import OpenStory, StoryIndex
from storyline.key_forest import KeyForest
from storyline.model import Article, Story, publication_order

_NO_ROWS = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Article `article_id` now belongs to story `story_id`."""

    article_id: str
    story_id: str


def article_moment(article: Article) -> float | None:
    """Seconds since the epoch of publication, or None for an undated article."""
    if article.published is None:
        return None
    moment = article.published.moment
    if moment is None:
        moment = datetime(*article.published.day.timetuple()[:3], tzinfo=UTC)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


class StoryClusterer:
    """Streams articles into stories with bounded memory; see the module docstring."""

    def __init__(self, params: ClusterParams | None = None) -> None:
        self.params = params or fitted_params()
        self.vectorizer = ArticleVectorizer(self.params.title_weight, self.params.name_weight)
        self.index = StoryIndex(self.params.key_terms, self.params.probe_terms)
        self.open: dict[int, OpenStory] = {}
        self.closed: list[list[str]] = []
        self._reported: dict[str, str] = {}
        self._pending: list[Assignment] = []
        self._changed: set[int] = set()
        self._unreported: set[int] = set()  # stories whose articles may need an assignment
        self._placed = 0  # articles placed since the last merge pass
        self._next_key = 0
        self._sequence = 0
        self._clock: float | None = None

    @classmethod
    def from_stories(
        cls, stories: Iterable[Story], params: ClusterParams | None = None
    ) -> StoryClusterer:
        """A clusterer holding stored stories as they are, ready to `add` new articles.

        Stories quiet for longer than the window before the newest stored article are not
        reopened; the IDF is refitted on every stored original.
        """
        clusterer = cls(params)
        members: list[tuple[Article, int]] = []
        for story in stories:
            originals = [a for a in story.articles if a.duplicate_of is None]
            if originals:
                story_key = clusterer._found(min(originals, key=publication_order)).key
                members.extend((a, story_key) for a in originals)
        members.sort(key=lambda pair: publication_order(pair[0]))
        articles = [a for a, _ in members]
        counts = clusterer.vectorizer.term_counts(articles)
        clusterer.vectorizer.observe(counts)
        vectors = clusterer.vectorizer.transform(counts)
        hubness = _hubness_among(vectors, clusterer.params.hubness_neighbours)
        for (article, story_key), article_hubness, article_counts in zip(
            members, hubness, counts, strict=True
        ):
            short = len(article_counts) < clusterer.params.short_text_terms
            clusterer._join(clusterer.open[story_key], article, float(article_hubness), short)
        clusterer.index.add(vectors, np.array([k for _, k in members], dtype=np.int64))
        clusterer._changed.clear()
        clusterer._close(final=False, attach=False)  # stored stories stay as they were
        clusterer._pending.clear()
        return clusterer

    def add(self, articles: Sequence[Article]) -> list[Assignment]:
        """Place new original articles; return their stories and any changed earlier ones."""
        ordered = sorted(articles, key=publication_order)
        size = self.params.batch_size
        for start in range(0, len(ordered), size):
            self._place(ordered[start : start + size])
            if len(self._changed) and self._due_for_merge():
                self._checkpoint()
        self._report()
        assignments, self._pending = self._pending, []
        return assignments

    def finish(self) -> list[list[str]]:
        """Merge and close every open story; all stories seen, as lists of article ids."""
        self._merge()
        self._close(final=True)
        return self.closed

    # -- placing articles --------------------------------------------------------------

    def _place(self, articles: Sequence[Article]) -> None:
        self._placed += len(articles)
        counts = self.vectorizer.term_counts(articles)
        self.vectorizer.observe(counts)
        vectors = self.vectorizer.transform(counts)
        short = [len(c) < self.params.short_text_terms for c in counts]
        keys = self._choose_stories(articles, vectors, short)
        self.index.add(vectors, np.asarray(keys, dtype=np.int64))

    def _choose_stories(
        self, articles: Sequence[Article], vectors: sp.csr_matrix, short: Sequence[bool]
    ) -> list[int]:
        """Each article's story, in order: its candidates from the index (exact sums as the
        batch began), plus the stories earlier articles of the batch joined or founded.

        Columns are the batch's stories: every candidate of some article, then the stories
        its articles found; `batch_sums[i, c]` sums article i's cosines to the articles of
        the batch that story c took before it.
        """
        nearest = self.index.nearest(vectors, self.params.candidate_stories)
        within = (vectors @ vectors.T).toarray()
        count = len(articles)
        positions = np.unique(np.concatenate([n.positions for n in nearest] + [_NO_ROWS]))
        columns = [self.open[int(k)] for k in self.index.keys[positions]]
        width = len(columns) + count
        column_position = np.full(width, -1, dtype=np.int64)
        column_position[: len(columns)] = positions
        sizes = np.zeros(width)
        hubness = np.zeros(width)
        last_seen = np.full(width, np.nan)
        for column, story in enumerate(columns):
            self._describe(story, column, sizes, hubness, last_seen)
        batch_sums = np.zeros((count, width))
        column_of: dict[int, int] = {}  # story key -> column, for stories the batch took
        touched = np.zeros(0, dtype=np.int64)
        marked = np.zeros(width, dtype=bool)
        chosen: list[int] = []
        for i, article in enumerate(articles):
            found = nearest[i]
            candidates = np.searchsorted(positions, found.positions)
            marked[candidates] = True
            extra = touched[~marked[touched]]
            marked[candidates] = False
            at = np.concatenate([candidates, extra])
            sums = (
                np.concatenate([found.sums, found.bound(column_position[extra])])
                + batch_sums[i, at]
            )
            moment = article_moment(article)
            best, article_hubness = self._best(
                sums, sizes[at], hubness[at], last_seen[at], moment, short[i]
            )
            if best < 0:
                story = self._found(article)
                column = len(columns)
                columns.append(story)
            else:
                column = int(at[best])
                story = columns[column]
            self._join(story, article, article_hubness, short[i])
            self._describe(story, column, sizes, hubness, last_seen)
            if story.key not in column_of:
                column_of[story.key] = column
                touched = np.append(touched, column)
            batch_sums[i + 1 :, column] += within[i + 1 :, i]
            chosen.append(story.key)
        return chosen

    @staticmethod
    def _describe(
        story: OpenStory,
        column: int,
        sizes: np.ndarray,
        hubness: np.ndarray,
        last_seen: np.ndarray,
    ) -> None:
        sizes[column] = story.size
        hubness[column] = story.hubness
        last_seen[column] = np.nan if story.last_seen is None else story.last_seen

    def _join(self, story: OpenStory, article: Article, hubness: float, short: bool) -> None:
        story.short_articles += short
        moment = article_moment(article)
        if moment is not None:
            self._clock = moment if self._clock is None else max(self._clock, moment)
        story.add(article.id, publication_order(article), hubness, moment)
        self._sequence += 1
        story.last_sequence = self._sequence
        self._changed.add(story.key)
        self._unreported.add(story.key)

    def _best(
        self,
        sums: np.ndarray,
        sizes: np.ndarray,
        story_hubness: np.ndarray,
        last_seen: np.ndarray,
        moment: float | None,
        short: bool,
    ) -> tuple[int, float]:
        """The story to join (-1: found one) and the article's hubness.

        Hubness is the article's mean average-linkage to its k best stories after the best
        one: how close it comes to stories it is not part of. Taking it over articles
        instead would, in a story larger than k, measure the story itself.
        """
        k = self.params.hubness_neighbours
        if not len(sums):
            return -1, 0.0
        linkage = sums / sizes
        now = moment if moment is not None else self._clock
        if now is not None:
            horizon = now - self.params.window_days * 86_400
            linkage[last_seen < horizon] = -np.inf  # NaN (undated stories) compares False
        open_linkage = linkage[np.isfinite(linkage)]
        if len(open_linkage) > k + 1:
            open_linkage = np.partition(open_linkage, -(k + 1))[-(k + 1) :]
        hubness = float(open_linkage.sum() - open_linkage.max(initial=0.0)) / k
        threshold, hubness_weight = self.params.join_setting(short)
        scores = linkage - hubness_weight * (hubness + story_hubness) / 2
        best = int(np.argmax(scores))
        return (best if scores[best] >= threshold else -1), hubness

    def _found(self, article: Article) -> OpenStory:
        story = OpenStory(self._next_key, publication_order(article), [])
        self._next_key += 1
        self.open[story.key] = story
        return story

    # -- merging and closing -----------------------------------------------------------

    def _due_for_merge(self) -> bool:
        return (
            self._placed >= self.params.merge_every
            or self.index.articles > self.params.max_window_articles
        )

    def _checkpoint(self) -> None:
        self._placed = 0
        self._merge()
        self._close(final=False)

    def _merge(self) -> None:
        while self._changed:
            changed, self._changed = self._changed, set()
            merged: dict[int, int] = {}
            for _, story_key, partner_key in best_merges(
                self.index, self.open, changed, self.params
            ):
                if story_key in merged or partner_key in merged:
                    continue
                keep, gone = sorted((story_key, partner_key))
                self.open[keep].absorb(self.open.pop(gone))
                merged[gone] = keep
                merged[keep] = keep
                self._changed.add(keep)
                self._unreported.add(keep)
            self.index.merge({k: v for k, v in merged.items() if k != v})

    def _close(self, *, final: bool, attach: bool = True) -> None:
        closing = set(self.open) if final else self._expired()
        if attach:
            closing = self._attach_lone(closing)
        self._report()
        self.index.drop(closing, sum(self.open[k].size for k in closing))
        for key in sorted(closing, key=lambda k: self.open[k].last_sequence):
            story = self.open.pop(key)
            self.closed.append(story.article_ids)
            for article_id in story.article_ids:
                self._reported.pop(article_id, None)

    def _attach_lone(self, closing: set[int]) -> set[int]:
        """Fold closing one-article stories into a clearly nearest story (see
        `lone_attachments`); return the stories still to close. A joined group closes only
        if all its stories were closing: a lone article may join a story still active."""
        lone = [k for k in closing if self.open[k].size == 1]
        attached = lone_attachments(self.index, self.open, lone, self.params)
        mapping: dict[int, int] = {}
        for keep, members in _joined(attached).items():
            closes = all(k in closing for k in members)
            closing.difference_update(members)
            for gone in members:
                if gone != keep:
                    self.open[keep].absorb(self.open.pop(gone))
                    mapping[gone] = keep
            self._unreported.add(keep)
            if closes:
                closing.add(keep)
            else:
                self._changed.add(keep)
        self.index.merge(mapping)
        return closing

    def _expired(self) -> set[int]:
        expired: set[int] = set()
        if self._clock is not None:
            horizon = self._clock - self.params.window_days * 86_400
            expired = {
                k for k, s in self.open.items() if s.last_seen is not None and s.last_seen < horizon
            }
        held = self.index.articles - sum(self.open[k].size for k in expired)
        if held <= self.params.max_window_articles:
            return expired
        # Over capacity: close down to a tenth below it, so that a full window is not
        # checkpointed again at every batch (each checkpoint costs the whole window).
        target = self.params.max_window_articles - self.params.max_window_articles // 10
        for key in sorted(self.open, key=lambda k: self.open[k].last_sequence):
            if held <= target:
                break
            if key not in expired:
                expired.add(key)
                held -= self.open[key].size
        return expired

    def _report(self) -> None:
        """Queue an assignment for every article whose story id is new since the last one."""
        touched, self._unreported = self._unreported, set()
        for key in sorted(touched):  # the order of `open`: keys grow as stories are founded
            story = self.open.get(key)
            if story is None:
                continue
            story_id = founder_story_id(story.founder[1])
            for article_id in story.article_ids:
                if self._reported.get(article_id) != story_id:
                    self._reported[article_id] = story_id
                    self._pending.append(Assignment(article_id, story_id))


def _top(matrix: np.ndarray, k: int) -> np.ndarray:
    if matrix.shape[1] <= k:
        return matrix
    return np.partition(matrix, -k, axis=1)[:, -k:]


def _hubness_among(vectors: sp.csr_matrix, k: int) -> np.ndarray:
    """Each row's summed similarity to its k most similar other rows, over k (absent: 0)."""
    hubness = np.zeros(vectors.shape[0])
    for start in range(0, vectors.shape[0], 512):
        block = (vectors[start : start + 512] @ vectors.T).toarray()
        block[np.arange(len(block)), np.arange(start, start + len(block))] = -np.inf
        top = _top(block, k)
        top[~np.isfinite(top)] = 0.0
        hubness[start : start + len(block)] = top.sum(axis=1) / k
    return hubness


def _joined(pairs: Sequence[tuple[int, int]]) -> dict[int, list[int]]:
    """The connected groups of the given key pairs, each under its smallest key."""
    forest: KeyForest[int] = KeyForest()
    for first, second in pairs:
        forest.union(first, second)
    return forest.groups()
