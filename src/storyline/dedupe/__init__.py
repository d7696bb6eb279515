"""Duplicate detection: copies of one article are folded into it with `duplicate_of`."""

from storyline.dedupe.exact import ExactDuplicateStage

__all__ = ["ExactDuplicateStage"]
