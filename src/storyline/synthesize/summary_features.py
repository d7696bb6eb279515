"""Sentence features for salience: what makes a sentence worth saying about a story.

Every feature is computed within one story, from the sentences of its original articles:
where the sentence stands in its article, how central it is to the story's vocabulary, how
many other outlets say something close to it, and how much of the story's shared vocabulary,
numbers and attribution it carries. Features that depend on the story's size are turned into
z-scores within the story, so that one set of weights serves a three-article brief and a
thirty-article one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from storyline.synthesize.candidates import CandidateSentence

# Word classes whose presence says something about a sentence's role in a news story.
_CUES = {
    "first_person": r"\b(?:i|we|you|my|our|your|me|us)\b",
    "reporting": r"\b(?:reported|reports|announced|according|statement|confirmed)\b",
    "web": r"\b(?:photos?|images?|video|web|online|site|page|click|link|email|twitter|facebook)\b",
    "money": r"[$€£]|\b(?:million|billion|percent)\b|%",
    "question_word": r"\b(?:what|why|how|where|who)\b",
    "modal": r"\b(?:could|would|might|may|should)\b",
    "deictic": r"\b(?:this|these|that|those|here|there)\b",
}
_CUE_PATTERNS = tuple(re.compile(pattern, re.IGNORECASE) for pattern in _CUES.values())

FEATURE_NAMES = (
    "lead",
    "first",
    "relative_position",
    "length",
    "centrality",
    "centrality_z",
    "degree_z",
    "agreement",
    "best_other",
    "shared_terms",
    "numbers",
    "quoted",
    "attributed",
    "leans_back",
    "article_centrality",
    *(f"cue_{name}" for name in _CUES),
)

_FIRST_CUE = FEATURE_NAMES.index("cue_first_person")
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
_ATTRIBUTED = re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE)
_QUOTE_CHARS = frozenset('"“”')
_AGREES = 0.2
_STOP = ENGLISH_STOP_WORDS | {"said", "says", "say", "told", "mr", "ms", "mrs", "just", "like"}


# Outlets tell the same fact in different words; these are the commonest swaps in news.
_SAME_MEANING = {
    "killed": "die",
    "killing": "die",
    "kill": "die",
    "died": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
    "injured": "injure",
    "wounded": "injure",
    "hurt": "injure",
    "quake": "earthquake",
    "detained": "arrested",
    "blaze": "fire",
    "rescued": "rescue",
    "saved": "rescue",
}
# Written as one string: a list literal of twenty quoted words would take twenty lines.
_NUMBER_NAMES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()  # noqa: E501, SIM905
_TENS_NAMES = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# "one of them" is seldom a figure.
_NUMBER_WORDS = {word: str(value) for value, word in enumerate(_NUMBER_NAMES) if value > 1}
_NUMBER_WORDS |= {word: str(10 * tens) for tens, word in enumerate(_TENS_NAMES, start=2)}
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_COMPOUND_NUMBER = re.compile(r"\b(" + "|".join(_TENS_NAMES) + r")-(" + "|".join(_UNITS) + r")\b")


def stem(token: str) -> str:
    """A crude English stem: enough to meet "floods" with "flood" and "ministry's" with itself."""
    if token in _SAME_MEANING:
        return _SAME_MEANING[token]
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def _compound_number(match: re.Match[str]) -> str:
    return str(int(_NUMBER_WORDS[match.group(1)]) + _UNITS.index(match.group(2)) + 1)


def terms(text: str) -> list[str]:
    """Stemmed content words and numbers of a text ("twenty-three" is 23)."""
    lowered = _COMPOUND_NUMBER.sub(_compound_number, text.lower())
    found = []
    for token in _TOKEN.findall(lowered):
        if token in _NUMBER_WORDS:
            found.append(_NUMBER_WORDS[token])
        elif token not in _STOP and len(token) > 1:
            found.append(stem(token))
    return found


@dataclass(frozen=True, slots=True)
class StoryVectors:
    """The story's sentences as unit TF-IDF rows, their pairwise similarity, and per-article
    maxima of it (`by_article[i, a]`: the closest sentence of article `a` to sentence `i`)."""

    matrix: sparse.csr_matrix
    similarity: NDArray[np.float64]
    by_article: NDArray[np.float64]
    article_of: NDArray[np.int64]
    term_sets: list[frozenset[str]]
    idf: dict[str, float]


def vectorize(candidates: Sequence[CandidateSentence]) -> StoryVectors | None:
    token_lists = [terms(c.text) for c in candidates]
    weighted = tfidf_rows(token_lists)
    if weighted is None:  # not a single term in the whole story
        return None
    matrix, idf = weighted
    similarity = np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)
    article_of = np.array([c.article_index for c in candidates], dtype=np.int64)
    # Candidates come article by article, so each article's columns are one contiguous run.
    starts = np.flatnonzero(np.r_[True, article_of[1:] != article_of[:-1]])
    by_article = np.maximum.reduceat(similarity, starts, axis=1)
    return StoryVectors(
        matrix, similarity, by_article, article_of, [frozenset(t) for t in token_lists], idf
    )


def tfidf_rows(
    token_lists: Sequence[Sequence[str]],
) -> tuple[sparse.csr_matrix, dict[str, float]] | None:
    """Unit rows of sublinear TF-IDF with smoothed idf, and the idf of each term: the same
    numbers, in the same order of operations, as scikit-learn's `TfidfVectorizer(
    sublinear_tf=True)`, whose validation and bookkeeping cost several times the arithmetic
    on a story's few hundred sentences. None when no sentence has a term."""
    # Terms numbered as first met in the story; each row's entries in that order, as
    # scikit-learn leaves them (a row's norm is summed in this order), then renumbered to
    # the alphabetical columns it gives.
    first_met = {term: None for tokens in token_lists for term in tokens}
    if not first_met:
        return None
    vocabulary = sorted(first_met)
    column = {term: index for index, term in enumerate(vocabulary)}
    met_order = [column[term] for term in first_met]
    met = {term: number for number, term in enumerate(first_met)}
    indptr, indices, counts = [0], list[int](), list[int]()
    for tokens in token_lists:
        row = sorted(Counter(met[term] for term in tokens).items())
        indices.extend(met_order[number] for number, _ in row)
        counts.extend(count for _, count in row)
        indptr.append(len(indices))
    columns = np.array(indices, dtype=np.int32)
    documents = np.bincount(columns, minlength=len(vocabulary)).astype(np.float64) + 1.0
    idf = np.full_like(documents, len(token_lists) + 1)
    idf /= documents
    np.log(idf, out=idf)
    idf += 1.0
    data = np.array(counts, dtype=np.float64)
    np.log(data, out=data)
    data += 1.0
    data *= idf[columns]
    matrix = sparse.csr_matrix(
        (data, columns, np.array(indptr, dtype=np.int32)), shape=(len(token_lists), len(column))
    )
    inplace_csr_row_normalize_l2(matrix)
    return matrix, dict(zip(vocabulary, idf.tolist(), strict=True))


def _zscore(values: NDArray[np.float64]) -> NDArray[np.float64]:
    spread = float(values.std())
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros_like(values)


def _unit(vector: NDArray[np.float64]) -> NDArray[np.float64]:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def features(candidates: Sequence[CandidateSentence], vectors: StoryVectors) -> NDArray[np.float64]:
    """One row of `FEATURE_NAMES` per candidate."""
    count = len(candidates)
    articles = vectors.by_article.shape[1]
    matrix = vectors.matrix
    centroid = _unit(np.asarray(matrix.mean(axis=0)).ravel())
    centrality = np.asarray(matrix @ centroid).ravel()
    degree = (vectors.similarity.sum(axis=1) - 1.0) / max(count - 1, 1)

    own = np.zeros_like(vectors.by_article, dtype=bool)
    own[np.arange(count), vectors.article_of] = True
    others = np.where(own, 0.0, vectors.by_article)
    agreement = (others >= _AGREES).sum(axis=1) / max(articles - 1, 1)
    best_other = others.max(axis=1) if articles > 1 else np.zeros(count)

    article_terms: list[set[str]] = [set() for _ in range(articles)]
    for index, term_set in enumerate(vectors.term_sets):
        article_terms[int(vectors.article_of[index])].update(term_set)
    spread: dict[str, int] = {}
    for found in article_terms:
        for term in found:
            spread[term] = spread.get(term, 0) + 1
    shared = np.array(
        [
            np.mean([(spread[t] - 1) / max(articles - 1, 1) for t in ts]) if ts else 0.0
            for ts in vectors.term_sets
        ]
    )
    article_rows = sparse.csr_matrix(
        (np.ones(count), (vectors.article_of, np.arange(count))), shape=(articles, count)
    )
    article_vectors = np.asarray((article_rows @ matrix).toarray())
    norms = np.linalg.norm(article_vectors, axis=1)
    norms[norms == 0] = 1.0
    article_centrality = (article_vectors @ centroid) / norms

    rows = np.empty((count, len(FEATURE_NAMES)))
    for index, candidate in enumerate(candidates):
        text = candidate.text
        rows[index, 0] = 1.0 / (1 + candidate.position)
        rows[index, 1] = 1.0 if candidate.position == 0 else 0.0
        rows[index, 2] = candidate.relative_position
        rows[index, 3] = min(candidate.words, 60) / 30
        rows[index, 10] = min(sum(map(str.isdigit, text)), 6) / 6
        rows[index, 11] = min(sum(map(text.count, _QUOTE_CHARS)), 2) / 2
        rows[index, 12] = 1.0 if _ATTRIBUTED.search(text) else 0.0
        rows[index, 13] = 1.0 if candidate.leans_back else 0.0
        for offset, pattern in enumerate(_CUE_PATTERNS, start=_FIRST_CUE):
            rows[index, offset] = 1.0 if pattern.search(text) else 0.0
    rows[:, 4] = centrality
    rows[:, 5] = _zscore(centrality)
    rows[:, 6] = _zscore(degree)
    rows[:, 7] = agreement
    rows[:, 8] = best_other
    rows[:, 9] = shared
    rows[:, 14] = article_centrality[vectors.article_of]
    return rows
