"""Articles as sparse TF-IDF vectors whose IDF is fitted incrementally as the stream flows.

Terms are hashed into a fixed number of columns, so the vocabulary never grows with the
stream and the document frequencies are one fixed-size array: memory stays bounded however
many articles pass. The hash is CRC-32, not Python's `hash`, so vectors are the same in
every process (Dask workers, a later `watch`).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.model import Article

HASH_BITS = 20
_COLUMNS = 1 << HASH_BITS
_WORD = re.compile(r"\w\w+")
# A capitalised word inside a sentence (after a lower-case letter or a comma): a cheap
# stand-in for names and places, which say which story it is more than other words do.
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z]\w+")
_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
# Words a news page repeats whatever the story; they only make unrelated stories look alike.
_NEWS_STOP_WORDS = frozenset(
    {"said", "says", "told", "photo", "photos", "image", "images", "copyright", "getty", "ap"}
    | {"reuters", "afp", "caption", "close", "share", "read"}
)
_STOP_WORDS = ENGLISH_STOP_WORDS | _NEWS_STOP_WORDS
_HASH_CACHE_LIMIT = 500_000
_IDF_PRIOR_DOCUMENTS = 10.0


def words(text: str) -> list[str]:
    """Content words, case-folded, without stop words and one-letter tokens."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP_WORDS]


class TermHasher:
    """Term to column, with a bounded cache because CRC-32 per token dominates otherwise."""

    def __init__(self) -> None:
        self._cache: dict[str, int] = {}

    def column(self, term: str) -> int:
        found = self._cache.get(term)
        if found is None:
            found = zlib.crc32(term.encode()) & (_COLUMNS - 1)
            if len(self._cache) < _HASH_CACHE_LIMIT:
                self._cache[term] = found
        return found

    def counts(
        self, text: str, title: str | None, title_weight: int, name_weight: int = 0
    ) -> Counter[int]:
        # Count words first (in C), so that filtering and hashing run once per distinct word.
        tokens = Counter(_WORD.findall(text.lower()))
        if name_weight:
            for name in _NAME.findall(text):
                if (word := name.lower()) not in _CALENDAR:
                    tokens[word] += name_weight
        if title:
            for word in _WORD.findall(title.lower()):
                tokens[word] += title_weight
        counts: Counter[int] = Counter()
        for word, count in tokens.items():
            if word not in _STOP_WORDS:
                counts[self.column(word)] += count
        return counts


class DocumentFrequencies:
    """How many articles seen so far contain each hashed term; the IDF follows from it."""

    def __init__(self) -> None:
        self.counts = np.zeros(_COLUMNS, dtype=np.int32)
        self.documents = 0

    def observe(self, term_counts: Iterable[Counter[int]]) -> None:
        for counts in term_counts:
            self.counts[np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))] += 1
            self.documents += 1

    def idf(self, columns: np.ndarray) -> np.ndarray:
        # Smoothed harder than scikit-learn's (+1): over a handful of articles, which words
        # are rare is noise, and the words a small story's articles share would otherwise
        # weigh least. Over thousands of articles the prior no longer matters.
        df = self.counts[columns].astype(np.float64)
        prior = _IDF_PRIOR_DOCUMENTS
        idf: np.ndarray = np.log((prior + self.documents) / (prior + df)) + 1.0
        return idf


class ArticleVectorizer:
    """Turns articles into L2-normalised sublinear TF-IDF rows over hashed terms."""

    def __init__(self, title_weight: int = 2, name_weight: int = 0) -> None:
        self.title_weight = title_weight
        self.name_weight = name_weight
        self.hasher = TermHasher()
        self.frequencies = DocumentFrequencies()

    def term_counts(self, articles: Sequence[Article]) -> list[Counter[int]]:
        return [
            self.hasher.counts(a.text, a.title, self.title_weight, self.name_weight)
            for a in articles
        ]

    def observe(self, term_counts: Sequence[Counter[int]]) -> None:
        self.frequencies.observe(term_counts)

    def transform(self, term_counts: Sequence[Counter[int]]) -> sp.csr_matrix:
        indptr = [0]
        columns: list[int] = []
        tfs: list[float] = []
        for counts in term_counts:
            ordered = sorted(counts.items())
            columns.extend(c for c, _ in ordered)
            tfs.extend(1.0 + math.log(n) for _, n in ordered)
            indptr.append(len(columns))
        column_array = np.asarray(columns, dtype=np.int32)
        values = np.asarray(tfs, dtype=np.float64) * self.frequencies.idf(column_array)
        lengths = np.asarray(indptr[1:], dtype=np.int64) - np.asarray(indptr[:-1], dtype=np.int64)
        row_of_value = np.repeat(np.arange(len(term_counts)), lengths)
        norms = np.sqrt(np.bincount(row_of_value, weights=values**2, minlength=len(term_counts)))
        norms[norms == 0] = 1.0
        values /= norms[row_of_value]
        return sp.csr_matrix(
            (values.astype(np.float32), column_array, np.asarray(indptr, dtype=np.int64)),
            shape=(len(term_counts), _COLUMNS),
        )
