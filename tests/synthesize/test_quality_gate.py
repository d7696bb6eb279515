"""Quality floors on the hand-annotated Multi-News stories (benchmarks/annotations, test split).

The floors sit a little under what `python -m benchmarks.facts_quality` measures, so that a
change that loses facts, speakers or dates fails here before it ships.
"""

from __future__ import annotations

import pytest
from benchmarks.facts_quality import annotated_story, load_annotations
from benchmarks.facts_scoring import StoryScore, score_story
from benchmarks.shared_data import MULTINEWS_FULLTEXT, read_jsonl_gz

from storyline.synthesize import SynthesizeStage
from tests.conftest import needs_shared_data

pytestmark = [needs_shared_data("multinews", "fulltext_dev100.jsonl.gz"), pytest.mark.slow]


@pytest.fixture(scope="module")
def score(brief_stage: SynthesizeStage) -> StoryScore:
    annotations = load_annotations("test")
    wanted = {a["cluster"] for a in annotations}
    clusters = {c["id"]: c for c in read_jsonl_gz(MULTINEWS_FULLTEXT) if c["id"] in wanted}
    total = StoryScore()
    for annotation in annotations:
        cluster = clusters[annotation["cluster"]]
        story = annotated_story(cluster, annotation)
        doc_ids = {article.id: i for i, article in enumerate(story.articles)}
        texts = dict(enumerate(cluster["documents"]))
        total.add(score_story(brief_stage.analyse(story), annotation, doc_ids, texts))
    return total


def test_quantity_facts(score: StoryScore) -> None:
    assert score.quantities.precision >= 0.88
    assert score.quantities.recall >= 0.88


def test_quote_speakers(score: StoryScore) -> None:
    assert score.speakers.precision >= 0.95
    assert score.quotes.recall >= 0.85


def test_dated_events(score: StoryScore) -> None:
    assert score.events.precision >= 0.82
    assert score.events.recall >= 0.85
