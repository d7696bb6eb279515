"""What a merged entity is called and what type it is, from the mentions it gathers.

Types are decided by vote: each mention votes for the type the recognizer gave it, and a
type the text states ("the town of Velnik") outweighs any number of guesses. The name is the
fullest form the story uses most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.model import EntityType
from storyline.synthesize.entity_mentions import Mention

_STATED_TYPE_WEIGHT = 100  # decisive: the text says what the name is
# Tied votes go to the type first in this order.
_TYPE_ORDER: tuple[EntityType, ...] = ("person", "organization", "place", "other")


@dataclass
class EntityCluster:
    """The mentions of one entity: the forms written, the type votes, the articles."""

    forms: Counter[str] = field(default_factory=Counter)
    types: Counter[EntityType] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        """The form the story uses most among its fullest: a name of two or more words beats
        a lone surname or an acronym, then the most mentions, then the longer form."""
        return max(
            self.forms,
            key=lambda f: (len(f.split()) > 1, self.forms[f], len(f.split()), f),
        )

    @property
    def type(self) -> EntityType:
        return majority_type(self.types)


def majority_type(votes: Counter[EntityType]) -> EntityType:
    return max(_TYPE_ORDER, key=lambda t: (votes.get(t, 0), -_TYPE_ORDER.index(t)))


def key_types(mentions: Iterable[Mention]) -> dict[str, EntityType]:
    """The type of each mention key, by a plain vote of its mentions."""
    votes: dict[str, Counter[EntityType]] = {}
    for mention in mentions:
        votes.setdefault(mention.key, Counter())[mention.type] += 1
    return {key: majority_type(counter) for key, counter in votes.items()}


def gather_clusters(mentions: list[Mention], roots: dict[int, str]) -> dict[str, EntityCluster]:
    """Root -> the cluster of the mentions placed under it (`roots` by mention number)."""
    clusters: dict[str, EntityCluster] = {}
    for number, mention in enumerate(mentions):
        root = roots.get(number)
        if root is None:
            continue
        cluster = clusters.setdefault(root, EntityCluster())
        cluster.forms[mention.text] += 1
        cluster.types[mention.type] += _STATED_TYPE_WEIGHT if mention.typed_by_text else 1
        cluster.articles.add(mention.article_id)
    return clusters
