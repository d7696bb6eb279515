from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import ClassVar

import pytest

from storyline.model import Article, Dropped, Story
from storyline.pipeline import Pipeline, PipelineError, RunReport
from storyline.runners import LocalRunner
from storyline.runners.local import shrinking_batches
from storyline.runners.pool import generations, map_in_pool
from storyline.stage import GroupStage, MapStage


class Halve(MapStage[int, int]):
    name = "halve"
    consumes: ClassVar[type] = int
    produces: ClassVar[type] = int

    def process(self, batch: Sequence[int]) -> list[int | Dropped]:
        return [n // 2 if n % 2 == 0 else Dropped("odd", str(n)) for n in batch]


class SumByTens(GroupStage[int, int]):
    name = "sum"
    consumes: ClassVar[type] = int
    produces: ClassVar[type] = int

    def key(self, item: int) -> Hashable:
        return item // 10

    def group(self, items: Sequence[int]) -> list[int | Dropped]:
        return [sum(items)]


class WantsStories(MapStage[Story, Story]):
    name = "stories"
    consumes: ClassVar[type] = Story
    produces: ClassVar[type] = Story

    def process(self, batch: Sequence[Story]) -> list[Story | Dropped]:
        return list(batch)


class MakesArticles(MapStage[int, Article]):
    name = "articles"
    consumes: ClassVar[type] = int
    produces: ClassVar[type] = Article

    def process(self, batch: Sequence[int]) -> list[Article | Dropped]:
        return []


def test_runner_counts_items_drops_and_groups() -> None:
    dropped: list[Dropped] = []
    report = RunReport()
    out = LocalRunner(on_dropped=dropped.append).run(
        Pipeline.of(Halve(), SumByTens()), range(40), report
    )
    halves = [n // 2 for n in range(0, 40, 2)]
    assert sorted(out) == sorted(sum(h for h in halves if h // 10 == k) for k in (0, 1))
    assert report.stages["halve"].items_in == 40
    assert report.stages["halve"].items_out == 20
    assert report.stages["halve"].dropped == {"odd": 20}
    assert len(dropped) == 20 and dropped[0].subject == "1"
    assert report.stages["sum"].items_in == 20 and report.stages["sum"].items_out == 2


def test_stream_yields_batches_of_map_pipelines_only() -> None:
    batches = list(LocalRunner().stream(Pipeline.of(Halve()), range(10), RunReport(), batch_size=4))
    assert [len(b) for b in batches] == [2, 2, 1]
    with pytest.raises(PipelineError):
        list(LocalRunner().stream(Pipeline.of(SumByTens()), range(3), RunReport()))


def test_pipeline_refuses_mismatched_stages() -> None:
    with pytest.raises(PipelineError, match="consumes Story"):
        Pipeline.of(MakesArticles(), WantsStories())


class PidOfSquare(MapStage[int, tuple[int, int]]):
    """CPU-bound by declaration: the local runner may run it in worker processes."""

    name = "square"
    consumes: ClassVar[type] = int
    produces: ClassVar[type] = tuple
    cpu_bound: ClassVar[bool] = True

    def process(self, batch: Sequence[int]) -> list[tuple[int, int] | Dropped]:
        return [(n * n, os.getpid()) if n % 7 else Dropped("seven", str(n)) for n in batch]


class Lookup(MapStage[int, int]):
    """Holds a table only the parent can read, as a stage holding a store connection does."""

    name = "lookup"
    consumes: ClassVar[type] = int
    produces: ClassVar[type] = int
    cpu_bound: ClassVar[bool] = True

    def __init__(self) -> None:
        self.table: dict[int, int] | None = {n: n + 1000 for n in range(0, 400, 2)}
        self.learned: dict[int, int] = {}

    def process(self, batch: Sequence[int]) -> list[int | Dropped]:
        assert self.table is not None
        return [self.table.get(n, -n) for n in batch]

    def prepare_remote(self, batch: Sequence[int]) -> dict[int, int]:
        assert self.table is not None, "the parent keeps its table"
        return {n: self.table[n] for n in batch if n in self.table}

    def process_remote(
        self, batch: Sequence[int], prepared: dict[int, int]
    ) -> tuple[list[int | Dropped], dict[int, int]]:
        assert self.table is None, "workers never see the parent's table"
        return [prepared.get(n, -n) for n in batch], {n: os.getpid() for n in batch}

    def finish_remote(
        self, batch: Sequence[int], outputs: list[int | Dropped], returned: dict[int, int]
    ) -> list[int | Dropped]:
        self.learned.update(returned)
        return outputs

    def detach_for_worker(self) -> None:
        self.table = None


def test_a_cpu_bound_stage_runs_in_worker_processes_in_order() -> None:
    report = RunReport()
    pooled = LocalRunner(workers=2).run(Pipeline.of(PidOfSquare()), range(300), report)
    alone = LocalRunner(workers=1).run(Pipeline.of(PidOfSquare()), range(300), RunReport())
    assert [square for square, _ in pooled] == [square for square, _ in alone]
    assert [square for square, _ in pooled] == [n * n for n in range(300) if n % 7]
    assert os.getpid() not in {pid for _, pid in pooled}
    assert {pid for _, pid in alone} == {os.getpid()}
    stats = report.stages["square"]
    assert stats.items_in == 300 and stats.dropped == {"seven": 43} and stats.seconds > 0


def test_small_inputs_stay_in_this_process() -> None:
    out = LocalRunner(workers=2).run(Pipeline.of(PidOfSquare()), range(20), RunReport())
    assert {pid for _, pid in out} == {os.getpid()}


def test_workers_get_what_the_parent_prepares_and_the_parent_keeps_what_they_return() -> None:
    stage = Lookup()
    out = LocalRunner(workers=2).run(Pipeline.of(stage), range(200), RunReport())
    assert out == [n + 1000 if n % 2 == 0 else -n for n in range(200)]
    assert sorted(stage.learned) == list(range(200))
    assert os.getpid() not in set(stage.learned.values())
    assert stage.table is not None  # the parent's copy was never detached


def test_workers_are_replaced_after_their_share_of_batches_and_order_holds() -> None:
    batches = [list(range(start, start + 5)) for start in range(0, 100, 5)]

    results = list(map_in_pool(PidOfSquare(), batches, 2, batches_per_life=3))

    assert [batch for batch, _ in results] == batches
    kept = [out for _, outputs in results for out in outputs if not isinstance(out, Dropped)]
    assert [square for square, _ in kept] == [n * n for n in range(100) if n % 7]
    # 20 batches, 6 per pool of 2 workers: 3 pools (the last keeps 8), so more than 2 workers.
    assert len({pid for _, pid in kept}) > 2


def test_pooled_batches_shrink_towards_the_end_and_keep_every_item_in_order() -> None:
    items = list(range(1000))

    batches = shrinking_batches(items, largest=32, smallest=4, workers=2)

    assert [item for batch in batches for item in batch] == items
    sizes = [len(batch) for batch in batches]
    assert sizes[0] == 32 and max(sizes) == 32
    assert sizes == sorted(sizes, reverse=True)
    assert min(sizes[:-1]) == 4 and sizes[-1] <= 4


def test_a_short_remainder_of_batches_stays_with_the_last_pool() -> None:
    assert generations(20, 6) == [0, 6, 12, 20]  # 2 batches left: not worth a new pool
    assert generations(22, 6) == [0, 6, 12, 18, 22]
    assert generations(81, 80) == [0, 81]
    assert generations(5, 80) == [0, 5]
    assert generations(0, 80) == [0]


def test_a_long_stream_of_a_cpu_bound_stage_is_mapped_by_workers_batch_by_batch() -> None:
    dropped: list[Dropped] = []
    report = RunReport()
    runner = LocalRunner(workers=2, on_dropped=dropped.append)

    batches = list(runner.stream(Pipeline.of(PidOfSquare()), iter(range(100)), report, 10))

    assert len(batches) == 10  # one output batch per input batch, in order
    assert [square for batch in batches for square, _ in batch] == [
        n * n for n in range(100) if n % 7
    ]
    assert os.getpid() not in {pid for batch in batches for _, pid in batch}
    assert len(dropped) == 15 and report.stages["square"].items_in == 100


def test_a_short_stream_stays_in_this_process_and_a_stopped_one_stops_its_workers() -> None:
    runner = LocalRunner(workers=2)
    short = list(runner.stream(Pipeline.of(PidOfSquare()), iter(range(10)), RunReport(), 10))
    assert {pid for batch in short for _, pid in batch} == {os.getpid()}

    stream = runner.stream(Pipeline.of(PidOfSquare()), iter(range(1000)), RunReport(), 10)
    first = next(stream)
    stream.close()
    assert first and multiprocessing.active_children() == []


_KILLED_PARENT = """
import os, sys, time
from storyline.pipeline import Pipeline, RunReport
from storyline.runners import LocalRunner
from storyline.stage import MapStage

class Slow(MapStage):
    name, consumes, produces, cpu_bound = "slow", int, int, True

    def process(self, batch):
        with open(sys.argv[1], "a") as pids:
            pids.write(f"{os.getpid()}\\n")
        time.sleep(120)
        return list(batch)

for _ in LocalRunner(workers=2).stream(Pipeline.of(Slow()), iter(range(100)), RunReport(), 10):
    pass
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's wait is missing


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_workers_of_a_parent_killed_outright_do_not_outlive_it(tmp_path: Path) -> None:
    script, pids = tmp_path / "parent.py", tmp_path / "pids"
    script.write_text(_KILLED_PARENT)
    parent = subprocess.Popen([sys.executable, str(script), str(pids)])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_lines(pids)) < 2:
            time.sleep(0.1)
        workers = [int(line) for line in _lines(pids)]
        assert len(workers) == 2 and parent.pid not in workers
    finally:
        parent.kill()  # SIGKILL: no pool shutdown, as in a crash
        parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def _lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []
