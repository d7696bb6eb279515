"""The default runner: every stage in this process, batch by batch; a CPU-bound map stage
(`cpu_bound = True`) over enough items runs in worker processes, one per core (`pool`)."""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable, Iterator
from itertools import chain, islice
from typing import Any

from storyline.model import Dropped
from storyline.pipeline import Pipeline, PipelineError, RunReport, StageStats
from storyline.runners.base import DropHandler
from storyline.runners.pool import (
    MIN_POOLED_BATCHES,
    map_in_pool,
    pool_workers,
    poolable,
    wants_pool,
)
from storyline.runners.progress import NullProgress, ProgressSink
from storyline.stage import GroupStage, MapStage, Stage


def _ignore(_: Dropped) -> None:
    pass


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


_MAP_BATCH = 64
# Batches for workers: at most this many items, fewer towards the end (`shrinking_batches`).
_POOLED_BATCH = 32
_LAST_POOLED_BATCH = 4
# A batch holds at most this share of what is left per worker.
_SHARES_PER_WORKER = 4


def shrinking_batches(
    items: list[Any], largest: int, smallest: int, workers: int
) -> list[list[Any]]:
    """Consecutive batches of `items` that shrink as the end nears (guided self-scheduling):
    items differ in cost, and one core must not be left idle while the other finishes a
    large last batch; at most `largest` items a batch, at least `smallest`."""
    batches, start = [], 0
    while start < len(items):
        left = len(items) - start
        size = min(largest, max(smallest, -(-left // (workers * _SHARES_PER_WORKER))))
        batches.append(items[start : start + size])
        start += size
    return batches


class LocalRunner:
    """Runs stages on this machine; map stages in batches, group stages one key at a time.

    `workers` caps the processes of a CPU-bound map stage (default: one per core; 1 keeps
    everything in this process)."""

    def __init__(
        self,
        progress: ProgressSink | None = None,
        on_dropped: DropHandler | None = None,
        workers: int | None = None,
    ) -> None:
        self.progress = progress or NullProgress()
        self.on_dropped = on_dropped or _ignore
        self.workers = pool_workers(workers)
        self._ready: set[int] = set()

    def _setup(self, pipeline: Pipeline) -> None:
        for stage in pipeline.stages:
            if id(stage) not in self._ready:
                stage.setup()
                self._ready.add(id(stage))

    def _keep(self, outputs: list[Any], stats: StageStats) -> list[Any]:
        kept = []
        for item in outputs:
            if isinstance(item, Dropped):
                stats.count_drop(item.reason)
                self.on_dropped(item)
            else:
                kept.append(item)
        stats.items_out += len(kept)
        return kept

    def _map(self, stage: MapStage[Any, Any], batch: list[Any], stats: StageStats) -> list[Any]:
        started = time.perf_counter()
        outputs = stage.process(batch)
        stats.seconds += time.perf_counter() - started
        stats.items_in += len(batch)
        return self._keep(outputs, stats)

    def stream(
        self, pipeline: Pipeline, items: Iterable[Any], report: RunReport, batch_size: int = 256
    ) -> Iterator[list[Any]]:
        if not pipeline.streams:
            raise PipelineError("only a pipeline of map stages can stream")
        self._setup(pipeline)
        batches = _batches(items, batch_size)
        only = pipeline.stages[0] if len(pipeline.stages) == 1 else None
        if isinstance(only, MapStage) and poolable(only, self.workers):
            yield from self._stream_in_pool(only, batches, report)
            return
        for batch in batches:
            for stage in pipeline.stages:
                assert isinstance(stage, MapStage)
                batch = self._map(stage, batch, report.stats(stage.name))
            yield batch

    def _stream_in_pool(
        self, stage: MapStage[Any, Any], batches: Iterator[list[Any]], report: RunReport
    ) -> Iterator[list[Any]]:
        """A one-stage stream on worker processes, once it proves long enough to gain."""
        first = list(islice(batches, MIN_POOLED_BATCHES))
        stats = report.stats(stage.name)  # after the first reads, so stages list in order
        if len(first) < MIN_POOLED_BATCHES:
            for batch in first:
                yield self._map(stage, batch, stats)
            return
        results = map_in_pool(stage, chain(first, batches), self.workers)
        try:
            while True:
                # Time spent here is the stage's (waiting for workers); time between yields
                # is the consumer's.
                started = time.perf_counter()
                done = next(results, None)
                stats.seconds += time.perf_counter() - started
                if done is None:
                    return
                batch, outputs = done
                stats.items_in += len(batch)
                yield self._keep(outputs, stats)
        finally:
            results.close()  # a consumer that stops early stops the workers too

    def run(self, pipeline: Pipeline, items: Iterable[Any], report: RunReport) -> list[Any]:
        self._setup(pipeline)
        current = list(items)
        for stage in pipeline.stages:
            current = self._run_stage(stage, current, report.stats(stage.name))
        return current

    def _run_stage(self, stage: Stage[Any, Any], items: list[Any], stats: StageStats) -> list[Any]:
        task = self.progress.task(stage.name, total=len(items))
        out: list[Any] = []
        if isinstance(stage, MapStage) and wants_pool(
            stage, len(items), _POOLED_BATCH, self.workers
        ):
            started = time.perf_counter()
            batches = shrinking_batches(items, _POOLED_BATCH, _LAST_POOLED_BATCH, self.workers)
            workers = min(self.workers, len(batches))
            for batch, outputs in map_in_pool(stage, batches, workers):
                stats.items_in += len(batch)
                out.extend(self._keep(outputs, stats))
                task.advance(len(batch))
            stats.seconds += time.perf_counter() - started
        elif isinstance(stage, MapStage):
            for batch in _batches(items, _MAP_BATCH):
                out.extend(self._map(stage, batch, stats))
                task.advance(len(batch))
        elif isinstance(stage, GroupStage):
            started = time.perf_counter()
            groups: dict[Hashable, list[Any]] = {}
            for item in items:
                groups.setdefault(stage.key(item), []).append(item)
            stats.seconds += time.perf_counter() - started
            for members in groups.values():
                started = time.perf_counter()
                outputs = stage.group(members)
                stats.seconds += time.perf_counter() - started
                stats.items_in += len(members)
                out.extend(self._keep(outputs, stats))
                task.advance(len(members))
        task.finish()
        return out

    def close(self) -> None:
        self._ready.clear()
