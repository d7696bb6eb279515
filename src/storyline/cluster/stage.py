"""Story grouping stages: by similarity (default), all in one, or by the inputs' story keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import ClassVar

from storyline.cluster.clusterer import StoryClusterer
from storyline.cluster.naming import story_id, story_title
from storyline.cluster.params import ClusterParams, fitted_params
from storyline.model import Article, Dropped, Story, publication_order
from storyline.stage import GroupStage, JSONValue


def _root(article: Article, by_id: dict[str, Article]) -> str | None:
    """The original a copy points at, through chains of copies; None for an original."""
    seen: set[str] = set()
    current = article
    while current.duplicate_of is not None and current.duplicate_of in by_id:
        if current.id in seen:  # a cycle of copies: treat the article as its own original
            return None
        seen.add(current.id)
        current = by_id[current.duplicate_of]
    return current.id if current is not article else None


def split_copies(items: Sequence[Article]) -> tuple[list[Article], dict[str, list[Article]]]:
    """Originals in publication order, and each original's copies (chains resolved)."""
    by_id = {a.id: a for a in items}
    originals: list[Article] = []
    copies: dict[str, list[Article]] = defaultdict(list)
    for article in items:
        root = _root(article, by_id)
        if root is None:
            originals.append(article)
        else:
            copies[root].append(article)
    return sorted(originals, key=publication_order), copies


def with_copies(
    originals: Sequence[Article], copies: dict[str, list[Article]]
) -> tuple[Article, ...]:
    members = list(originals)
    for article in originals:
        members.extend(copies.get(article.id, ()))
    return tuple(sorted(members, key=publication_order))


def make_story(members: tuple[Article, ...], key: str | None = None) -> Story:
    return Story(id=story_id(members, key), title=story_title(members), articles=members, key=key)


class ClusterStage(GroupStage[Article, Story]):
    """Groups the articles of one language into stories with the online `StoryClusterer`.

    The store hands over every article at once; they are streamed through the clusterer in
    publication order, so memory is bounded by its window, not by the corpus.
    """

    name = "cluster"
    consumes: ClassVar[type] = Article
    produces: ClassVar[type] = Story

    def __init__(self, params: dict[str, JSONValue] | None = None) -> None:
        self.overrides = dict(params or {})

    def params(self) -> dict[str, JSONValue]:
        return fitted_params().as_dict() | self.overrides

    def cluster_params(self) -> ClusterParams:
        return ClusterParams.from_dict(self.params())

    def key(self, item: Article) -> Hashable:
        return item.language or "und"

    def group(self, items: Sequence[Article]) -> list[Story | Dropped]:
        originals, copies = split_copies(items)
        by_id = {a.id: a for a in originals}
        clusterer = StoryClusterer(self.cluster_params())
        clusterer.add(originals)
        return [
            make_story(with_copies([by_id[i] for i in ids], copies)) for ids in clusterer.finish()
        ]


class OneStoryStage(GroupStage[Article, Story]):
    """Every article in one story (`--one-story`)."""

    name = "cluster"
    consumes: ClassVar[type] = Article
    produces: ClassVar[type] = Story

    def key(self, item: Article) -> Hashable:
        return "all"

    def group(self, items: Sequence[Article]) -> list[Story | Dropped]:
        originals, copies = split_copies(items)
        return [make_story(with_copies(originals, copies))] if originals else []


class GivenStoriesStage(GroupStage[Article, Story]):
    """Articles grouped by their input's `story` key (`--given-stories`).

    Articles without a key are grouped by similarity, as the default stage would.
    """

    name = "cluster"
    consumes: ClassVar[type] = Article
    produces: ClassVar[type] = Story

    def __init__(self, params: dict[str, JSONValue] | None = None) -> None:
        self.fallback = ClusterStage(params)

    def params(self) -> dict[str, JSONValue]:
        return self.fallback.params()

    def key(self, item: Article) -> Hashable:
        if item.given_story is not None:
            return ("given", item.given_story)
        return ("similar", self.fallback.key(item))

    def group(self, items: Sequence[Article]) -> list[Story | Dropped]:
        key = items[0].given_story
        if key is None:
            return self.fallback.group(items)
        originals, copies = split_copies(items)
        return [make_story(with_copies(originals, copies), key=key)]
