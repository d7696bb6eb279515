"""CPU milliseconds per article of the synthesize stage on Multi-News articles.

    .venv/bin/python -m benchmarks.synthesize_cpu --articles 400

The articles are the first N Multi-News validation documents (as `storyline run` reads a
JSONL corpus), grouped into stories by their gold cluster, briefed in batches of stories as
the runner hands them to the stage. CPU time (`time.process_time`) is used, not wall time,
because the machine is shared. `--profile` prints the functions that cost the most.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Callable

from benchmarks.shared_data import multinews_documents
from storyline.clean.sentences import split_sentences
from storyline.model import Article, Story
from storyline.synthesize import SynthesizeStage

# Stories per call of `process`: what a runner batch holds for stories of a few articles.
STORIES_PER_BATCH = 32


def multinews_stories(articles: int) -> list[Story]:
    grouped: dict[str, list[Article]] = {}
    for record in multinews_documents(articles):
        grouped.setdefault(record["story"], []).append(
            Article(
                id=record["id"],
                source_key=f"multinews:{record['id']}",
                content_hash=record["id"],
                kind="jsonl",
                text=record["text"],
                sentences=split_sentences(record["text"]),
                language="en",
            )
        )
    return [Story(id=story, title=story, articles=tuple(found)) for story, found in grouped.items()]


def cpu_ms_per_article(stage: SynthesizeStage, stories: list[Story]) -> float:
    count = sum(len(story.articles) for story in stories)
    started = time.process_time()
    for first in range(0, len(stories), STORIES_PER_BATCH):
        stage.process(stories[first : first + STORIES_PER_BATCH])
    return 1000 * (time.process_time() - started) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    stories = multinews_stories(args.articles)
    stage = SynthesizeStage()
    stage.setup()
    stage.process(stories[:2])  # first-call costs (lazy tables) are not per-article costs
    run: Callable[[], float] = lambda: cpu_ms_per_article(stage, stories)  # noqa: E731
    if args.profile:
        profile = cProfile.Profile()
        ms = profile.runcall(run)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    else:
        ms = run()
    count = sum(len(story.articles) for story in stories)
    print(f"{count} articles in {len(stories)} stories: synthesize {ms:.1f} ms CPU per article")


if __name__ == "__main__":
    main()
