"""Runners execute a pipeline's stages: in-process (local) or on a Dask cluster."""

from storyline.runners.base import DropHandler, Runner
from storyline.runners.local import LocalRunner
from storyline.runners.progress import NullProgress, ProgressSink, ProgressTask

__all__ = ["DropHandler", "LocalRunner", "NullProgress", "ProgressSink", "ProgressTask", "Runner"]
