"""Near-duplicate and syndication folding with MinHash LSH (datasketch).

A wire story re-published by several outlets differs from the original only in its edges:
a byline, an agency credit, a "read more" line, a headline rewritten. Two articles are
copies when most of the shorter one's word trigrams are also in the longer one
(containment), estimated from their MinHash signatures and trigram counts, so nothing but
the signatures is kept in memory. LSH finds the candidates, so each article is compared
with a handful of others, not with all.

The earliest article (publication order) of a set of copies is the original; every later
copy gets `duplicate_of` pointing at it, also copies that the exact stage had already
pointed at an article that turns out to be a copy itself.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from datasketch import LeanMinHash, MinHash, MinHashLSH

from storyline.model import Article, Dropped, publication_order
from storyline.stage import GroupStage, JSONValue

_WORD = re.compile(r"[^\W_]+")
_SHINGLE_WORDS = 3
# Fewer trigrams than this and two texts share them by chance (a one-line notice).
_MIN_SHINGLES = 8


def shingles(text: str) -> set[bytes]:
    """Word trigrams of the case-folded text."""
    tokens = _WORD.findall(text.casefold())
    return {
        " ".join(tokens[i : i + _SHINGLE_WORDS]).encode()
        for i in range(max(len(tokens) - _SHINGLE_WORDS + 1, 0))
    }


@dataclass(frozen=True, slots=True)
class _Signature:
    article_id: str
    # Lean: the seed and hash values only, without the permutation table a MinHash carries
    # (0.47 KB against 1.17 KB at 64 permutations), since the stage keeps one per original
    # article of a whole language group, 50,000 and more.
    minhash: LeanMinHash
    size: int


def estimated_containment(a: _Signature, b: _Signature) -> float:
    """Share of the smaller trigram set found in the larger, from the Jaccard estimate."""
    jaccard = float(a.minhash.jaccard(b.minhash))
    shared = jaccard * (a.size + b.size) / (1.0 + jaccard)
    return shared / max(min(a.size, b.size), 1)


class _BandIndex:
    """MinHash LSH: the banding of datasketch's MinHashLSH (the same bands, so the same
    candidates), stored leaner. MinHashLSH keeps a set per bucket and a list of bucket keys
    per article, about 5.2 KB an article at 16 bands; here a bucket holding one article is a
    dict entry pointing at its signature, about 2 KB an article, kept for a whole group."""

    def __init__(self, threshold: float, permutations: int) -> None:
        lsh = MinHashLSH(threshold=threshold, num_perm=permutations)  # for its band choice only
        self._bands = [(band * lsh.r, (band + 1) * lsh.r) for band in range(lsh.b)]
        self._buckets: dict[bytes, _Signature | list[_Signature]] = {}

    def _keys(self, minhash: LeanMinHash) -> Iterator[bytes]:
        # One dict for all bands: the band number keeps equal values in two bands apart.
        for band, (start, end) in enumerate(self._bands):
            yield band.to_bytes(2, "big") + minhash.hashvalues[start:end].tobytes()

    def insert(self, signature: _Signature) -> None:
        for key in self._keys(signature.minhash):
            bucket = self._buckets.get(key)
            if bucket is None:
                self._buckets[key] = signature
            elif isinstance(bucket, list):
                bucket.append(signature)
            else:
                self._buckets[key] = [bucket, signature]

    def candidates(self, minhash: LeanMinHash) -> list[_Signature]:
        """The signatures sharing at least one band with `minhash`, each once."""
        found: dict[str, _Signature] = {}
        for key in self._keys(minhash):
            bucket = self._buckets.get(key)
            for signature in bucket if isinstance(bucket, list) else (bucket,):
                if signature is not None:
                    found[signature.article_id] = signature
        return list(found.values())


class NearDuplicateStage(GroupStage[Article, Article]):
    """Marks syndicated and near-identical copies `duplicate_of` their earliest original."""

    name = "near-dedupe"
    consumes: ClassVar[type] = Article
    produces: ClassVar[type] = Article

    def __init__(
        self, containment: float = 0.8, candidate_jaccard: float = 0.4, permutations: int = 64
    ) -> None:
        self.containment = containment
        self.candidate_jaccard = candidate_jaccard
        self.permutations = permutations

    def params(self) -> dict[str, JSONValue]:
        return {
            "containment": self.containment,
            "candidate_jaccard": self.candidate_jaccard,
            "permutations": self.permutations,
        }

    def key(self, item: Article) -> Hashable:
        return item.language or "und"

    def _signature(self, article: Article) -> _Signature | None:
        grams = shingles(article.text)
        if len(grams) < _MIN_SHINGLES:
            return None
        minhash = MinHash(num_perm=self.permutations, seed=1)
        minhash.update_batch(list(grams))
        return _Signature(article.id, LeanMinHash(minhash), len(grams))

    def group(self, items: Sequence[Article]) -> list[Article | Dropped]:
        by_id = {a.id: a for a in items}
        index = _BandIndex(self.candidate_jaccard, self.permutations)
        original_of: dict[str, str] = {}
        for article in sorted(items, key=publication_order):
            if article.duplicate_of is not None and article.duplicate_of in by_id:
                continue  # an exact copy: it follows its original below
            signature = self._signature(article)
            if signature is None:
                continue
            matches = [
                found
                for found in index.candidates(signature.minhash)
                if estimated_containment(signature, found) >= self.containment
            ]
            if matches:
                first = min(matches, key=lambda s: publication_order(by_id[s.article_id]))
                original_of[article.id] = first.article_id
            else:
                index.insert(signature)
        return [self._folded(a, original_of, by_id) for a in items]

    @staticmethod
    def _folded(
        article: Article, original_of: dict[str, str], by_id: dict[str, Article]
    ) -> Article | Dropped:
        target = original_of.get(article.id, article.duplicate_of)
        seen = {article.id}
        while target is not None and target in by_id and target not in seen:
            seen.add(target)
            following = original_of.get(target, by_id[target].duplicate_of)
            if following is None or following not in by_id:
                break
            target = following
        if target == article.duplicate_of:
            return article
        return replace(article, duplicate_of=target)
