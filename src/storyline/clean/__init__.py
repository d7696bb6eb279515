"""Cleaning: raw documents become articles with clean text, title, date, language, sentences."""

from storyline.clean.stage import CleanStage

__all__ = ["CleanStage"]
