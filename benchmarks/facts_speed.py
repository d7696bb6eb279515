"""Seconds to brief a 10-article story, the spaCy model load excluded.

    .venv/bin/python -m benchmarks.facts_speed --repeat 5

The story is the first ten full-length Multi-News documents (fulltext_dev100) of 300 to 900
words, about a typical news article each. The stage is set up once (model loaded, dateparser
warmed); each run briefs the whole story (summary, facts, quotes, entities, timeline). Prints
the median wall time and CPU time of the runs, and the share the summary takes, so that a
busy machine (wall well above CPU) is visible; then the same for a re-brief whose articles
are all in the parse cache (what `storyline watch` and a second `storyline run` pay).
"""

from __future__ import annotations

import argparse
import statistics
import time

from benchmarks.shared_data import MULTINEWS_FULLTEXT, read_jsonl_gz
from storyline.clean.sentences import split_sentences
from storyline.model import Article, Story
from storyline.synthesize import SynthesizeStage
from storyline.synthesize.parse_cache import MemoryParseCache
from storyline.synthesize.summarize import summarize


def ten_article_story(articles: int = 10) -> Story:
    texts: list[str] = []
    for cluster in read_jsonl_gz(MULTINEWS_FULLTEXT):
        texts.extend(d for d in cluster["documents"] if 300 <= len(d.split()) <= 900)
        if len(texts) >= articles:
            break
    built = tuple(
        Article(
            id=f"speed-{i}",
            source_key=f"speed:{i}",
            content_hash=f"speed-{i}",
            kind="jsonl",
            text=text,
            sentences=split_sentences(text),
            language="en",
        )
        for i, text in enumerate(texts[:articles])
    )
    return Story(id="speed", title="speed", articles=built)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--articles", type=int, default=10)
    args = parser.parse_args()
    story = ten_article_story(args.articles)
    words = sum(len(a.text.split()) for a in story.articles)
    stage = SynthesizeStage()
    started = time.perf_counter()
    stage.setup()
    load = time.perf_counter() - started
    walls, cpus, summary_walls = [], [], []
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        stage.brief(story)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        wall = time.perf_counter()
        summarize(story, stage.summary_words)
        summary_walls.append(time.perf_counter() - wall)
    stage.use_cache(MemoryParseCache())
    stage.brief(story)  # fills the cache
    cached_walls, cached_cpus = [], []
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        stage.brief(story)
        cached_walls.append(time.perf_counter() - wall)
        cached_cpus.append(time.process_time() - cpu)
    print(f"{len(story.articles)} articles, {words} words; model load {load:.1f} s (excluded)")
    print(
        f"brief: median {statistics.median(walls):.2f} s wall, "
        f"{statistics.median(cpus):.2f} s CPU over {args.repeat} runs "
        f"(min wall {min(walls):.2f} s); summary alone {statistics.median(summary_walls):.2f} s"
    )
    print(
        f"re-brief, parses cached: median {statistics.median(cached_walls):.2f} s wall, "
        f"{statistics.median(cached_cpus):.2f} s CPU (min wall {min(cached_walls):.2f} s)"
    )


if __name__ == "__main__":
    main()
