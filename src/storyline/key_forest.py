"""Union-find over sortable keys, shared by the entity merger and the story clusterer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

Key = TypeVar("Key", str, int)


class KeyForest(Generic[Key]):
    """Union-find whose merged set's root is its smallest key, whatever the order of the
    merges, so that what is built from the sets does not depend on that order."""

    def __init__(self, keys: Iterable[Key] = ()) -> None:
        self._parent: dict[Key, Key] = {key: key for key in keys}

    def __contains__(self, key: Key) -> bool:
        return key in self._parent

    def __iter__(self) -> Iterator[Key]:
        return iter(self._parent)

    def find(self, key: Key) -> Key:
        parent = self._parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, first: Key, second: Key) -> None:
        root_a, root_b = self.find(first), self.find(second)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> dict[Key, list[Key]]:
        """Each set's members, under its root."""
        found: dict[Key, list[Key]] = {}
        for key in list(self._parent):
            found.setdefault(self.find(key), []).append(key)
        return found
