"""A pipeline is a checked list of stages; runners in `storyline.runners` execute it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.stage import GroupStage, MapStage, Stage


class PipelineError(ValueError):
    """The stage list cannot run: a stage's input does not match its predecessor's output."""


@dataclass(frozen=True, slots=True)
class Pipeline:
    """Stages in order. Each stage's `consumes` must match the previous stage's `produces`."""

    stages: tuple[Stage[Any, Any], ...]

    def __post_init__(self) -> None:
        if not self.stages:
            raise PipelineError("a pipeline needs at least one stage")
        for stage in self.stages:
            if not isinstance(stage, MapStage | GroupStage):
                raise PipelineError(f"{stage.name} is neither a MapStage nor a GroupStage")
        for before, after in zip(self.stages, self.stages[1:], strict=False):
            produced = getattr(before, "produces", None)
            consumed = getattr(after, "consumes", None)
            if produced is not None and consumed is not None and produced is not consumed:
                raise PipelineError(
                    f"{after.name} consumes {consumed.__name__} "
                    f"but {before.name} produces {produced.__name__}"
                )

    @classmethod
    def of(cls, *stages: Stage[Any, Any]) -> Pipeline:
        return cls(tuple(stages))

    @property
    def streams(self) -> bool:
        """True when every stage is a map, so items can flow through in batches."""
        return all(isinstance(stage, MapStage) for stage in self.stages)

    def setup(self) -> None:
        for stage in self.stages:
            stage.setup()

    def describe(self) -> list[dict[str, Any]]:
        return [{"stage": s.name, "params": s.params()} for s in self.stages]


@dataclass
class StageStats:
    """What one stage did in a run: items in and out, drops by reason, seconds spent."""

    name: str
    items_in: int = 0
    items_out: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def count_drop(self, reason: str) -> None:
        self.dropped[reason] = self.dropped.get(reason, 0) + 1

    def merge(self, other: StageStats) -> None:
        self.items_in += other.items_in
        self.items_out += other.items_out
        self.seconds += other.seconds
        for reason, count in other.dropped.items():
            self.dropped[reason] = self.dropped.get(reason, 0) + count


@dataclass
class RunReport:
    """Per-stage statistics of a run, in stage order, across every pipeline the run used."""

    stages: dict[str, StageStats] = field(default_factory=dict)

    def stats(self, name: str) -> StageStats:
        if name not in self.stages:
            self.stages[name] = StageStats(name)
        return self.stages[name]

    def as_rows(self) -> list[dict[str, Any]]:
        rows = []
        for s in self.stages.values():
            rate = s.items_in / s.seconds if s.seconds > 0 else None
            rows.append(
                {
                    "stage": s.name,
                    "in": s.items_in,
                    "out": s.items_out,
                    "dropped": dict(s.dropped),
                    "seconds": round(s.seconds, 3),
                    "items_per_second": round(rate, 1) if rate is not None else None,
                }
            )
        return rows


__all__ = ["Pipeline", "PipelineError", "RunReport", "StageStats"]
