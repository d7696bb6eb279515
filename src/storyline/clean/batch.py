"""What the other articles of a batch say about a line: outlet boilerplate, other titles.

A line that recurs across articles of the same outlet is the outlet's page furniture
(share rows, promos, newsletter boxes); a line that is another article's headline is a
related-article link. Neither can be told from one article alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

# With the outlet unknown, a line must recur in this many articles of the batch; with it
# known, in this many articles of that outlet.
_UNKNOWN_OUTLET_ARTICLES = 3
_SAME_OUTLET_ARTICLES = 2


@dataclass(frozen=True, slots=True)
class BatchDocument:
    """One article's line keys as the batch sees them, and its title's key if any."""

    outlet: str | None
    line_keys: frozenset[str]
    title_key: str | None


@dataclass
class BatchContext:
    """Counts over the batch, answering questions about one article at a time."""

    _articles_with_line: dict[tuple[str | None, str], int] = field(default_factory=dict)
    _any_outlet_with_line: dict[str, int] = field(default_factory=dict)
    _title_count: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, documents: Iterable[BatchDocument]) -> BatchContext:
        per_outlet: dict[tuple[str | None, str], int] = defaultdict(int)
        anywhere: dict[str, int] = defaultdict(int)
        titles: dict[str, int] = defaultdict(int)
        for document in documents:
            for key in document.line_keys:
                per_outlet[(document.outlet, key)] += 1
                anywhere[key] += 1
            if document.title_key:
                titles[document.title_key] += 1
        return cls(dict(per_outlet), dict(anywhere), dict(titles))

    def is_outlet_boilerplate(self, key: str, outlet: str | None) -> bool:
        """The line recurs in other articles of the same outlet (or of the batch)."""
        if not key:
            return False
        if outlet is not None:
            return self._articles_with_line.get((outlet, key), 0) >= _SAME_OUTLET_ARTICLES
        return self._any_outlet_with_line.get(key, 0) >= _UNKNOWN_OUTLET_ARTICLES

    def is_other_title(self, key: str, own_title_key: str | None) -> bool:
        """The line is the headline of another article in the batch."""
        if not key:
            return False
        count = self._title_count.get(key, 0)
        return count >= (2 if key == own_title_key else 1)


EMPTY_CONTEXT = BatchContext()
