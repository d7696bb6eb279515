"""Story grouping stages: by similarity (default), all in one, or by the inputs' story keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import ClassVar

from storyline.cluster.naming import headline_of, story_id
from storyline.cluster.online import DEFAULT_THRESHOLD, assign_stories
from storyline.model import Article, Dropped, Story, publication_order
from storyline.stage import GroupStage, JSONValue


def _with_copies(
    originals: Sequence[Article], copies: dict[str, list[Article]]
) -> tuple[Article, ...]:
    members = list(originals)
    for article in originals:
        members.extend(copies.get(article.id, ()))
    return tuple(sorted(members, key=publication_order))


def _split_copies(items: Sequence[Article]) -> tuple[list[Article], dict[str, list[Article]]]:
    ids = {a.id for a in items}
    originals = [a for a in items if a.duplicate_of is None or a.duplicate_of not in ids]
    copies: dict[str, list[Article]] = defaultdict(list)
    for article in items:
        if article.duplicate_of is not None and article.duplicate_of in ids:
            copies[article.duplicate_of].append(article)
    return sorted(originals, key=publication_order), copies


def make_story(members: tuple[Article, ...], key: str | None = None) -> Story:
    return Story(
        id=story_id(members, key), title=headline_of(members[0]), articles=members, key=key
    )


class ClusterStage(GroupStage[Article, Story]):
    """Groups articles of one language into stories by TF-IDF similarity, in date order."""

    name = "cluster"
    consumes: ClassVar[type] = Article
    produces: ClassVar[type] = Story

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold

    def params(self) -> dict[str, JSONValue]:
        return {"threshold": self.threshold}

    def key(self, item: Article) -> Hashable:
        return item.language or "und"

    def group(self, items: Sequence[Article]) -> list[Story | Dropped]:
        originals, copies = _split_copies(items)
        groups = assign_stories(originals, self.threshold)
        return [make_story(_with_copies([originals[i] for i in g], copies)) for g in groups]


class OneStoryStage(GroupStage[Article, Story]):
    """Every article in one story (`--one-story`)."""

    name = "cluster"
    consumes: ClassVar[type] = Article
    produces: ClassVar[type] = Story

    def key(self, item: Article) -> Hashable:
        return "all"

    def group(self, items: Sequence[Article]) -> list[Story | Dropped]:
        originals, copies = _split_copies(items)
        return [make_story(_with_copies(originals, copies))] if originals else []


class GivenStoriesStage(GroupStage[Article, Story]):
    """Articles grouped by their input's `story` key (`--given-stories`).

    Articles without a key are grouped by similarity, as the default stage would.
    """

    name = "cluster"
    consumes: ClassVar[type] = Article
    produces: ClassVar[type] = Story

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.fallback = ClusterStage(threshold)

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
        originals, copies = _split_copies(items)
        return [make_story(_with_copies(originals, copies), key=key)]
