from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar

import pytest

from storyline.model import Article, Dropped, Story
from storyline.pipeline import Pipeline, PipelineError, RunReport
from storyline.runners import LocalRunner
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
