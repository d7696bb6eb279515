"""What the CLI shows on the terminal: progress bars, skipped inputs, stage and story tables.

Progress bars and tables go to stderr and only when it is a terminal, so piped output stays
machine-readable; skipped inputs are always reported, one line each.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from storyline.model import Dropped
from storyline.runners import NullProgress, ProgressSink, ProgressTask
from storyline.store import StoryRow


class _RichTask:
    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress = progress
        self._task = task

    def advance(self, amount: int = 1) -> None:
        self._progress.advance(self._task, amount)

    def finish(self) -> None:
        self._progress.stop_task(self._task)


class _RichProgress:
    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def task(self, description: str, total: int | None = None) -> ProgressTask:
        return _RichTask(self._progress, self._progress.add_task(description, total=total))


class Terminal:
    def __init__(self) -> None:
        self.errors = Console(stderr=True, highlight=False, soft_wrap=True)
        self.interactive = sys.stderr.isatty()

    @contextmanager
    def progress(self) -> Iterator[ProgressSink]:
        if not self.interactive:
            yield NullProgress()
            return
        columns = (
            SpinnerColumn(),
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        # Each refresh redraws every stage's row, in the process that feeds the workers:
        # rich's default ten a second cost about 4% of a core, two a second a quarter of that.
        with Progress(
            *columns, console=self.errors, transient=True, refresh_per_second=2
        ) as progress:
            yield _RichProgress(progress)

    def report_dropped(self, dropped: Dropped) -> None:
        self.errors.print(f"storyline: {dropped.message()}", markup=False)

    def stage_table(self, rows: Sequence[dict[str, Any]]) -> None:
        if not self.interactive:
            return
        table = Table(title="stages", title_justify="left")
        for column in ("stage", "in", "out", "dropped", "seconds", "items/s"):
            table.add_column(column, justify="left" if column in ("stage", "dropped") else "right")
        for row in rows:
            dropped = ", ".join(f"{reason}: {n}" for reason, n in row["dropped"].items())
            rate = row["items_per_second"]
            table.add_row(
                row["stage"],
                str(row["in"]),
                str(row["out"]),
                dropped or "-",
                f"{row['seconds']:.2f}",
                "-" if rate is None else f"{rate:.0f}",
            )
        self.errors.print(table)

    def story_table(self, rows: Sequence[StoryRow]) -> None:
        console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
        if not rows:
            console.print("no stories in the store", markup=False)
            return
        table = Table()
        for column in ("id", "articles", "first", "last", "title"):
            table.add_column(column)
        for row in rows:
            table.add_row(
                row.id,
                str(row.size),
                row.first_published or "-",
                row.last_published or "-",
                row.title,
            )
        console.print(table)
