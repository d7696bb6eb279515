"""Periods of time a date can name: a day, a week, a month or a year, and shifting them."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.model import DatePrecision

Precision = DatePrecision


@dataclass(frozen=True, slots=True)
class When:
    """A resolved date: a day, or a week, month or year starting on `day`."""

    day: date  # the first day of the period for coarser precisions
    precision: Precision


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_when(year: int, month: int, day: int) -> When | None:
    found = safe_date(year, month, day)
    return When(found, "day") if found is not None else None


def coarsen(day: date, precision: Precision) -> When:
    if precision == "week":
        return When(day - timedelta(days=day.weekday()), "week")
    if precision == "month":
        return When(day.replace(day=1), "month")
    if precision == "year":
        return When(date(day.year, 1, 1), "year")
    return When(day, "day")


def shift(when: When, unit: str, count: int) -> When | None:
    day = when.day
    try:
        if unit == "day":
            return When(
                day + timedelta(days=count), "day" if when.precision == "day" else when.precision
            )
        if unit == "week":
            return coarsen(day + timedelta(weeks=count), "week")
        if unit == "month":
            months = day.year * 12 + day.month - 1 + count
            year, month = divmod(months, 12)
            last = calendar.monthrange(year, month + 1)[1]
            return coarsen(date(year, month + 1, min(day.day, last)), "month")
        return coarsen(date(day.year + count, 1, 1), "year")
    except (ValueError, OverflowError):
        return None
