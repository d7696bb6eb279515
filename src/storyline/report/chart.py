"""The timeline as a chart drawn on the server: articles per day as bars, timeline events as
numbered dots matching the numbered list below it.

Only geometry and labels are computed here; the templates draw the SVG, so every label
(which may hold article text) is escaped like the rest of the page. No script is involved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.report.display import format_date

WIDTH = 640.0
_AXIS_LEFT = 14.0
_AXIS_RIGHT = WIDTH - 14.0
_MAX_BAR = 24.0
# Days are placed inside the axis by half the widest bar, so the end bars stay on it.
_LEFT = _AXIS_LEFT + _MAX_BAR / 2
_RIGHT = _AXIS_RIGHT - _MAX_BAR / 2
_TOP = 14.0
_ROW = 22.0  # vertical distance between events of the same day
_DOT = 9.0
_MAX_STACK = 4  # events of one day beyond this overlap the last row instead of growing the chart
_BAR_AREA = 64.0
_MAX_TICKS = 5


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    iso: str
    anchor: str  # SVG text-anchor, so the first and last labels stay inside the chart


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True, slots=True)
class EventMark:
    number: int
    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class TimelineChart:
    width: float
    height: float
    radius: float
    axis_y: float
    left: float
    right: float
    ticks: tuple[Tick, ...]
    bars: tuple[Bar, ...]
    events: tuple[EventMark, ...]
    description: str


def timeline_chart(
    published_days: Iterable[date], events: Sequence[tuple[date, str]]
) -> TimelineChart | None:
    """The chart of a story whose articles were published on `published_days` and whose
    timeline has `events` (day and text, in date order); None when nothing is dated."""
    per_day = Counter(published_days)
    days = [*per_day, *(day for day, _ in events)]
    if not days:
        return None
    start, end = min(days), max(days)
    if start == end:  # a single day sits in the middle of a three-day axis
        start, end = start - timedelta(days=1), end + timedelta(days=1)
    span = (end - start).days

    def x_of(day: date) -> float:
        return round(_LEFT + (day - start).days / span * (_RIGHT - _LEFT), 1)

    stack: Counter[date] = Counter()
    marks = []
    for number, (day, text) in enumerate(events, start=1):
        row = min(stack[day], _MAX_STACK - 1)
        stack[day] += 1
        label = f"{number}. {format_date(day)}: {text}"
        marks.append(EventMark(number, x_of(day), _TOP + _DOT + row * _ROW, label))
    rows = min(max(stack.values(), default=0), _MAX_STACK)
    axis_y = _TOP + rows * _ROW + 8.0 + _BAR_AREA
    bar_width = round(max(3.0, min(_MAX_BAR, (_RIGHT - _LEFT) / (span + 1) * 0.7)), 1)
    most = max(per_day.values(), default=1)
    bars = []
    for day, count in sorted(per_day.items()):
        height = round(max(2.0, count / most * _BAR_AREA), 1)
        noun = "article" if count == 1 else "articles"
        bars.append(
            Bar(
                x=round(x_of(day) - bar_width / 2, 1),
                y=round(axis_y - height, 1),
                width=bar_width,
                height=height,
                label=f"{count} {noun} on {format_date(day)}",
            )
        )
    shown = "Articles per day (bars)"
    if events:
        noun = "event" if len(events) == 1 else "events"
        shown += f" and {len(events)} timeline {noun} (numbered dots)"
    description = f"{shown}, {format_date(start)} to {format_date(end)}"
    return TimelineChart(
        width=WIDTH,
        height=axis_y + 30.0,
        radius=_DOT,
        axis_y=axis_y,
        left=_AXIS_LEFT,
        right=_AXIS_RIGHT,
        ticks=_ticks(start, span, x_of),
        bars=tuple(bars),
        events=tuple(marks),
        description=description,
    )


def _ticks(start: date, span: int, x_of: Callable[[date], float]) -> tuple[Tick, ...]:
    count = min(_MAX_TICKS, span + 1)
    offsets = sorted({round(i * span / (count - 1)) for i in range(count)})
    ticks = []
    for position, offset in enumerate(offsets):
        day = start + timedelta(days=offset)
        anchor = "start" if position == 0 else "end" if position == len(offsets) - 1 else "middle"
        ticks.append(Tick(x_of(day), format_date(day), day.isoformat(), anchor))
    return tuple(ticks)
