"""Running a CPU-bound map stage in worker processes, one per core, results in input order.

A stage opts in with a class attribute `cpu_bound = True`. Workers are forked where the
platform allows it, so they share the parent's loaded model instead of loading their own;
elsewhere they are spawned and run the stage's `setup()` once each. A stage that keeps
something in this process which workers cannot use (a store connection as a cache) offers
the `RemoteAware` methods: the parent reads what a batch needs, the worker processes the
batch with it and sends back what it made, and the parent keeps that.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol, runtime_checkable

from storyline.stage import MapStage, Stage

# Below this many batches the pool's start-up costs more than the second core gains.
MIN_POOLED_BATCHES = 2
# Batches in flight per worker: enough to keep every core busy, few enough to bound memory.
_AHEAD_PER_WORKER = 2
# Workers are replaced after this many batches each: a spaCy pipeline grows as it parses
# (its string store and lookup caches keep every new token), so a long run would otherwise
# grow without bound; a forked replacement starts from the parent's loaded model.
BATCHES_PER_WORKER_LIFE = 40


@runtime_checkable
class RemoteAware(Protocol):
    """A stage whose workers need data held by the parent process, and send data back."""

    def prepare_remote(self, batch: Sequence[Any]) -> Any: ...

    def process_remote(self, batch: Sequence[Any], prepared: Any) -> tuple[list[Any], Any]: ...

    def finish_remote(self, returned: Any) -> None: ...

    def detach_for_worker(self) -> None: ...


def pool_workers(requested: int | None) -> int:
    """Worker processes to use: as asked, else one per core."""
    return max(1, requested if requested is not None else os.cpu_count() or 1)


def wants_pool(stage: Stage[Any, Any], items: int, batch_size: int, workers: int) -> bool:
    return (
        workers > 1
        and isinstance(stage, MapStage)
        and bool(getattr(stage, "cpu_bound", False))
        and items >= MIN_POOLED_BATCHES * batch_size
    )


_worker_stage: MapStage[Any, Any] | None = None


def _start_worker(stage: MapStage[Any, Any]) -> None:
    global _worker_stage
    if isinstance(stage, RemoteAware):
        stage.detach_for_worker()
    stage.setup()  # a no-op for a forked copy that was set up already
    _worker_stage = stage


def _run_batch(batch: list[Any], prepared: Any) -> tuple[list[Any], Any]:
    stage = _worker_stage
    assert stage is not None, "worker not started"
    if isinstance(stage, RemoteAware):
        return stage.process_remote(batch, prepared)
    return stage.process(batch), None


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def map_in_pool(
    stage: MapStage[Any, Any],
    batches: Sequence[list[Any]],
    workers: int,
    *,
    batches_per_life: int = BATCHES_PER_WORKER_LIFE,
) -> Iterator[tuple[list[Any], list[Any]]]:
    """(batch, outputs) for every batch, in order, computed by `workers` processes that are
    replaced by fresh ones every `batches_per_life` batches each."""
    span = max(1, workers * batches_per_life)
    for start in range(0, len(batches), span):
        yield from _map_in_one_pool(stage, batches[start : start + span], workers)


def _map_in_one_pool(
    stage: MapStage[Any, Any], batches: Sequence[list[Any]], workers: int
) -> Iterator[tuple[list[Any], list[Any]]]:
    remote = isinstance(stage, RemoteAware)
    # Forked workers share the parent's pages until they write to them, and a garbage
    # collection in a worker writes to every object it visits: frozen, the parent's objects
    # (a whole run's articles among them) are never visited there, so they stay shared.
    gc.freeze()
    try:
        yield from _map_with_frozen_parent(stage, batches, workers, remote)
    finally:
        gc.unfreeze()


def _map_with_frozen_parent(
    stage: MapStage[Any, Any], batches: Sequence[list[Any]], workers: int, remote: bool
) -> Iterator[tuple[list[Any], list[Any]]]:
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=_start_worker, initargs=(stage,)
    ) as pool:
        pending: list[tuple[list[Any], Future[tuple[list[Any], Any]]]] = []
        upcoming = iter(batches)
        while True:
            while len(pending) < workers * _AHEAD_PER_WORKER:
                batch = next(upcoming, None)
                if batch is None:
                    break
                prepared = stage.prepare_remote(batch) if remote else None  # type: ignore[attr-defined]
                pending.append((batch, pool.submit(_run_batch, batch, prepared)))
            if not pending:
                return
            batch, future = pending.pop(0)
            outputs, returned = future.result()
            if remote:
                stage.finish_remote(returned)  # type: ignore[attr-defined]
            yield batch, outputs
