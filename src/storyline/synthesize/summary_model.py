"""Sentence salience: a linear model over `summary_features`, with weights fitted offline.

The weights ship as `summary_weights.json` (fitted by `python -m benchmarks.summary_fit` on
the first half of the Multi-News validation clusters, against a ROUGE-oracle target). When
the file is missing or does not match the features, a hand-set model takes over, so a
broken install degrades the summary instead of stopping the run.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

from storyline.synthesize.summary_features import FEATURE_NAMES

WEIGHTS_FILE = "summary_weights.json"
_log = logging.getLogger(__name__)

# Centrality and early position: the classic centroid summarizer, used only as a fallback.
_HAND_SET = {"centrality": 1.0, "lead": 0.3, "agreement": 0.2, "leans_back": -0.2}


@dataclass(frozen=True, slots=True)
class SalienceModel:
    weights: tuple[float, ...]
    bias: float = 0.0
    origin: str = "hand-set"

    def score(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray(rows @ np.asarray(self.weights) + self.bias, dtype=np.float64)

    def as_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURE_NAMES),
            "weights": list(self.weights),
            "bias": self.bias,
            "origin": self.origin,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SalienceModel:
        named = dict(zip(data["features"], data["weights"], strict=True))
        if set(named) != set(FEATURE_NAMES):
            raise ValueError("the weights do not name the current features")
        weights = tuple(float(named[name]) for name in FEATURE_NAMES)
        return cls(weights, float(data.get("bias", 0.0)), str(data.get("origin", "")))


def hand_set_model() -> SalienceModel:
    return SalienceModel(tuple(_HAND_SET.get(name, 0.0) for name in FEATURE_NAMES))


@lru_cache(maxsize=1)
def default_model() -> SalienceModel:
    """The fitted model shipped with the package, or the hand-set one if it cannot be read."""
    try:
        text = resources.files("storyline.synthesize").joinpath(WEIGHTS_FILE).read_text("utf-8")
        return SalienceModel.from_json(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError) as error:
        _log.warning("summary weights unusable (%s); using hand-set salience", error)
        return hand_set_model()
