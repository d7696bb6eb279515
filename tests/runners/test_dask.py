"""The Dask runner on a real local cluster of two worker processes: parity with the local
runner, counting and drop reporting, one setup per worker, and the missing-extra message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from storyline import api, cli
from storyline.cluster import ClusterStage
from storyline.dedupe import ExactDuplicateStage
from storyline.model import Dropped
from storyline.pipeline import Pipeline, PipelineError, RunReport
from storyline.runners import LocalRunner
from storyline.stage import GroupStage, JSONValue, MapStage
from tests.conftest import DEMO

from .corpus import bcubed_agreement, memberships, parity_corpus

distributed = pytest.importorskip("distributed")
from storyline.runners.dask import DaskRunner, DaskUnavailableError  # noqa: E402

# Counts setup() calls per stage tag in whichever process runs them (each worker's own).
SETUPS: Counter[str] = Counter()


class Halve(MapStage[int, int]):
    name = "halve"

    def process(self, batch: Sequence[int]) -> list[int | Dropped]:
        return [n // 2 if n % 2 == 0 else Dropped("odd", str(n)) for n in batch]


class SumByTens(GroupStage[int, int]):
    name = "sum"

    def key(self, item: int) -> Hashable:
        return ("tens", item // 10)

    def group(self, items: Sequence[int]) -> list[int | Dropped]:
        if items[0] // 10 == 3:
            return [Dropped("thirties", str(list(items)))]
        return [sum(items), len(items)]


class WhereAmI(MapStage[int, tuple[int, int]]):
    """Reports the worker process and how often this stage was set up there."""

    name = "where"

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def params(self) -> dict[str, JSONValue]:
        return {"tag": self.tag}

    def setup(self) -> None:
        SETUPS[self.tag] += 1

    def process(self, batch: Sequence[int]) -> list[tuple[int, int] | Dropped]:
        return [(os.getpid(), SETUPS[self.tag]) for _ in batch]


class Explodes(MapStage[int, int]):
    name = "explodes"
    consumes: ClassVar[type] = int

    def process(self, batch: Sequence[int]) -> list[int | Dropped]:
        raise RuntimeError("a bug in a stage")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # never the shared default 8787
        silence_logs=40,
    ) as cluster:
        yield cluster.scheduler_address


def dask_runner(scheduler: str, **options: Any) -> DaskRunner:
    return DaskRunner(scheduler=scheduler, **options)


def test_counts_drops_and_groups_like_the_local_runner(scheduler: str) -> None:
    pipeline = Pipeline.of(Halve(), SumByTens())
    local_drops: list[Dropped] = []
    local_report = RunReport()
    expected = LocalRunner(on_dropped=local_drops.append).run(pipeline, range(100), local_report)
    dask_drops: list[Dropped] = []
    dask_report = RunReport()
    runner = dask_runner(scheduler, on_dropped=dask_drops.append, partition_size=7)
    try:
        got = runner.run(pipeline, range(100), dask_report)
    finally:
        runner.close()

    assert sorted(got) == sorted(expected)
    assert dask_drops == local_drops  # in input order, each one reported once
    for name in ("halve", "sum"):
        local, remote = local_report.stages[name], dask_report.stages[name]
        assert (remote.items_in, remote.items_out, remote.dropped) == (
            local.items_in,
            local.items_out,
            local.dropped,
        )


def test_stream_keeps_input_order_and_reports_drops(scheduler: str) -> None:
    dropped: list[Dropped] = []
    report = RunReport()
    runner = dask_runner(scheduler, on_dropped=dropped.append)
    try:
        batches = list(runner.stream(Pipeline.of(Halve()), iter(range(50)), report, batch_size=6))
        with pytest.raises(PipelineError):
            list(runner.stream(Pipeline.of(SumByTens()), range(3), RunReport()))
    finally:
        runner.close()

    assert [n for batch in batches for n in batch] == [n // 2 for n in range(0, 50, 2)]
    assert len(batches) == 9
    assert [d.subject for d in dropped] == [str(n) for n in range(1, 50, 2)]
    assert report.stages["halve"].dropped == {"odd": 25}


def test_stages_are_set_up_once_per_worker_process(scheduler: str) -> None:
    tag = uuid.uuid4().hex
    runner = dask_runner(scheduler, partition_size=5)
    try:
        seen = runner.run(Pipeline.of(WhereAmI(tag)), range(200), RunReport())
    finally:
        runner.close()

    by_worker = dict(seen)
    assert len(seen) == 200
    assert os.getpid() not in by_worker
    assert set(by_worker.values()) == {1}
    assert SETUPS[tag] == 0  # never set up in this (the client's) process


def test_an_exception_in_a_stage_stops_the_run(scheduler: str) -> None:
    runner = dask_runner(scheduler)
    try:
        with pytest.raises(RuntimeError, match="a bug in a stage"):
            runner.run(Pipeline.of(Explodes()), range(10), RunReport())
    finally:
        runner.close()


def test_grouping_gives_the_same_stories_over_many_partitions(scheduler: str) -> None:
    """Dedupe and cluster shuffled across 9 partitions; briefs are left to the demo test."""
    articles = parity_corpus()
    pipeline = Pipeline.of(ExactDuplicateStage(), ClusterStage())
    local = LocalRunner().run(pipeline, articles, RunReport())
    report = RunReport()
    runner = dask_runner(scheduler, partition_size=9)
    try:
        remote = runner.run(pipeline, articles, report)
    finally:
        runner.close()

    assert len(local) >= len({a.id.split("-")[0] for a in articles}) - 1
    assert bcubed_agreement(memberships(local), memberships(remote)) >= 0.99
    assert sorted(local, key=lambda s: s.id) == sorted(remote, key=lambda s: s.id)
    assert report.stages["dedupe"].items_in == len(articles)
    copies = [a for story in remote for a in story.articles if a.duplicate_of is not None]
    assert sorted(a.id for a in copies) == [f"copy-{n}" for n in range(8)]


@pytest.fixture(scope="module")
def local_demo(tmp_path_factory: pytest.TempPathFactory) -> api.RunResult:
    return api.run([str(DEMO)], db=tmp_path_factory.mktemp("local") / "local.db", out=None)


def test_demo_corpus_runs_to_identical_stories(
    tmp_path: Path, scheduler: str, local_demo: api.RunResult
) -> None:
    local = local_demo
    dropped: list[Dropped] = []
    remote = api.run(
        [str(DEMO)],
        db=tmp_path / "dask.db",
        out=None,
        runner="dask",
        scheduler=scheduler,
        on_dropped=dropped.append,
    )

    assert [s.id for s in local.stories] == [s.id for s in remote.stories]
    assert local.stories == remote.stories
    assert remote.ingest.added == local.ingest.added > 0
    assert dropped == []
    assert {row["stage"] for row in remote.report.as_rows()} >= {"clean", "cluster", "synthesize"}


def test_command_line_runs_on_the_cluster_it_is_given(
    tmp_path: Path, scheduler: str, local_demo: api.RunResult
) -> None:
    command = [sys.executable, "-m", "storyline", "run", str(DEMO), "--runner", "dask"]
    result = subprocess.run(
        [*command, "--scheduler", scheduler, "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    stories = json.loads((tmp_path / "out" / "stories.json").read_text())["stories"]
    assert [(s["id"], [a["id"] for a in s["articles"]]) for s in stories] == [
        (s.id, [a.id for a in s.articles]) for s in local_demo.stories
    ]


def test_command_line_passes_the_cluster_options_on(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    wrong = CliRunner().invoke(cli.app, ["run", str(DEMO), "--workers", "2", "--db", str(db)])

    assert wrong.exit_code == 2
    assert "--workers and --scheduler need --runner dask" in wrong.output
    assert not db.exists()


def test_without_dask_the_runner_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)

    with pytest.raises(DaskUnavailableError, match=r"storyline\[dask\]"):
        DaskRunner(workers=1)
    with pytest.raises(api.StorylineError, match=r"storyline\[dask\]"):
        api.run([], db=":memory:", out=None, runner="dask")


def test_runner_options_are_checked() -> None:
    with pytest.raises(api.StorylineError, match="need --runner dask"):
        api.run([], db=":memory:", out=None, workers=2)
    with pytest.raises(api.StorylineError, match="not both"):
        api.run([], db=":memory:", out=None, runner="dask", workers=2, scheduler="tcp://x:1")
