"""Attribution: every article that supports a summary sentence, not only the one it came from.

An article supports a sentence when one of its sentences says the same thing: close in
TF-IDF space, or one of the two holding most of the other's distinctive terms (weighted by
rarity in the story, so the story's every-sentence words count for little), whatever other
words surround them. Two sentences that give different figures for the same thing do not
support each other. Exact copies of a supporting article support it too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Story
from storyline.synthesize.candidates import CandidateSentence, copies_of
from storyline.synthesize.summary_features import StoryVectors

CLOSE = 0.45
CONTAINED = 0.45
# The same figure in both is strong evidence of the same fact, told around it in other words.
CONTAINED_WITH_FIGURE = 0.3
_MIN_SHARED_TERMS = 3
_NUMBER = re.compile(r"^\d")


def _numbers(term_set: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in term_set if _NUMBER.match(t))


def says_the_same(said: int, other: int, vectors: StoryVectors) -> bool:
    """Whether sentence `other` supports sentence `said` (both indices into the story)."""
    mine, theirs = vectors.term_sets[said], vectors.term_sets[other]
    my_numbers, their_numbers = _numbers(mine), _numbers(theirs)
    if my_numbers and their_numbers and not my_numbers & their_numbers:
        return False
    if vectors.similarity[said, other] >= CLOSE:
        return True
    shared = mine & theirs
    if len(shared) < _MIN_SHARED_TERMS:
        return False

    def weight(found: frozenset[str]) -> float:
        return sum(vectors.idf.get(term, 1.0) for term in found)

    # Either holds most of the other: a longer sentence that adds detail around the same
    # fact supports it, and so does a shorter one that states only that fact.
    needed = CONTAINED_WITH_FIGURE if my_numbers & their_numbers else CONTAINED
    return weight(shared) >= needed * min(weight(mine), weight(theirs))


def supporting_articles(
    story: Story,
    candidates: Sequence[CandidateSentence],
    vectors: StoryVectors,
    said: int,
) -> tuple[str, ...]:
    """Ids of the articles supporting candidate `said`, in the story's article order."""
    supporters = {candidates[said].article_id}
    for other, candidate in enumerate(candidates):
        if candidate.article_id not in supporters and says_the_same(said, other, vectors):
            supporters.add(candidate.article_id)
    copies = copies_of(story)
    for article_id in list(supporters):
        supporters.update(copies.get(article_id, ()))
    return tuple(a.id for a in story.articles if a.id in supporters)
