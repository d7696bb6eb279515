"""Running a CPU-bound map stage in worker processes, one per core, results in input order.

A stage opts in with a class attribute `cpu_bound = True`. Workers are forked where the
platform allows it, so they share the parent's loaded model instead of loading their own;
elsewhere they are spawned and run the stage's `setup()` once each. A stage that keeps
something in this process which workers cannot use (a store connection as a cache) offers
the `RemoteAware` methods: the parent reads what a batch needs, the worker processes the
batch with it and sends back what it made, and the parent keeps that; the worker may send
back less than the outputs (what the parent does not hold already) for the parent to
complete.

Batches known before the pool starts are not sent to forked workers at all: they inherit
them with the parent's memory and are sent only each batch's position.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice, pairwise
from typing import Any, Protocol, runtime_checkable

from storyline.forking import can_fork, parent_frozen
from storyline.stage import MapStage, Stage

# Below this many batches the pool's start-up costs more than the second core gains.
MIN_POOLED_BATCHES = 2
# Batches in flight per worker: enough to keep every core busy, few enough to bound memory.
_AHEAD_PER_WORKER = 4
# Workers are replaced after this many batches each: a spaCy pipeline grows as it parses
# (its string store and lookup caches keep every new token), so a long run would otherwise
# grow without bound; a forked replacement starts from the parent's loaded model.
BATCHES_PER_WORKER_LIFE = 40
# How often a worker checks that its parent is still alive.
_PARENT_CHECK_SECONDS = 0.5


@runtime_checkable
class RemoteAware(Protocol):
    """A stage whose workers need data held by the parent process, and send data back."""

    def prepare_remote(self, batch: Sequence[Any]) -> Any: ...

    def process_remote(self, batch: Sequence[Any], prepared: Any) -> tuple[list[Any], Any]: ...

    def finish_remote(self, batch: Sequence[Any], outputs: list[Any], returned: Any) -> list[Any]:
        """Keeps what the worker `returned`; the batch's outputs, completed from `outputs`."""
        ...

    def detach_for_worker(self) -> None: ...


def pool_workers(requested: int | None) -> int:
    """Worker processes to use: as asked, else one per core."""
    return max(1, requested if requested is not None else os.cpu_count() or 1)


def poolable(stage: Stage[Any, Any], workers: int) -> bool:
    """Whether the stage may run in worker processes, given how many are allowed."""
    return workers > 1 and isinstance(stage, MapStage) and bool(getattr(stage, "cpu_bound", False))


def wants_pool(stage: Stage[Any, Any], items: int, batch_size: int, workers: int) -> bool:
    return poolable(stage, workers) and items >= MIN_POOLED_BATCHES * batch_size


_worker_stage: MapStage[Any, Any] | None = None
_worker_batches: Sequence[list[Any]] = ()


def _start_worker(stage: MapStage[Any, Any], inherited: Sequence[list[Any]]) -> None:
    global _worker_stage, _worker_batches
    _exit_with_parent(os.getppid())
    if isinstance(stage, RemoteAware):
        stage.detach_for_worker()
    stage.setup()  # a no-op for a forked copy that was set up already
    _worker_stage = stage
    _worker_batches = inherited


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone. A parent killed outright (SIGKILL, the OOM
    killer) never shuts its pool down, and a forked worker waiting for work holds the write
    end of its own task pipe, so it would wait forever, an orphan holding memory."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="storyline-parent-watch", daemon=True).start()


def _run_inherited_batch(index: int, prepared: Any) -> tuple[list[Any], Any]:
    return _run_batch(_worker_batches[index], prepared)


def _run_batch(batch: list[Any], prepared: Any) -> tuple[list[Any], Any]:
    stage = _worker_stage
    assert stage is not None, "worker not started"
    if isinstance(stage, RemoteAware):
        return stage.process_remote(batch, prepared)
    return stage.process(batch), None


def _context() -> Any:
    return multiprocessing.get_context("fork" if can_fork() else "spawn")


def _forks(context: Any) -> bool:
    return bool(context.get_start_method() == "fork")


def map_in_pool(
    stage: MapStage[Any, Any],
    batches: Iterable[list[Any]],
    workers: int,
    *,
    batches_per_life: int = BATCHES_PER_WORKER_LIFE,
) -> Generator[tuple[list[Any], list[Any]], None, None]:
    """(batch, outputs) for every batch, in order, computed by `workers` processes that are
    replaced by fresh ones every `batches_per_life` batches each. Batches that come as an
    iterator (a stream) are read only as workers need them."""
    span = max(1, workers * batches_per_life)
    if isinstance(batches, Sequence):
        for start, end in pairwise(generations(len(batches), span)):
            yield from _map_in_one_pool(stage, batches[start:end], workers)
        return
    upcoming = iter(batches)
    while (first := next(upcoming, None)) is not None:
        yield from _map_in_one_pool(stage, chain([first], islice(upcoming, span - 1)), workers)


def generations(batches: int, span: int) -> list[int]:
    """Where each pool's share of `batches` starts, then the end: every `span` batches, but
    a remainder under half a span stays with the last pool, since starting a pool for a few
    batches costs more (a fork, a warm-up, a core idle while the other finishes) than the
    little the workers grow in them."""
    starts = list(range(0, batches, span))
    if len(starts) > 1 and batches - starts[-1] < span / 2:
        starts.pop()
    return [*starts, batches]


def _map_in_one_pool(
    stage: MapStage[Any, Any], batches: Iterable[list[Any]], workers: int
) -> Iterator[tuple[list[Any], list[Any]]]:
    remote = isinstance(stage, RemoteAware)
    # Frozen for the pool's whole life: its workers are forked as work is submitted.
    with parent_frozen():
        yield from _map_with_frozen_parent(stage, batches, workers, remote)


def _map_with_frozen_parent(
    stage: MapStage[Any, Any], batches: Iterable[list[Any]], workers: int, remote: bool
) -> Iterator[tuple[list[Any], list[Any]]]:
    context = _context()
    # A forked worker starts with the parent's memory: batches already in it need not travel.
    inherited = batches if isinstance(batches, Sequence) and _forks(context) else ()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(stage, inherited),
    ) as pool:
        pending: list[tuple[list[Any], Future[tuple[list[Any], Any]]]] = []
        upcoming = enumerate(batches)
        while True:
            while len(pending) < workers * _AHEAD_PER_WORKER:
                index, batch = next(upcoming, (-1, None))
                if batch is None:
                    break
                prepared = stage.prepare_remote(batch) if remote else None  # type: ignore[attr-defined]
                future = (
                    pool.submit(_run_inherited_batch, index, prepared)
                    if inherited
                    else pool.submit(_run_batch, batch, prepared)
                )
                pending.append((batch, future))
            if not pending:
                return
            batch, future = pending.pop(0)
            outputs, returned = future.result()
            if remote:
                outputs = stage.finish_remote(batch, outputs, returned)  # type: ignore[attr-defined]
            yield batch, outputs
