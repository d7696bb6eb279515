"""Short citations of a story's articles: `[3]`, with the outlet and the anchor to link to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A short citation of one article of a story: `[3]`, with its outlet and link anchor."""

    number: int
    article_id: str
    outlet: str | None
    title: str | None
    anchor: str

    @property
    def label(self) -> str:
        return f"[{self.number}]"

    @property
    def long_label(self) -> str:
        return f"{self.label} {self.outlet}" if self.outlet else self.label

    @property
    def tooltip(self) -> str:
        parts = [part for part in (self.outlet, self.title) if part]
        return ": ".join(parts) if parts else self.article_id


# Turns a `sources` list of article ids into the refs of those that belong to the story.
Cite = Callable[[Iterable[str]], tuple[SourceRef, ...]]
