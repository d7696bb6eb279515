from __future__ import annotations

from datetime import date

from storyline.clean import CleanStage
from storyline.clean.date_mentions import find_dates
from storyline.clean.dates import date_from_url, parse_date
from storyline.clean.text_dates import (
    COMPLETED_CONFIDENCE,
    DATE_LINE_CONFIDENCE,
    STATED_CONFIDENCE,
    date_line,
    infer_from_text,
)
from storyline.model import Article, RawDocument

TODAY = date(2026, 6, 1)
BODY = "The council met again to discuss the harbour plan and the budget for the year."


def test_parse_date_forms() -> None:
    iso = parse_date("2026-03-10", "header")
    assert iso is not None and iso.iso() == "2026-03-10"
    rfc = parse_date("Wed, 11 Mar 2026 09:15:00 GMT", "feed")
    assert rfc is not None and rfc.day == date(2026, 3, 11) and rfc.moment is not None
    human = parse_date("March 9, 2026", "header")
    assert human is not None and human.day == date(2026, 3, 9)
    assert parse_date("not a date at all", "header") is None
    assert parse_date("1066-10-14", "header") is None


def test_date_mentions_in_their_written_forms() -> None:
    found = find_dates(
        "On Feb. 10, 2020 and on Tuesday, 3 March 2020, then 2020-04-05, 06/07/2020 and "
        "08.09.2020, and on May 2."
    )
    assert [(m.year, m.month, m.day) for m in found] == [
        (2020, 2, 10),
        (2020, 3, 3),
        (2020, 4, 5),
        (2020, 6, 7),
        (2020, 9, 8),
        (None, 5, 2),
    ]
    assert found[1].weekday == 1


def test_a_date_line_is_a_date_with_at_most_a_label_and_a_time() -> None:
    assert date_line("Posted Tue Dec 28, 2021 7:05 AM ET") is not None
    assert date_line("16 January 2008") is not None
    assert date_line("The vote was held on 16 January 2008 in the capital.") is None


def test_a_date_line_near_the_top_wins() -> None:
    found = infer_from_text(["Updated March 3, 2026", BODY, "It opened on May 1, 2019."], TODAY)
    assert found is not None and found.day == date(2026, 3, 3)
    assert (found.method, found.confidence) == ("text", DATE_LINE_CONFIDENCE)


def test_the_latest_full_date_in_the_lead_is_taken() -> None:
    found = infer_from_text(
        [f"The plan, first drafted on May 4, 2024, was approved on Feb. 10, 2026. {BODY}"],
        TODAY,
    )
    assert found is not None and found.day == date(2026, 2, 10)
    assert found.confidence == STATED_CONFIDENCE


def test_a_weekday_next_to_the_date_confirms_or_contradicts_it() -> None:
    agrees = infer_from_text([f"On Tuesday, Feb. 10, 2026, the council voted. {BODY}"], TODAY)
    wrong = infer_from_text([f"On Monday, Feb. 10, 2026, the council voted. {BODY}"], TODAY)
    assert agrees is not None and agrees.confidence > STATED_CONFIDENCE
    assert wrong is None, "Feb. 10, 2026 is a Tuesday: a text calling it Monday is not trusted"


def test_a_date_without_year_takes_the_year_the_text_gives_its_month() -> None:
    found = infer_from_text(
        [f"Talks began in December 2019. The deal was signed on Dec. 18. {BODY}"], TODAY
    )
    assert found is not None and found.day == date(2019, 12, 18)
    assert found.confidence == COMPLETED_CONFIDENCE


def test_a_date_without_year_takes_the_year_its_weekday_falls_in() -> None:
    found = infer_from_text([f"The plant closed in 2019. On Friday, Jan. 24, it reopened. {BODY}"])
    assert found is not None and found.day == date(2020, 1, 24)  # a Friday in 2020


def test_future_dates_and_no_dates_give_nothing() -> None:
    assert infer_from_text([f"The vote is set for March 5, 2031. {BODY}"], TODAY) is None
    assert infer_from_text([BODY], TODAY) is None


def test_url_date() -> None:
    found = date_from_url("https://x.example/world/2026/03/11/floods-rise")
    assert found is not None and found.day == date(2026, 3, 11) and found.method == "metadata"
    assert date_from_url("https://x.example/2026/99/99/x") is None


def _article(content: str, **fields: object) -> Article:
    base: dict[str, object] = {
        "source_key": "k",
        "kind": "text",
        "content_type": "text",
        "content": content,
    }
    base.update(fields)
    [article] = CleanStage().process([RawDocument(**base)])  # type: ignore[arg-type]
    assert isinstance(article, Article)
    return article


def test_date_order_metadata_then_header_then_url_then_text() -> None:
    text = f"Council approves harbour plan\n\nPosted March 3, 2026\n\n{BODY}"
    given = _article(text, kind="jsonl", published="2026-03-09")
    assert given.published is not None and given.published.method == "given"
    header = _article(text, published="2026-03-08", url="https://x.example/2026/03/07/a")
    assert header.published is not None
    assert (header.published.day, header.published.method) == (date(2026, 3, 8), "header")
    from_url = _article(text, url="https://x.example/2026/03/07/a")
    assert from_url.published is not None and from_url.published.day == date(2026, 3, 7)
    from_text = _article(text)
    assert from_text.published is not None
    assert (from_text.published.day, from_text.published.method) == (date(2026, 3, 3), "text")
    assert "Posted March 3" not in from_text.text
