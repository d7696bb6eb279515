"""Quality gate: ROUGE of the summaries on a few dozen Multi-News clusters stays above floors.

The clusters are held apart from fitting (the second half of the validation split, and the
full-text clusters); the floors sit a little under what the shipped model measures on them,
so a change that loses quality fails here. The protocol is the benchmark's
(`benchmarks.summaries`); `python -m benchmarks.summaries` gives the full figures with peers.
"""

from __future__ import annotations

from statistics import fmean

import pytest
from benchmarks.summary_data import Cluster, fulltext_clusters, story_of, val_clusters
from benchmarks.summary_peers import lead
from benchmarks.summary_scoring import rouge

from storyline.clean import CleanStage
from storyline.synthesize.summarize import summarize
from tests.conftest import needs_shared_data

BUDGET = 250
# (set, clusters, R1 floor, R2 floor). Measured when pinned: fulltext 46.18 / 15.18 (lead
# 41.77 / 11.94), val-held 44.16 / 14.89 (lead 42.43 / 13.93). Measured again with long
# sentences admitted to short pools: fulltext 46.18 / 15.18, val-held 44.00 / 14.65.
GATES = [
    ("fulltext", 20, 45.0, 14.3),
    ("val-held", 40, 43.3, 14.0),
]


def _clusters(name: str, count: int) -> list[Cluster]:
    if name == "fulltext":
        return fulltext_clusters()[:count]
    every = val_clusters("held", stride=70)
    return every[:count]


@pytest.mark.slow
@needs_shared_data("multinews", "val.jsonl.gz")
@needs_shared_data("multinews", "fulltext_dev100.jsonl.gz")
@pytest.mark.parametrize(("name", "count", "rouge1_floor", "rouge2_floor"), GATES)
def test_rouge_stays_above_its_floor(
    name: str, count: int, rouge1_floor: float, rouge2_floor: float
) -> None:
    cleaner = CleanStage()
    ours, leads = [], []
    for cluster in _clusters(name, count):
        story = story_of(cluster, cleaner)
        assert story is not None
        summary = summarize(story, BUDGET)
        assert sum(len(s.text.split()) for s in summary) <= BUDGET
        ours.append(rouge([s.text for s in summary], cluster.reference))
        leads.append(rouge(lead([a.text for a in story.articles], BUDGET), cluster.reference))
    rouge1, rouge2 = (fmean(s[metric] for s in ours) for metric in ("rouge1", "rouge2"))
    assert rouge1 >= rouge1_floor and rouge2 >= rouge2_floor, (rouge1, rouge2)
    assert rouge1 > fmean(s["rouge1"] for s in leads), "no better than the first sentences"
    assert rouge2 > fmean(s["rouge2"] for s in leads), "no better than the first sentences"
