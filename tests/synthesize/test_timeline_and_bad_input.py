"""The dated timeline on invented articles, and briefs of input no rule foresaw."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.cluster.stage import make_story
from storyline.model import Brief
from storyline.synthesize import SynthesizeStage
from tests.conftest import make_article
from tests.synthesize.conftest import analyse


def dated(brief: Brief) -> dict[tuple[str, str], str]:
    return {(e.date.isoformat(), e.precision): e.text for e in brief.timeline}


def test_relative_anchored_and_absolute_dates(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage,
        "The river burst its banks on Monday. "
        "Inspectors had reported seepage at the dam a week earlier. "
        "The dam was completed in 1978. "
        "Mediation will begin on Thursday. "
        "The strike has shut the depots since Saturday. "
        "The ministry published its report on Feb. 8. "
        "Talks resume at the end of the month.",
        day=date(2026, 3, 10),
    )
    found = dated(brief)
    assert "burst" in found[("2026-03-09", "day")]
    assert "seepage" in found[("2026-03-02", "day")]
    assert "1978" in found[("1978-01-01", "year")]
    assert "Mediation" in found[("2026-03-12", "day")]
    assert "since Saturday" in found[("2026-03-07", "day")]
    assert "report" in found[("2026-02-08", "day")]
    assert "Talks" in found[("2026-03-01", "month")]
    assert [e.date for e in brief.timeline] == sorted(e.date for e in brief.timeline)


@pytest.mark.parametrize(
    ("text", "day", "precision", "event_word"),
    [
        ("The river burst its banks on Monday.", "2026-03-09", "day", "burst"),
        (
            "Prosecutors opened an inquiry into the contract last week.",
            "2026-03-02",
            "week",
            "inquiry",
        ),
        ("The ministry published its audit of the port on Feb. 8.", "2026-02-08", "day", "audit"),
        (
            "The dam failed on Friday. Inspectors had found seepage in its wall a week earlier.",
            "2026-02-27",
            "day",
            "seepage",
        ),
        ("The strike has shut the depots since Saturday.", "2026-03-07", "day", "depots"),
        ("The ferry line will close at the end of the month.", "2026-03-01", "month", "ferry"),
        ("The harbour contract was signed in 2018.", "2018-01-01", "year", "signed"),
    ],
)
def test_each_hard_case_dates_its_event(
    brief_stage: SynthesizeStage, text: str, day: str, precision: str, event_word: str
) -> None:
    """One invented article per hard case of issue 6, published on Tuesday 10 March 2026."""
    found = dated(analyse(brief_stage, text, day=date(2026, 3, 10)))
    assert event_word in found[(day, precision)]


def test_stamps_ranges_model_years_and_speech_occasions_are_not_events(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "July 31, 2025 A woman waves a flag outside the court in Lisk.\n\n"
        "The family had come to look at a 2007 Hyundai Sonata listed online.\n\n"
        "The mayor told reporters at a briefing on Monday that the pumps worked.\n\n"
        "“We are safe now,” the mayor said in an interview on Monday.\n\n"
        "Engineers studied floods recorded between 1998 and 2011.\n\n"
        "She worked at the mill from February 2014 to May 2014.\n\n"
        "The levee held — Dana Lee (@danalee) March 9, 2026\n\n"
        "Copyright 2026 by Lisk Valley News - All rights reserved.",
        day=date(2026, 3, 10),
    )
    assert brief.timeline == ()


def test_a_rescheduled_event_is_not_a_span(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage, "The council vote was moved from Monday to Thursday.", day=date(2026, 3, 10)
    )
    assert "vote" in dated(brief)[("2026-03-09", "day")]


def test_a_month_cut_from_its_year_stays_a_month(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage,
        "FILE - This June, 2013 photo released by the family shows the officer at the airport.",
        day=date(2026, 3, 10),
    )
    assert "photo" in dated(brief)[("2013-06-01", "month")]


def test_dates_of_statements_and_inside_quotes_are_not_events(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "The city said on Wednesday that buses were running. "
        '"Tomorrow we go back to work," said Rosa Quillan.',
        day=date(2026, 3, 11),
    )
    assert brief.timeline == ()


def test_the_same_event_in_several_articles_is_one_entry(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage,
        "Heavy rain flooded the old town of Lisk on Monday.",
        "The old town of Lisk was flooded by heavy rain on Monday, residents said.",
        day=date(2026, 3, 10),
    )
    [entry] = brief.timeline
    assert entry.date == date(2026, 3, 9) and entry.sources == ("a0", "a1")


def test_without_a_publication_day_only_absolute_dates_are_placed(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "The fence was electrified on Monday. The park opened in 1999.",
        day=None,
    )
    assert dated(brief).keys() == {("1999-01-01", "year")}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        '"""""""',
        "1 2 3 4 5 6 7 8 9 10 11 12 13",
        "99999999999999999999999999999 people were counted. Zero killed.",
        "“Unclosed quote at the end of an article said no one",
        "ÄÖÜ … 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u200b\u202e text with controls \x00 and emoji 🙂 killed 3 people.",
        "Monday Monday Monday on Feb. 30 in 0000 at the end of the month since Saturday.",
        ("Forty people died. " * 500),
    ],
)
def test_odd_input_never_breaks_a_brief(brief_stage: SynthesizeStage, text: str) -> None:
    story = make_story((make_article("odd", text, day=date(2026, 3, 10), source="Odd"),))
    [briefed] = brief_stage.process([story])
    brief = briefed.brief  # type: ignore[union-attr]
    for part in (brief.facts, brief.quotes, brief.entities, brief.timeline):
        assert isinstance(part, tuple)
        assert all(set(item.sources) <= {"odd"} for item in part)


def test_copies_support_what_their_original_supports(brief_stage: SynthesizeStage) -> None:
    text = (
        '"We will rebuild the bridge by summer," said Mayor Ilse Marek. '
        "The flood destroyed 40 homes on Sunday."
    )
    story = make_story(
        (
            make_article("original", text, day=date(2026, 3, 9), source="Wire"),
            make_article(
                "copy", text, day=date(2026, 3, 9), source="Paper", duplicate_of="original"
            ),
        )
    )
    brief = brief_stage.analyse(story)
    [fact] = brief.facts
    assert fact.sources == ("original", "copy") and fact.status == "single-source"
    assert brief.quotes[0].sources == ("original", "copy")
    assert brief.timeline[0].sources == ("original", "copy")
