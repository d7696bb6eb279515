"""Property tests of the store contract, on both backends: any article round-trips exactly,
and ingesting any batch twice stores it once."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import Article, PublicationDate, Sentence
from storyline.store import Store

STORE_PROPERTIES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Every character both backends can hold: PostgreSQL text has no NUL, and no store can
# encode a lone surrogate.
_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=80)
_OPTIONAL = st.none() | _TEXT
_numbers = itertools.count()


@st.composite
def publication_dates(draw: st.DrawFn) -> PublicationDate:
    moment = draw(
        st.none()
        | st.datetimes(
            min_value=datetime(1900, 1, 1),
            max_value=datetime(2100, 1, 1),
            timezones=st.sampled_from([UTC, timezone(timedelta(hours=-9, minutes=-30))]),
        )
    )
    day = moment.date() if moment is not None else draw(st.dates())
    return PublicationDate(
        day=day,
        moment=moment,
        method=draw(st.sampled_from(["given", "metadata", "header", "text", "feed"])),
        confidence=draw(st.floats(0, 1)),
    )


@st.composite
def articles(draw: st.DrawFn) -> Article:
    number = next(_numbers)
    text = draw(_TEXT.filter(str.strip))
    cut = draw(st.integers(0, len(text)))
    sentences = (Sentence(text[:cut], 0, cut),) if cut else ()
    return Article(
        id=f"{draw(_TEXT)}#{number}",
        source_key=draw(_TEXT),
        content_hash=f"{number:064x}",
        kind=draw(st.sampled_from(["text", "html", "warc", "feed", "jsonl", "url"])),
        text=text,
        sentences=sentences,
        path=draw(_OPTIONAL),
        url=draw(_OPTIONAL),
        source=draw(_OPTIONAL),
        title=draw(_OPTIONAL),
        published=draw(st.none() | publication_dates()),
        language=draw(st.none() | st.sampled_from(["en", "de", "ja"])),
        given_story=draw(_OPTIONAL),
    )


@STORE_PROPERTIES
@given(batch=st.lists(articles(), min_size=1, max_size=5))
def test_any_batch_round_trips_exactly_and_is_stored_once(
    store: Store, batch: list[Article]
) -> None:
    first = store.add_articles(batch)
    again = store.add_articles(batch)

    assert len(first.added) == len(batch)
    assert again.added == () and again.existing == first.stored_ids
    assert store.get_articles(list(first.stored_ids)) == batch
