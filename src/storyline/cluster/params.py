"""The clusterer's settings, with the fitted ones read from `fitted.json` beside this file.

`fitted.json` is written by `python -m benchmarks.clustering_fit`, which tunes the
thresholds and hubness weights on the tuning half of the Multi-News validation regrouping,
the headline settings on the earlier half of the UCI headline stories, and the name weight on
the fitting half of the SemEval pairs (no reporting half is seen by the fit). The window,
capacity and key terms are product settings, not fitted: how long a story may stay quiet and
still take new articles, and how much the clusterer may hold in memory.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from importlib import resources
from typing import Any

FITTED_FILE = "fitted.json"


@dataclass(frozen=True, slots=True)
class ClusterParams:
    """How articles are scored against stories and when stories close.

    An article joins the best open story when `similarity - hubness_weight * hubness` reaches
    `join_threshold`, where similarity is the average cosine to the story's articles and
    hubness the mean of the article's and the story's typical similarity to the
    `hubness_neighbours` next-best stories (so articles on crowded topics need more to join).
    Two stories merge when their average-linkage score, adjusted the same way, reaches
    `merge_threshold`. A story of one full-length article, as it closes, joins its nearest
    story when that one's linkage reaches `lone_floor` and is `lone_margin` ahead of the
    runner-up's, whatever the other thresholds (see `lone_attachments`).

    Headline-only inputs (fewer than `short_text_terms` distinct content words, about a
    sentence) have their own thresholds and hubness weight: a story told in headlines has a
    much lower average cosine between its members than one told in full articles. An
    article's own length picks the setting for joining; two stories merge under the short
    setting only when most articles of both are short.

    `name_weight` counts a capitalised word inside a sentence (a name or place) that many
    extra times: entity overlap folded into the text vector. `refresh_hubness` lets each
    merge pass re-measure a changed story's hubness against every open story (an article's
    own hubness only saw the stories before it). `key_terms` caps the terms each story keeps.
    Candidates come from an inverted index over each story's `probe_terms` heaviest terms
    (an article probes it with its own heaviest as many); the `candidate_stories` best of
    them are scored exactly, for a join and for a merge, so the work per article does not
    grow with the number of open stories.
    """

    join_threshold: float = 0.12
    merge_threshold: float = 0.08
    hubness_weight: float = 1.0
    hubness_neighbours: int = 10
    short_text_terms: int = 20
    short_join_threshold: float = 0.1
    short_merge_threshold: float = 0.05
    short_hubness_weight: float = 0.0
    lone_margin: float = 0.04
    lone_floor: float = 0.12
    title_weight: int = 2
    name_weight: int = 0
    refresh_hubness: bool = True
    window_days: float = 7.0
    max_window_articles: int = 20_000
    key_terms: int = 400
    probe_terms: int = 32
    candidate_stories: int = 24
    merge_every: int = 2_000
    batch_size: int = 256

    def join_setting(self, short: bool) -> tuple[float, float]:
        """(join threshold, hubness weight) for a short or a full-length article."""
        if short:
            return self.short_join_threshold, self.short_hubness_weight
        return self.join_threshold, self.hubness_weight

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> ClusterParams:
        known = {f.name for f in fields(cls)}
        return replace(cls(), **{k: v for k, v in values.items() if k in known})


def fitted_params() -> ClusterParams:
    """The defaults overridden by the fitted values shipped with the package."""
    text = resources.files("storyline.cluster").joinpath(FITTED_FILE).read_text()
    return ClusterParams.from_dict(json.loads(text)["params"])
