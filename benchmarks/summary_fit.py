"""Fit the salience weights on the FIRST half of the Multi-News validation clusters.

    .venv/bin/python -m benchmarks.summary_fit --write

Each candidate sentence's target is how much of it the human summary shares: its ROUGE-2
precision against the reference (rouge-score's stemmed tokens; it chose better summaries
than ROUGE-1 precision or their mean when checked on the first half), centred within its
cluster, so the model learns which sentences of a story beat the others
rather than which stories are easy. The weights are a ridge regression over
`summary_features`, fitted on the even-numbered clusters of the first half and checked on the
odd-numbered ones (ROUGE of the whole summary, against the hand-set weights), then refitted
on the whole first half. `--write` stores them in the package. The second half of the split
and the full-text clusters are never read here.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rouge_score import tokenizers
from sklearn.linear_model import Ridge

from benchmarks.summary_data import Cluster, story_of, val_clusters
from benchmarks.summary_scoring import METRICS, rouge
from storyline.clean import CleanStage
from storyline.model import Story
from storyline.synthesize import summary_model
from storyline.synthesize.candidates import story_sentences
from storyline.synthesize.summarize import summarize
from storyline.synthesize.summary_features import FEATURE_NAMES, features, vectorize
from storyline.synthesize.summary_model import SalienceModel, hand_set_model

WEIGHTS_PATH = Path(summary_model.__file__).with_name(summary_model.WEIGHTS_FILE)


@dataclass
class Example:
    story: Story
    reference: str
    rows: NDArray[np.float64]
    targets: NDArray[np.float64]


def _grams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def sentence_targets(texts: Sequence[str], reference: str) -> NDArray[np.float64]:
    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
    reference_tokens = tokenizer.tokenize(reference)
    wanted = _grams(reference_tokens, 2)
    out = []
    for text in texts:
        tokens = tokenizer.tokenize(text)
        grams = _grams(tokens, 2)
        total = sum(grams.values())
        shared = sum(min(count, wanted[gram]) for gram, count in grams.items())
        out.append(shared / total if total else 0.0)
    return np.array(out)


def examples(clusters: Sequence[Cluster]) -> list[Example]:
    cleaner = CleanStage()
    found = []
    for cluster in clusters:
        story = story_of(cluster, cleaner)
        if story is None:
            continue
        candidates = story_sentences(story)
        vectors = vectorize(candidates) if candidates else None
        if vectors is None:
            continue
        rows = features(candidates, vectors)
        sayable = np.array([c.sayable for c in candidates])
        if not sayable.any():
            continue
        targets = sentence_targets([c.text for c in candidates], cluster.reference)[sayable]
        found.append(Example(story, cluster.reference, rows[sayable], targets - targets.mean()))
    return found


def fit(training: Sequence[Example], alpha: float) -> SalienceModel:
    rows = np.vstack([e.rows for e in training])
    targets = np.concatenate([e.targets for e in training])
    ridge = Ridge(alpha=alpha).fit(rows, targets)
    return SalienceModel(
        tuple(float(w) for w in ridge.coef_),
        0.0,
        f"ridge(alpha={alpha}) on {len(training)} Multi-News validation clusters (first half)",
    )


def summary_rouge(checking: Sequence[Example], model: SalienceModel, budget: int) -> list[float]:
    scores = [
        rouge([s.text for s in summarize(e.story, budget, model=model)], e.reference)
        for e in checking
    ]
    return [statistics.fmean(s[m] for s in scores) for m in METRICS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stride", type=int, default=1, help="every n-th cluster of the half")
    parser.add_argument("--alpha", type=float, default=10.0)
    parser.add_argument("--budget", type=int, default=250)
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_PATH.name}")
    args = parser.parse_args()
    every = examples(val_clusters("fit", args.stride))
    training, checking = every[0::2], every[1::2]
    print(f"{len(every)} clusters of the first half: fit on {len(training)}, check on the rest")
    model = fit(training, args.alpha)
    for name, candidate in (("hand-set", hand_set_model()), ("fitted", model)):
        r1, r2, rl = summary_rouge(checking, candidate, args.budget)
        print(f"{name:<9} R1 {r1:.2f}  R2 {r2:.2f}  RLsum {rl:.2f}")
    final = fit(every, args.alpha)
    for feature, weight in zip(FEATURE_NAMES, final.weights, strict=True):
        print(f"  {feature:<20}{weight:+.4f}")
    if args.write:
        data: dict[str, Any] = final.as_json()
        WEIGHTS_PATH.write_text(json.dumps(data, indent=2) + "\n")
        print(f"wrote {WEIGHTS_PATH}")


if __name__ == "__main__":
    main()
