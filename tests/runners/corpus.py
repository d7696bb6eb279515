"""A generated corpus for runner parity: several stories, exact copies across partitions, and
dates out of input order, so partitioning, shuffling and ordering all have a chance to
change the result if a runner gets them wrong. Plus B-cubed agreement between two groupings.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from storyline.model import Article, Story
from tests.conftest import make_article

TOPICS = {
    "flood": "river flood levee villages rescuers rainfall evacuation dam valley water",
    "election": "election ballots voters candidate parliament coalition campaign polls",
    "quake": "earthquake magnitude tremor aftershock epicentre buildings collapsed seismic",
    "strike": "strike union workers wages factory walkout negotiations pay",
    "launch": "rocket launch orbit satellite booster spaceport payload mission",
    "wildfire": "wildfire blaze firefighters acres containment smoke evacuations drought",
}
FILLER = ["the", "a", "of", "in", "on", "and", "officials", "said", "reported", "after"]


def parity_corpus(per_topic: int = 12, copies: int = 8, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    articles: list[Article] = []
    for topic, vocabulary in TOPICS.items():
        words = vocabulary.split()
        for n in range(per_topic):
            sentences = [
                " ".join(rng.choice(words + FILLER) for _ in range(14)).capitalize() + "."
                for _ in range(4)
            ]
            day = date(2026, 3, 1) + timedelta(days=rng.randrange(10))
            articles.append(
                make_article(
                    f"{topic}-{n:02d}",
                    " ".join(sentences),
                    title=f"{topic.title()} {' '.join(rng.sample(words, 3))}",
                    day=day,
                    source=f"outlet-{rng.randrange(5)}",
                )
            )
    rng.shuffle(articles)
    for n, original in enumerate(rng.sample(articles, copies)):
        articles.append(make_article(f"copy-{n}", original.text, title=original.title))
    return articles


def memberships(stories: Sequence[Story]) -> dict[str, int]:
    return {a.id: index for index, s in enumerate(stories) for a in s.articles}


def bcubed_agreement(left: dict[str, int], right: dict[str, int]) -> float:
    """B-cubed F1 of one grouping against the other (symmetric: swapping them swaps P and R)."""
    assert left.keys() == right.keys()

    def precision(a: dict[str, int], b: dict[str, int]) -> float:
        total = 0.0
        for item in a:
            same_a = {o for o in a if a[o] == a[item]}
            same_b = {o for o in b if b[o] == b[item]}
            total += len(same_a & same_b) / len(same_a)
        return total / len(a)

    p, r = precision(left, right), precision(right, left)
    return 2 * p * r / (p + r)
