"""The stage contract: what every step of the pipeline promises its runners.

A stage is a small class with one job.

* `__init__` stores plain, JSON-serialisable parameters only, so a runner can ship the stage
  to another process and rebuild it there; `params()` returns them.
* `setup()` loads heavy resources (a spaCy pipeline, a model) once per worker, before the
  first batch. It must be safe to call more than once.
* A stage never raises for a bad item. It returns a `Dropped` in place of the item, and the
  runner counts the reason. An exception from a stage is a bug and stops the run.
* Stages hold no module-level state and never import runners, stores or the CLI.

There are two kinds:

* `MapStage.process(batch)` takes a batch of items and returns, for each, zero or more output
  items or `Dropped` records. Runners may split the input into batches of any size.
* `GroupStage` declares `key(item)` and `group(items)`. Runners gather items by key and call
  `group` once per key with every item of that key. Keys must bound the group's size (a
  language and a time window, a content hash), so the same stage can run as a Dask groupby.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from storyline.model import Dropped

In = TypeVar("In")
Out = TypeVar("Out")

JSONValue = str | int | float | bool | None | list[Any] | dict[str, Any]


class Stage(ABC, Generic[In, Out]):
    """Base of every stage; see the module docstring for the contract."""

    name: ClassVar[str] = "stage"

    def params(self) -> dict[str, JSONValue]:
        """The plain parameters the stage was built with (for reports and for rebuilding)."""
        return {}

    def setup(self) -> None:
        """Load heavy resources once per worker."""


class MapStage(Stage[In, Out]):
    """Turns each item of a batch into zero or more items."""

    @abstractmethod
    def process(self, batch: Sequence[In]) -> list[Out | Dropped]:
        """Return the outputs of the batch; a dropped item becomes a `Dropped`."""


class GroupStage(Stage[In, Out]):
    """Gathers items by a bounded key and turns each group into zero or more items."""

    @abstractmethod
    def key(self, item: In) -> Hashable:
        """The group an item belongs to; runners pass each group to `group` whole."""

    @abstractmethod
    def group(self, items: Sequence[In]) -> list[Out | Dropped]:
        """Return the outputs for the items of one key."""
