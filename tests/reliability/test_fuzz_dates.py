"""Property tests for the date parsers and the date resolver: never an exception, never an
impossible date, and exact round trips for what is written unambiguously."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from storyline.clean.dates import parse_date
from storyline.synthesize.temporal import resolve

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EARLIEST_YEAR = 1900
DATE_WORDS = st.lists(
    st.sampled_from(
        ["Feb.", "10", "2020", "Monday", "last", "week", "a", "earlier", "later", "next", "the",
         "day", "on", "in", "of", "31", "February", "29", "-", "/", ":", "T", "Z", "+05:30",
         "yesterday", "ago", "years", "0", "9999", "99999999999", "month", "since", "BC"]
    ),
    max_size=8,
).map(" ".join)  # fmt: skip
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=60)


@FUZZ
@given(value=ANY_TEXT | DATE_WORDS)
def test_parse_date_never_raises_and_gives_only_plausible_dates(value: str) -> None:
    parsed = parse_date(value, "metadata")

    event("a date" if parsed is not None else "no date")
    if parsed is not None:
        assert EARLIEST_YEAR <= parsed.day.year <= date.today().year + 1
        if parsed.moment is not None:
            assert parsed.moment.tzinfo is not None
            assert parsed.moment.date() == parsed.day
        assert 0 < parsed.confidence <= 1


_MOMENTS = st.datetimes(
    min_value=datetime(EARLIEST_YEAR, 1, 2), max_value=datetime(date.today().year, 12, 30)
)
_ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
)


@FUZZ
@given(moment=_MOMENTS, zone=_ZONES)
def test_iso_datetimes_round_trip(moment: datetime, zone: timezone) -> None:
    written = moment.replace(tzinfo=zone, microsecond=0)
    if (written.hour, written.minute, written.second) == (0, 0, 0):
        written = written.replace(second=1)

    parsed = parse_date(written.isoformat(), "metadata")

    assert parsed is not None
    assert parsed.day == written.date()
    assert parsed.moment == written


@FUZZ
@given(day=st.dates(min_value=date(EARLIEST_YEAR, 1, 1), max_value=date.today()))
def test_iso_days_round_trip(day: date) -> None:
    parsed = parse_date(day.isoformat(), "given")

    assert parsed is not None
    assert (parsed.day, parsed.moment, parsed.method) == (day, None, "given")


_NUMBER = st.one_of(st.integers(0, 40), st.integers(1890, 2040), st.integers(-5, 10**12)).map(str)
_MONTH = st.sampled_from(["January", "Feb.", "feb", "Sept.", "December", "May"])
_WEEKDAY = st.sampled_from(["Monday", "tuesday", "Sunday"])
_UNIT = st.sampled_from(["day", "week", "month", "year"])
EXPRESSIONS = st.one_of(
    st.tuples(_MONTH, _NUMBER, _NUMBER).map(lambda p: f"{p[0]} {p[1]}, {p[2]}"),
    st.tuples(_NUMBER, _MONTH).map(lambda p: f"on {p[0]} {p[1]}"),
    st.tuples(_MONTH, _NUMBER).map(lambda p: f"in {p[0]} {p[1]}"),
    st.tuples(st.sampled_from(["last", "next", "on", ""]), _WEEKDAY).map(" ".join),
    st.tuples(_NUMBER, _UNIT).map(lambda p: f"{p[0]} {p[1]}s ago"),
    st.tuples(
        st.sampled_from(["a", "two", "one"]), _UNIT, st.sampled_from(["earlier", "later"])
    ).map(" ".join),
    st.sampled_from(["the next day", "the day before", "yesterday", "last week", "this year"]),
    st.tuples(_NUMBER, _NUMBER, _NUMBER).map(lambda p: f"{p[0]}-{p[1]}-{p[2]}"),
    _NUMBER.map(lambda n: f"in {n}"),
)


@FUZZ
@given(
    text=st.one_of(EXPRESSIONS, EXPRESSIONS, EXPRESSIONS, ANY_TEXT, DATE_WORDS),
    base=st.dates() | st.none(),
    future=st.booleans(),
)
def test_the_resolver_never_raises(text: str, base: date | None, future: bool) -> None:
    resolved = resolve(text, base, None, future)
    event("resolved" if resolved is not None else "not a date")
    if resolved is None:
        return
    # Anchored on the resolved date, a later expression resolves later, or not at all.
    again = resolve("a week later", base, resolved, future)
    assert again is None or again.day >= resolved.day


@FUZZ
@given(days=st.integers(1, 3000), base=st.dates(min_value=date(1000, 1, 1)))
def test_days_ago_count_back_from_the_publication_day(days: int, base: date) -> None:
    resolved = resolve(f"{days} days ago", base, None, False)

    assert resolved is not None
    assert resolved.day == base - timedelta(days=days)
