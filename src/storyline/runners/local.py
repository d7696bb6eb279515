"""The default runner: every stage in this process, batch by batch; a CPU-bound map stage
(`cpu_bound = True`) over enough items runs in worker processes, one per core (`pool`)."""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable, Iterator
from itertools import islice
from typing import Any

from storyline.model import Dropped
from storyline.pipeline import Pipeline, PipelineError, RunReport, StageStats
from storyline.runners.base import DropHandler
from storyline.runners.pool import map_in_pool, pool_workers, wants_pool
from storyline.runners.progress import NullProgress, ProgressSink
from storyline.stage import GroupStage, MapStage, Stage


def _ignore(_: Dropped) -> None:
    pass


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


_MAP_BATCH = 64
# Smaller batches for workers, so that the last ones finish together.
_POOLED_BATCH = 32


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
        for batch in _batches(items, batch_size):
            for stage in pipeline.stages:
                assert isinstance(stage, MapStage)
                batch = self._map(stage, batch, report.stats(stage.name))
            yield batch

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
            batches = list(_batches(items, _POOLED_BATCH))
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
