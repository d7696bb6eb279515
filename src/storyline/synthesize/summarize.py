"""Extractive multi-document summary: salient, non-redundant sentences, each with its sources.

Salience is closeness to the story's TF-IDF centroid, boosted for sentences early in their
article; redundancy is cosine similarity to a sentence already chosen. A sentence's sources
are every article holding a sentence close enough to it to say the same thing.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.model import Story, SummarySentence
from storyline.synthesize.candidates import copies_of, is_sayable, story_sentences

_REDUNDANT = 0.5
_SUPPORTS = 0.45
_POSITION_WEIGHT = 0.3


def summarize(story: Story, summary_words: int) -> tuple[SummarySentence, ...]:
    candidates = story_sentences(story)
    if not candidates:
        return ()
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    try:
        matrix = vectorizer.fit_transform([c.text for c in candidates])
    except ValueError:
        return ()
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid)) or 1.0
    centrality = (matrix @ centroid) / norm
    position_bonus = np.array([_POSITION_WEIGHT / (1 + c.position) for c in candidates])
    salience = centrality + position_bonus
    similarity = (matrix @ matrix.T).toarray()

    chosen: list[int] = []
    words = 0
    for index in np.argsort(-salience, kind="stable"):
        candidate = candidates[int(index)]
        if not is_sayable(candidate.text) or words + candidate.words > summary_words:
            continue
        if any(similarity[index, other] >= _REDUNDANT for other in chosen):
            continue
        chosen.append(int(index))
        words += candidate.words
    # The most salient sentence leads; the rest follow in the order their articles tell them.
    ordered = chosen[:1] + sorted(chosen[1:], key=lambda i: (candidates[i].position, -salience[i]))
    copies = copies_of(story)
    summary = []
    for index in ordered:
        supporters = {candidates[index].article_id}
        supporters.update(
            candidates[other].article_id for other in np.nonzero(similarity[index] >= _SUPPORTS)[0]
        )
        for article_id in list(supporters):
            supporters.update(copies.get(article_id, ()))
        sources = tuple(a.id for a in story.articles if a.id in supporters)
        summary.append(SummarySentence(candidates[index].text, sources))
    return tuple(summary)
