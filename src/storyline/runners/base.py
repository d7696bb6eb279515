"""What every runner offers the API."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from storyline.model import Dropped
from storyline.pipeline import Pipeline, RunReport

DropHandler = Callable[[Dropped], None]


class Runner(Protocol):
    """Executes pipelines; counts items, drops and seconds per stage into a RunReport."""

    def stream(
        self, pipeline: Pipeline, items: Iterable[Any], report: RunReport, batch_size: int = 256
    ) -> Iterator[list[Any]]:
        """Outputs of a map-only pipeline, batch by batch, so callers can store as they go."""
        ...

    def run(self, pipeline: Pipeline, items: Iterable[Any], report: RunReport) -> list[Any]:
        """All outputs of any pipeline (group stages see every item of their key)."""
        ...

    def close(self) -> None: ...
