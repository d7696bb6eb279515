"""What a distributed runner's workers execute: stages over partitions, keyed splits, groups.

Plain functions of plain data, with no engine imported, so any engine that can call a
function on a worker (Dask here) can run them, and so they can be tested in-process. Each
returns its outputs together with the stage's statistics and `Dropped` records, which the
runner brings back to the client to count and report.

A stage is shipped to workers as the object the pipeline holds (its `__init__` keeps plain
parameters only) and set up at most once per worker process: the first task to meet a stage
with given class and parameters calls `setup()` and keeps it for every later task.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from storyline.model import Dropped
from storyline.pipeline import StageStats
from storyline.stage import GroupStage, MapStage, Stage

S = TypeVar("S", bound=Stage[Any, Any])

# Per worker process, by design: this is where a stage's loaded models live between tasks.
_READY_STAGES: dict[str, Stage[Any, Any]] = {}
_READY_LOCK = threading.Lock()


@dataclass(slots=True)
class PartitionResult:
    """One partition's outputs after a stage, with what the stage counted on the way."""

    items: list[Any]
    stats: list[StageStats]
    dropped: list[Dropped] = field(default_factory=list)


@dataclass(slots=True)
class KeyedPartition:
    """One partition's items with their group keys, split into buckets by key."""

    buckets: list[list[tuple[Hashable, Any]]]
    stats: StageStats


def stage_identity(stage: Stage[Any, Any]) -> str:
    kind = type(stage)
    params = json.dumps(stage.params(), sort_keys=True, default=repr)
    return f"{kind.__module__}.{kind.__qualname__}:{params}"


def shippable(stage: S) -> S:
    """A copy of `stage` rebuilt from its parameters, to send to workers.

    A stage already set up in this process carries what `setup()` loaded (a spaCy pipeline
    of many megabytes) and would ship it with every task; a fresh copy carries only its
    parameters. A stage whose parameters do not rebuild it is sent as it is.
    """
    try:
        fresh = type(stage)(**stage.params())
    except TypeError:
        return stage
    return fresh if stage_identity(fresh) == stage_identity(stage) else stage


def ready_stage(stage: S) -> S:
    """This worker's set-up instance of `stage`, setting it up on first use."""
    identity = stage_identity(stage)
    with _READY_LOCK:
        ready = _READY_STAGES.get(identity)
        if ready is None:
            stage.setup()
            _READY_STAGES[identity] = ready = stage
    assert isinstance(ready, type(stage))
    return ready


def items_of(part: list[Any] | PartitionResult) -> list[Any]:
    return part.items if isinstance(part, PartitionResult) else part


def _apply(stage: MapStage[Any, Any], items: list[Any]) -> PartitionResult:
    stats = StageStats(stage.name)
    started = time.perf_counter()
    outputs = ready_stage(stage).process(items)
    stats.seconds = time.perf_counter() - started
    stats.items_in = len(items)
    return _kept(outputs, stats)


def _kept(outputs: Sequence[Any], stats: StageStats) -> PartitionResult:
    kept: list[Any] = []
    dropped: list[Dropped] = []
    for item in outputs:
        if isinstance(item, Dropped):
            stats.count_drop(item.reason)
            dropped.append(item)
        else:
            kept.append(item)
    stats.items_out += len(kept)
    return PartitionResult(kept, [stats], dropped)


def map_partition(stage: MapStage[Any, Any], part: list[Any] | PartitionResult) -> PartitionResult:
    return _apply(stage, items_of(part))


def map_chain(stages: Sequence[MapStage[Any, Any]], part: list[Any]) -> PartitionResult:
    """Every map stage in turn over one partition: one task per partition when streaming."""
    items = part
    stats: list[StageStats] = []
    dropped: list[Dropped] = []
    for stage in stages:
        result = _apply(stage, items)
        items = result.items
        stats.extend(result.stats)
        dropped.extend(result.dropped)
    return PartitionResult(items, stats, dropped)


def stable_bucket(key: Hashable, buckets: int) -> int:
    """The bucket of a key, the same in every process.

    `hash()` of a string differs from one process to the next, so it cannot route a key to
    the same bucket from two workers; a digest of the key's `repr` can, and group keys are
    strings, numbers and tuples of them, whose `repr` is stable.
    """
    digest = hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "big") % buckets


def split_by_key(
    stage: GroupStage[Any, Any], part: list[Any] | PartitionResult, buckets: int
) -> KeyedPartition:
    stats = StageStats(stage.name)
    started = time.perf_counter()
    ready = ready_stage(stage)
    split: list[list[tuple[Hashable, Any]]] = [[] for _ in range(buckets)]
    for item in items_of(part):
        key = ready.key(item)
        split[stable_bucket(key, buckets)].append((key, item))
    stats.seconds = time.perf_counter() - started
    return KeyedPartition(split, stats)


def bucket_of(keyed: KeyedPartition, index: int) -> list[tuple[Hashable, Any]]:
    return keyed.buckets[index]


def group_bucket(
    stage: GroupStage[Any, Any], pieces: Sequence[list[tuple[Hashable, Any]]]
) -> PartitionResult:
    """`group` once per key of one bucket, the bucket's pieces taken in partition order.

    Within a key, items keep the order they had in the input (pieces arrive in partition
    order), and keys are grouped in order of first appearance, as the local runner does.
    """
    stats = StageStats(stage.name)
    ready = ready_stage(stage)
    started = time.perf_counter()
    groups: dict[Hashable, list[Any]] = {}
    for piece in pieces:
        for key, item in piece:
            groups.setdefault(key, []).append(item)
    outputs: list[Any] = []
    for members in groups.values():
        outputs.extend(ready.group(members))
        stats.items_in += len(members)
    stats.seconds = time.perf_counter() - started
    return _kept(outputs, stats)


def summary(result: PartitionResult | KeyedPartition) -> tuple[list[StageStats], list[Dropped]]:
    """The small part of a result the client needs: statistics and dropped items."""
    if isinstance(result, KeyedPartition):
        return [result.stats], []
    return result.stats, result.dropped


def slice_of(part: list[Any] | PartitionResult, start: int, stop: int) -> list[Any]:
    return items_of(part)[start:stop]
