"""The Dask runner: the same pipeline on a dask.distributed cluster.

Map stages run over partitions of about a thousand items. A group stage runs as a shuffle:
every partition splits its items into buckets by a stable hash of their key, each bucket
gathers its pieces from all partitions and calls `group` once per key, and the outputs are
cut back into partitions for the next stage. Items stay on the workers between stages; only
statistics and `Dropped` records come back until the end, when the outputs are gathered for
the one writer (the API stores them). Stages are set up once per worker process (see
`storyline.runners.partitions`).

Dask is the optional `dask` extra and is imported here only.
"""

from __future__ import annotations

import logging
import math
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from storyline.model import Dropped
from storyline.pipeline import Pipeline, PipelineError, RunReport, StageStats
from storyline.runners import partitions as tasks
from storyline.runners.base import DropHandler
from storyline.runners.progress import NullProgress, ProgressSink
from storyline.stage import GroupStage, MapStage

DEFAULT_PARTITION_SIZE = 1000
_MAX_BUCKETS = 64
MISSING_EXTRA = "--runner dask needs the 'dask' extra: pip install 'storyline[dask]'"


class DaskUnavailableError(RuntimeError):
    """Dask is not installed, or the cluster cannot be started or reached."""


def _ignore(_: Dropped) -> None:
    pass


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as error:
        raise DaskUnavailableError(MISSING_EXTRA) from error
    return distributed


class DaskRunner:
    """Runs pipelines on a local cluster of `workers` processes, or on `scheduler`.

    The cluster starts on first use and stops in `close()`; a cluster named by `scheduler`
    is only connected to, and left running.
    """

    def __init__(
        self,
        *,
        workers: int | None = None,
        scheduler: str | None = None,
        progress: ProgressSink | None = None,
        on_dropped: DropHandler | None = None,
        partition_size: int = DEFAULT_PARTITION_SIZE,
    ) -> None:
        if workers is not None and scheduler is not None:
            raise ValueError("give a number of workers or a scheduler address, not both")
        if workers is not None and workers < 1:
            raise ValueError("a cluster needs at least one worker")
        self._dask = _distributed()
        self.workers = workers
        self.scheduler = scheduler
        self.progress = progress or NullProgress()
        self.on_dropped = on_dropped or _ignore
        self.partition_size = max(1, partition_size)
        self._client: Any = None
        self._cluster: Any = None

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        try:
            if self.scheduler is not None:
                self._client = self._dask.Client(
                    self.scheduler, timeout="20s", set_as_default=False
                )
            else:
                self._cluster = self._start_local_cluster()
                self._client = self._dask.Client(self._cluster, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            self.close()
            where = self.scheduler or "a local cluster"
            raise DaskUnavailableError(f"cannot start or reach {where}: {error}") from error
        return self._client

    def _start_local_cluster(self) -> Any:
        import dask.config

        # Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536 to hand memory back to the
        # system sooner; spaCy's many small allocations then cost about a third more CPU
        # (measured: 8.1 against 6.0 CPU seconds briefing the same 60 stories).
        no_trim = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
        with dask.config.set(no_trim):
            # One thread per worker process: stages may hold models that are not thread
            # safe, and the work is CPU-bound Python that threads would not speed up.
            return self._dask.LocalCluster(
                n_workers=self.workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                # The scheduler serves HTTP (health checks, the dashboard when bokeh is
                # installed) even without a dashboard, on 8787 unless told: a random
                # loopback port keeps two runs, or a run and another cluster, apart.
                dashboard_address="127.0.0.1:0",
                silence_logs=logging.ERROR,
            )

    def _parallelism(self) -> int:
        threads: dict[str, int] = self._connect().nthreads()
        return max(1, sum(threads.values()))

    def stream(
        self, pipeline: Pipeline, items: Iterable[Any], report: RunReport, batch_size: int = 256
    ) -> Iterator[list[Any]]:
        """Partitions of `batch_size` go to the workers as the caller's items arrive; at most
        two per worker are in flight, so reading, cleaning and storing overlap and memory
        stays bounded. Outputs come back in input order."""
        if not pipeline.streams:
            raise PipelineError("only a pipeline of map stages can stream")
        client = self._connect()
        stages = [tasks.shippable(s) for s in pipeline.stages if isinstance(s, MapStage)]
        size = max(1, min(batch_size, self.partition_size))
        in_flight: deque[Any] = deque()
        limit = 2 * self._parallelism()
        iterator = iter(items)
        while part := list(islice(iterator, size)):
            # Scattered rather than inlined: a batch of web pages would bloat the task graph.
            [data] = client.scatter([part], hash=False)
            in_flight.append(client.submit(tasks.map_chain, stages, data, pure=False))
            if len(in_flight) >= limit:
                yield self._received(in_flight.popleft().result(), report)
        while in_flight:
            yield self._received(in_flight.popleft().result(), report)

    def _received(self, result: tasks.PartitionResult, report: RunReport) -> list[Any]:
        self._count(result.stats, result.dropped, report)
        return result.items

    def _count(self, stats: list[StageStats], dropped: list[Dropped], report: RunReport) -> None:
        for part in stats:
            report.stats(part.name).merge(part)
        for item in dropped:
            self.on_dropped(item)

    def run(self, pipeline: Pipeline, items: Iterable[Any], report: RunReport) -> list[Any]:
        client = self._connect()
        everything = list(items)
        # Several partitions per worker, so that one slow partition (a big story to brief)
        # does not leave the other workers idle at the end of a stage.
        spread = math.ceil(len(everything) / (4 * self._parallelism()))
        size = max(1, min(self.partition_size, spread))
        parts = [everything[i : i + size] for i in range(0, len(everything), size)]
        current = client.scatter(parts, hash=False) if parts else []
        count = len(everything)
        del everything, parts
        for stage in map(tasks.shippable, pipeline.stages):
            task = self.progress.task(stage.name, total=count)
            if isinstance(stage, MapStage):
                current = [
                    client.submit(tasks.map_partition, stage, f, pure=False) for f in current
                ]
                sizes = self._settle(current, report, task)
            else:
                assert isinstance(stage, GroupStage)
                current, sizes = self._group(stage, current, report, task)
            task.finish()
            current = self._repartition(current, sizes, size)
            count = sum(sizes)
        results = client.gather([client.submit(tasks.items_of, f, pure=False) for f in current])
        return [item for part in results for item in part]

    def _group(
        self, stage: GroupStage[Any, Any], parts: list[Any], report: RunReport, task: Any
    ) -> tuple[list[Any], list[int]]:
        client = self._connect()
        buckets = max(1, min(len(parts), _MAX_BUCKETS))
        keyed = [client.submit(tasks.split_by_key, stage, f, buckets, pure=False) for f in parts]
        self._settle(keyed, report, None)
        grouped = []
        for index in range(buckets):
            pieces = [client.submit(tasks.bucket_of, k, index, pure=False) for k in keyed]
            grouped.append(client.submit(tasks.group_bucket, stage, pieces, pure=False))
        return grouped, self._settle(grouped, report, task)

    def _settle(self, futures: list[Any], report: RunReport, task: Any) -> list[int]:
        """Wait for a stage's tasks; count their statistics and report their drops in input
        order as soon as every earlier partition is in, and advance the progress bar as
        each one finishes. Returns each partition's number of outputs."""
        client = self._connect()
        summaries = [client.submit(tasks.summary, f, pure=False) for f in futures]
        position = {summary.key: index for index, summary in enumerate(summaries)}
        arrived: dict[int, tuple[list[StageStats], list[Dropped]]] = {}
        sizes = [0] * len(summaries)
        next_to_report = 0
        for done in self._dask.as_completed(summaries, loop=client.loop):
            index = position[done.key]
            arrived[index] = done.result()
            sizes[index] = sum(s.items_out for s in arrived[index][0])
            if task is not None:
                task.advance(sum(s.items_in for s in arrived[index][0]))
            while next_to_report in arrived:
                self._count(*arrived.pop(next_to_report), report)
                next_to_report += 1
        return sizes

    def _repartition(self, parts: list[Any], sizes: list[int], size: int) -> list[Any]:
        """Drops empty partitions and cuts big ones (a group stage's output gathers in few
        buckets) so the next stage again has every worker busy."""
        client = self._connect()
        cut: list[Any] = []
        for part, count in zip(parts, sizes, strict=True):
            if count == 0:
                continue
            if count <= size:
                cut.append(part)
                continue
            for start in range(0, count, size):
                cut.append(client.submit(tasks.slice_of, part, start, start + size, pure=False))
        return cut

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
