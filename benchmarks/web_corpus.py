"""An invented store for the web load benchmark: N articles in stories with full briefs.

Every article, outlet, quote and number is made up (seeded, so every run builds the same
store); the shape follows a real day of news: one very large story, many middling ones.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from storyline.model import (
    Article,
    Brief,
    Claim,
    Disagreement,
    Entity,
    EntityType,
    Fact,
    PublicationDate,
    Quote,
    Story,
    SummarySentence,
    TimelineEntry,
)
from storyline.store import open_store

OUTLETS = [
    f"Outlet {name}"
    for name in ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]
]
OUTLETS += [
    f"The {town} Courier"
    for town in ["Ashby", "Brent", "Calder", "Dorn", "Elm", "Fenwick", "Garth"]
]
WORDS = [
    "council",
    "harbour",
    "storm",
    "minister",
    "vote",
    "rescue",
    "bridge",
    "strike",
    "court",
    "budget",
    "river",
    "police",
    "school",
    "hospital",
    "report",
    "market",
    "fire",
    "road",
    "airport",
    "union",
    "mayor",
    "village",
    "festival",
    "trial",
    "said",
    "would",
    "after",
    "before",
    "during",
    "against",
    "across",
    "between",
    "officials",
    "residents",
    "workers",
]
START = date(2026, 2, 1)


def _sentence(rng: random.Random, words: int = 14) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def _article(rng: random.Random, story: int, number: int) -> Article:
    day = START + timedelta(days=rng.randrange(30))
    text = "\n\n".join(" ".join(_sentence(rng) for _ in range(4)) for _ in range(5))
    article_id = f"s{story:04d}-a{number:04d}"
    return Article(
        id=article_id,
        source_key=f"bench:{article_id}",
        content_hash=f"hash:{article_id}",
        kind="jsonl",
        text=text,
        url=f"https://news.example/{story}/{number}",
        source=rng.choice(OUTLETS),
        title=_sentence(rng, 8).rstrip("."),
        published=PublicationDate(day=day, method="given"),
        language="en",
    )


def _brief(rng: random.Random, ids: list[str]) -> Brief:
    def some(count: int = 3) -> tuple[str, ...]:
        return tuple(rng.sample(ids, min(count, len(ids))))

    people = [f"Person {n}" for n in range(6)]
    named: list[tuple[str, EntityType]] = [(p, "person") for p in people]
    named += [(f"Org {n}", "organization") for n in range(5)]
    named += [(f"Town {n}", "place") for n in range(5)]
    return Brief(
        summary=tuple(SummarySentence(_sentence(rng, 20), some(4)) for _ in range(6)),
        facts=tuple(
            Fact(
                text=_sentence(rng),
                subject=rng.choice(["deaths", "injured", "cost", "turnout"]),
                action="reported",
                value=float(rng.randrange(1, 5000)),
                approximate=rng.random() < 0.3,
                date=START + timedelta(days=rng.randrange(30)),
                attributed_to=rng.choice([None, "the ministry", "the police", "the mayor"]),
                sources=some(5),
                status=rng.choice(["corroborated", "single-source", "disputed"]),
            )
            for _ in range(12)
        ),
        disagreements=tuple(
            Disagreement(
                about=rng.choice(["deaths", "cost"]),
                claims=tuple(
                    Claim(float(rng.randrange(1, 500)), _sentence(rng), rng.choice(people), some(2))
                    for _ in range(3)
                ),
            )
            for _ in range(2)
        ),
        quotes=tuple(Quote(rng.choice(people), _sentence(rng, 18), some(2)) for _ in range(8)),
        entities=tuple(Entity(name, kind, (), some(3)) for name, kind in named),
        timeline=tuple(
            TimelineEntry(START + timedelta(days=rng.randrange(30)), _sentence(rng), some(2))
            for _ in range(10)
        ),
    )


def story_sizes(articles: int, largest: int) -> list[int]:
    """One story of `largest` articles, then stories of 40 down to 1 in turn, to `articles`."""
    sizes = [min(largest, articles)]
    cycle = 40
    while sum(sizes) < articles:
        sizes.append(min(cycle, articles - sum(sizes)))
        cycle = cycle - 1 if cycle > 1 else 40
    return sizes


def build_store(
    path: Path, articles: int = 10_000, largest: int = 200, seed: int = 7
) -> list[Story]:
    """Write the invented stories into a fresh store at `path`; returns them, largest first."""
    rng = random.Random(seed)
    stories = []
    for number, size in enumerate(story_sizes(articles, largest)):
        members = tuple(_article(rng, number, n) for n in range(size))
        stories.append(
            Story(
                id=f"bench-{number:04d}",
                title=f"Story {number}: " + _sentence(rng, 7).rstrip("."),
                articles=members,
                brief=_brief(rng, [a.id for a in members]),
            )
        )
    with open_store(path) as store:
        store.replace_stories(stories)
    return stories


def time_list_stories(path: Path, repeats: int) -> list[float]:
    """Seconds of each of `repeats` `list_stories` calls on the store at `path`, one store
    connection (as the web server holds one), after one untimed call that warms the cache."""
    with open_store(path) as store:
        store.list_stories()
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            store.list_stories()
            timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Build the invented store and time list_stories on it."
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--largest", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyline-web-corpus-") as work:
        db = Path(work) / "bench.db"
        stories = build_store(db, args.articles, args.largest)
        timings = time_list_stories(db, args.repeats)
    count = sum(len(story.articles) for story in stories)
    print(f"store: {count} invented articles in {len(stories)} stories")
    median = statistics.median(timings)
    print(
        f"list_stories over {args.repeats} calls: median {median * 1000:.1f} ms,"
        f" min {min(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms"
        f" (load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
