"""The near-duplicate stage's LSH index: the candidates of datasketch's MinHashLSH, in less
memory per original article, which the stage keeps for a whole language group (50,000
articles and more)."""

from __future__ import annotations

import random
import tracemalloc
from datetime import date

from datasketch import MinHashLSH

from storyline.dedupe import NearDuplicateStage
from storyline.dedupe.near import _BandIndex
from storyline.model import Article
from tests.conftest import make_article

WORDS = [f"w{i}" for i in range(5000)]


def random_articles(count: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    return [
        make_article(f"a{n}", " ".join(rng.choices(WORDS, k=60)), day=date(2026, 1, 1))
        for n in range(count)
    ]


def test_the_band_index_finds_the_candidates_minhash_lsh_finds() -> None:
    rng = random.Random(3)
    stage = NearDuplicateStage()
    articles = []
    for base in random_articles(150, seed=4):
        words = base.text.split()
        for variant in range(4):  # 0 to 30 words of 60 changed: around the 0.4 threshold
            changed = [rng.choice(WORDS) if rng.random() < variant / 8 else w for w in words]
            articles.append(make_article(f"{base.id}-{variant}", " ".join(changed)))
    ours = _BandIndex(stage.candidate_jaccard, stage.permutations)
    theirs = MinHashLSH(threshold=stage.candidate_jaccard, num_perm=stage.permutations)

    found = []
    for article in articles:
        signature = stage._signature(article)
        assert signature is not None
        expected = set(theirs.query(signature.minhash))
        assert {s.article_id for s in ours.candidates(signature.minhash)} == expected
        found.append(len(expected))
        ours.insert(signature)
        theirs.insert(signature.article_id, signature.minhash)

    assert found.count(0) > 300  # the first of each family, and variants LSH misses
    assert sum(found) > 50  # and variants it finds


def test_each_original_costs_under_3_kb_of_index_and_signature() -> None:
    articles = random_articles(1000, seed=8)
    stage = NearDuplicateStage()
    stage.group(articles[:5])  # first use sets up numpy and datasketch state: a one-off cost

    tracemalloc.start()
    try:
        folded = stage.group(articles)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # all 1,000 are originals, each with its signature in the index
    assert all(isinstance(a, Article) and a.duplicate_of is None for a in folded)
    # MinHashLSH and full MinHash signatures (with their permutation table) took 6.35 KB an
    # article; lean signatures 5.7 KB; lean signatures in the band index 2.1 KB.
    assert peak / len(articles) < 3_000, f"{peak / len(articles):,.0f} bytes per article"
