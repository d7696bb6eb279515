"""The summary's own TF-IDF gives exactly scikit-learn's numbers, so summaries do not change."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.synthesize.summary_features import tfidf_rows

_TERMS = st.sampled_from(["flood", "river", "3", "town", "rain", "dam", "x", "évacuer", "2024"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_TERMS, max_size=30), min_size=1, max_size=25))
def test_tfidf_rows_are_scikit_learns_to_the_last_bit(token_lists: list[list[str]]) -> None:
    ours = tfidf_rows(token_lists)
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True)
    if not any(token_lists):
        assert ours is None
        return
    theirs = vectorizer.fit_transform(token_lists)
    assert ours is not None
    matrix, idf = ours
    assert np.array_equal(matrix.toarray(), theirs.toarray())
    assert idf == dict(zip(vectorizer.get_feature_names_out(), vectorizer.idf_, strict=True))
