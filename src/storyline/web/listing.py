"""The story list's search, filters, order and pages, shared by `/` and `/api/stories`.

Works on `StoryRow`s (no articles or briefs loaded), so filtering a large store stays cheap.
Query values come straight from the URL: anything unparsable becomes a message for the
reader and the filter is not applied, rather than an error page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from storyline.store import StoryRow

PAGE_SIZE = 50
SORTS = {"newest": "Newest first", "largest": "Largest first"}
DEFAULT_SORT = "newest"


@dataclass(frozen=True, slots=True)
class StoryQuery:
    text: str = ""
    start: date | None = None
    end: date | None = None
    outlet: str = ""
    sort: str = DEFAULT_SORT
    page: int = 1
    errors: tuple[str, ...] = ()

    @property
    def words(self) -> list[str]:
        return self.text.casefold().split()

    def params(self, **changes: str | int) -> dict[str, str]:
        """The query string of this query with `changes`, leaving out empty values."""
        values: dict[str, str | int] = {
            "q": self.text,
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
            "outlet": self.outlet,
            "sort": self.sort if self.sort != DEFAULT_SORT else "",
            "page": self.page if self.page != 1 else "",
        }
        values.update(changes)
        return {key: str(value) for key, value in values.items() if value not in ("", 1)}


def parse_query(
    text: str = "", start: str = "", end: str = "", outlet: str = "", sort: str = "", page: str = ""
) -> StoryQuery:
    errors: list[str] = []
    first = _parse_day(start, "from", errors)
    last = _parse_day(end, "to", errors)
    if first is not None and last is not None and first > last:
        errors.append("The 'from' date is after the 'to' date; the two were swapped.")
        first, last = last, first
    if sort and sort not in SORTS:
        errors.append(f"Unknown order {sort!r}; showing newest first.")
        sort = ""
    number = 1
    if page.strip():
        try:
            number = max(1, int(page))
        except ValueError:
            errors.append(f"Page {page!r} is not a number; showing the first page.")
    return StoryQuery(
        text=" ".join(text.split()),
        start=first,
        end=last,
        outlet=outlet.strip(),
        sort=sort or DEFAULT_SORT,
        page=number,
        errors=tuple(errors),
    )


def filter_stories(rows: Iterable[StoryRow], query: StoryQuery) -> list[StoryRow]:
    """The rows that match the query's search and filters, in the order given."""
    words = query.words
    outlet = query.outlet.casefold()
    return [
        row
        for row in rows
        if _matches_words(row, words)
        and (not outlet or outlet in (name.casefold() for name in row.outlets))
        and _overlaps(row, query.start, query.end)
    ]


def select_stories(rows: Iterable[StoryRow], query: StoryQuery) -> list[StoryRow]:
    """The rows that match the query, in its order (all pages)."""
    kept = filter_stories(rows, query)
    if query.sort == "largest":
        kept.sort(key=lambda row: (-row.size, _newest_key(row), row.title.casefold()))
    else:
        kept.sort(key=lambda row: (_newest_key(row), -row.size, row.title.casefold()))
    return kept


def page_of(rows: Sequence[StoryRow], page: int) -> tuple[list[StoryRow], int]:
    """The rows of one page and the number of pages (at least 1)."""
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(page, pages)
    return list(rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]), pages


def outlets_of(rows: Iterable[StoryRow]) -> list[str]:
    names = {name for row in rows for name in row.outlets if name.strip()}
    return sorted(names, key=str.casefold)


def day_of_iso(value: str | None) -> date | None:
    """The day of a stored `YYYY-MM-DD` or ISO datetime, None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _parse_day(value: str, name: str, errors: list[str]) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"The '{name}' date {value!r} is not a YYYY-MM-DD date; it was ignored.")
        return None


def _matches_words(row: StoryRow, words: list[str]) -> bool:
    if not words:
        return True
    haystack = " ".join((row.title, row.id, row.key or "", *row.outlets)).casefold()
    return all(word in haystack for word in words)


def _overlaps(row: StoryRow, start: date | None, end: date | None) -> bool:
    """Whether the story's span of publication days meets [start, end]; undated stories
    only pass when no date filter is set."""
    if start is None and end is None:
        return True
    first, last = day_of_iso(row.first_published), day_of_iso(row.last_published)
    if first is None or last is None:
        return False
    return (start is None or last >= start) and (end is None or first <= end)


def _newest_key(row: StoryRow) -> tuple[int, int]:
    """Sorts the latest last publication day first, undated stories last."""
    last = day_of_iso(row.last_published)
    return (0, -last.toordinal()) if last is not None else (1, 0)
