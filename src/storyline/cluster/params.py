"""The clusterer's settings, with the fitted ones read from `fitted.json` beside this file.

`fitted.json` is written by `python -m benchmarks.clustering_fit`, which tunes the
thresholds and the hubness weight on the tuning half of the Multi-News validation regrouping
(the reporting half is never seen by the fit). The window and capacity are product settings,
not fitted: how long a story may stay quiet and still take new articles, and how much the
clusterer may hold in memory.
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
    `merge_threshold`.
    """

    join_threshold: float = 0.12
    merge_threshold: float = 0.08
    hubness_weight: float = 1.0
    hubness_neighbours: int = 10
    title_weight: int = 2
    window_days: float = 7.0
    max_window_articles: int = 20_000
    merge_every: int = 2_000
    batch_size: int = 256

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
