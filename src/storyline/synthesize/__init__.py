"""Synthesis: the brief of a story (summary, facts, disagreements, quotes, entities, timeline)."""

from storyline.synthesize.stage import SynthesizeStage

__all__ = ["SynthesizeStage"]
