"""Precision and recall of the brief's facts, quotes and timeline on hand-annotated stories.

    .venv/bin/python -m benchmarks.facts_quality                # the test split (reported)
    .venv/bin/python -m benchmarks.facts_quality --split dev --show-errors

Each annotated Multi-News cluster (benchmarks/annotations/, see its README) becomes one story
of its documents, with the publication day the annotation found in the text; the synthesize
stage writes the brief, and every fact, quote and timeline entry is judged against the
annotations of the documents it cites. Prints, per field, precision and recall, with the
seconds the analysis took per story (the spaCy model load excluded).
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.facts_scoring import StoryScore, Tally, score_story
from benchmarks.shared_data import MULTINEWS_FULLTEXT, read_jsonl_gz
from storyline.clean.sentences import split_sentences
from storyline.model import Article, PublicationDate, Story
from storyline.synthesize import SynthesizeStage

ANNOTATIONS = Path(__file__).resolve().parent / "annotations"


def load_annotations(split: str) -> list[dict[str, Any]]:
    found = []
    for path in sorted(ANNOTATIONS.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        if split == "all" or annotation["split"] == split:
            found.append(annotation)
    return found


def annotated_story(cluster: dict[str, Any], annotation: dict[str, Any]) -> Story:
    articles = []
    for index, text in enumerate(cluster["documents"]):
        published = (annotation["documents"].get(str(index)) or {}).get("published")
        articles.append(
            Article(
                id=f"{cluster['id']}-{index}",
                source_key=f"multinews:{cluster['id']}:{index}",
                content_hash=f"{cluster['id']}-{index}",
                kind="jsonl",
                text=text,
                sentences=split_sentences(text),
                published=PublicationDate(date.fromisoformat(published), None, "text")
                if published
                else None,
                language="en",
            )
        )
    return Story(id=cluster["id"], title=cluster["id"], articles=tuple(articles))


def line(name: str, tally: Tally, recall: bool = True) -> str:
    text = f"{name:<34} P {tally.precision:.3f} ({tally.system_right}/{tally.system})"
    if recall:
        text += f"   R {tally.recall:.3f} ({tally.gold_found}/{tally.gold})"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    annotations = load_annotations(args.split)
    wanted = {a["cluster"] for a in annotations}
    clusters = {c["id"]: c for c in read_jsonl_gz(MULTINEWS_FULLTEXT) if c["id"] in wanted}
    stage = SynthesizeStage()
    stage.setup()
    total = StoryScore()
    seconds = []
    for annotation in annotations:
        cluster = clusters[annotation["cluster"]]
        story = annotated_story(cluster, annotation)
        started = time.perf_counter()
        brief = stage.analyse(story)
        seconds.append(time.perf_counter() - started)
        doc_ids = {article.id: i for i, article in enumerate(story.articles)}
        texts = dict(enumerate(cluster["documents"]))
        total.add(score_story(brief, annotation, doc_ids, texts))
    print(f"{len(annotations)} annotated stories ({args.split} split), {sum(seconds):.1f} s")
    print(line("quantity facts (value + noun)", total.quantities))
    print(line("  value only", total.quantity_values))
    print(line("  attribution, of matched facts", total.attribution, recall=False))
    print(line("  date, of matched facts", total.fact_dates, recall=False))
    print(line("quotes (found at all)", total.quotes))
    print(line("quote speakers (of all quotes)", total.speakers))
    print(line("dated events", total.events))
    if args.show_errors:
        print("\n".join(total.errors))


if __name__ == "__main__":
    main()
