"""Extractive multi-document summary: salient, non-redundant sentences, each with its sources.

The steps, each in its own module: candidate sentences that read on their own
(`candidates`), features of each within the story (`summary_features`), a fitted linear
salience score (`summary_model`), greedy selection under the word budget with redundancy
removed and a reading order (`summary_select`), and every supporting article as a source
(`summary_sources`).
"""

from __future__ import annotations

from storyline.model import Story, SummarySentence
from storyline.synthesize.candidates import story_sentences
from storyline.synthesize.summary_features import features, vectorize
from storyline.synthesize.summary_model import SalienceModel, default_model
from storyline.synthesize.summary_select import choose, reading_order
from storyline.synthesize.summary_sources import says_the_same, supporting_articles


def summarize(
    story: Story, summary_words: int, *, model: SalienceModel | None = None
) -> tuple[SummarySentence, ...]:
    """At most `summary_words` words of whole sentences from the story's articles."""
    candidates = story_sentences(story)
    if not candidates or summary_words < 1:
        return ()
    vectors = vectorize(candidates)
    if vectors is None:
        return ()
    scores = (model or default_model()).score(features(candidates, vectors))
    chosen = choose(
        candidates,
        scores,
        vectors.similarity,
        summary_words,
        says_the_same=lambda one, other: says_the_same(one, other, vectors),
    )
    return tuple(
        SummarySentence(
            candidates[index].text, supporting_articles(story, candidates, vectors, index)
        )
        for index in reading_order(candidates, chosen, present_year(story))
    )


def present_year(story: Story) -> int | None:
    """The year the story happens in: its latest article's, when dated."""
    latest = story.last_published
    return latest.day.year if latest is not None else None
