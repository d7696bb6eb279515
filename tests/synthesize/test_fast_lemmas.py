"""The memoised lemmatizer of `storyline.nlp` gives exactly the lemmas spaCy's own gives."""

from __future__ import annotations

import spacy

from storyline.nlp import MODEL_PACKAGES, load_spacy

TEXTS = (
    "The ministers were meeting on Tuesday; 14 people had died and dozens were hurt.",
    "She said the floods, which began last week, have forced 2,300 families from homes.",
    'Rescuers keep searching. "We are doing everything we can," the mayor told reporters.',
    "Better, best, worse: the children's geese ran faster than the oxen were going.",
    "",
    "   ",
)


def _plain_pipeline() -> spacy.language.Language:
    for package in MODEL_PACKAGES:
        if spacy.util.is_package(package):
            return spacy.load(package)
    raise AssertionError("no English model installed")


def test_memoised_lemmas_equal_spacys_own_twice_over() -> None:
    fast, plain = load_spacy(), _plain_pipeline()
    assert type(fast.get_pipe("lemmatizer")).__name__.startswith("Memo")
    expected = [[t.lemma_ for t in doc] for doc in plain.pipe(TEXTS)]
    # The second pass reads every lemma from the memo filled by the first.
    for _ in range(2):
        assert [[t.lemma_ for t in doc] for doc in fast.pipe(TEXTS)] == expected
    # The lemmas are real lemmas, not the words lowercased.
    assert {"meet", "die"} <= set(expected[0])
