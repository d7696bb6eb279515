"""Duplicate detection: copies of one article are folded into it with `duplicate_of`.

`ExactDuplicateStage` folds identical texts; `NearDuplicateStage` then folds syndicated and
near-identical copies (MinHash LSH).
"""

from storyline.dedupe.exact import ExactDuplicateStage
from storyline.dedupe.near import NearDuplicateStage

__all__ = ["ExactDuplicateStage", "NearDuplicateStage"]
