"""Progress reporting hooks, so runners stay free of any terminal library."""

from __future__ import annotations

from typing import Protocol


class ProgressTask(Protocol):
    def advance(self, amount: int = 1) -> None: ...

    def finish(self) -> None: ...


class ProgressSink(Protocol):
    def task(self, description: str, total: int | None = None) -> ProgressTask: ...


class _NullTask:
    def advance(self, amount: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class NullProgress:
    """Reports nothing: the default when output is not a terminal."""

    def task(self, description: str, total: int | None = None) -> ProgressTask:
        return _NullTask()
