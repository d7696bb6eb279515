"""Facts for display as a table with one column per outlet, so a reader sees at a glance
which outlet reports what (the HTML and Markdown reports and the web UI share it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.model import Fact
from storyline.report.display import format_date, format_value
from storyline.report.refs import Cite, SourceRef

STATUSES = frozenset({"corroborated", "single-source", "disputed"})
UNKNOWN_OUTLET = "Outlet unknown"
OTHER_OUTLETS = "Other outlets"
# More outlet columns than this do not fit a screen; the rest share one column.
MAX_OUTLET_COLUMNS = 8


@dataclass(frozen=True, slots=True)
class FactView:
    text: str
    subject: str
    action: str | None
    value: str
    status: str
    date: str | None
    attributed_to: str | None
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class FactRow:
    fact: FactView
    by_outlet: tuple[tuple[SourceRef, ...], ...]  # one cell per column of the table


@dataclass(frozen=True, slots=True)
class FactTable:
    outlets: tuple[str, ...]
    rows: tuple[FactRow, ...]


def fact_views(facts: Iterable[Fact], cite: Cite) -> tuple[FactView, ...]:
    return tuple(
        FactView(
            text=fact.text,
            subject=fact.subject,
            action=fact.action,
            value=format_value(fact.value, fact.approximate),
            # the status becomes a CSS class, so only known values pass
            status=fact.status if fact.status in STATUSES else "unknown",
            date=format_date(fact.date) if fact.date is not None else None,
            attributed_to=fact.attributed_to,
            refs=cite(fact.sources),
        )
        for fact in facts
    )


def fact_table(views: Iterable[FactView]) -> FactTable:
    """One row per fact (facts about the same subject next to each other), one column per
    outlet, most prolific first; a cell holds the refs of that outlet's supporting articles."""
    by_subject: dict[str, list[FactView]] = {}
    for view in views:
        by_subject.setdefault(view.subject, []).append(view)
    ordered = [view for group in by_subject.values() for view in group]
    support = Counter(_outlet(ref) for view in ordered for ref in dict.fromkeys(view.refs))
    ranked = [outlet for outlet, _ in support.most_common()]  # ties keep first appearance
    if len(ranked) > MAX_OUTLET_COLUMNS:
        shown = ranked[: MAX_OUTLET_COLUMNS - 1]
        columns = (*shown, OTHER_OUTLETS)
    else:
        shown = ranked
        columns = tuple(ranked)
    column_of = {outlet: index for index, outlet in enumerate(shown)}
    rows = []
    for view in ordered:
        cells: list[list[SourceRef]] = [[] for _ in columns]
        for ref in view.refs:
            cells[column_of.get(_outlet(ref), len(columns) - 1)].append(ref)
        rows.append(FactRow(view, tuple(tuple(cell) for cell in cells)))
    return FactTable(columns, tuple(rows))


def _outlet(ref: SourceRef) -> str:
    return ref.outlet or UNKNOWN_OUTLET
