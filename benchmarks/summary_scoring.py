"""ROUGE as BENCHMARKS.md states it: rouge-score with stemming, F1 of ROUGE-1, ROUGE-2 and
ROUGE-Lsum (summary sentences joined by newlines, the reference split by the same splitter)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import fmean
from typing import Any

from rouge_score import rouge_scorer

from benchmarks.summary_peers import split_sentences

METRICS = ("rouge1", "rouge2", "rougeLsum")


@lru_cache(maxsize=1)
def _scorer() -> Any:
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def rouge(summary: Sequence[str], reference: str) -> dict[str, float]:
    """F1 (in points, 0-100) of each metric for one cluster."""
    scores = _scorer().score("\n".join(split_sentences(reference)), "\n".join(summary))
    return {metric: 100 * scores[metric].fmeasure for metric in METRICS}


@dataclass
class Tally:
    """Per-cluster scores and seconds of one system over a set."""

    scores: list[dict[str, float]] = field(default_factory=list)
    seconds: float = 0.0
    words: list[int] = field(default_factory=list)

    def add(self, summary: Sequence[str], reference: str, seconds: float) -> None:
        self.scores.append(rouge(summary, reference))
        self.seconds += seconds
        self.words.append(sum(len(s.split()) for s in summary))

    def mean(self, metric: str) -> float:
        return fmean(s[metric] for s in self.scores) if self.scores else 0.0

    @property
    def clusters_per_second(self) -> float:
        return len(self.scores) / self.seconds if self.seconds else float("inf")
