"""Debris rules one by one, on invented lines, and the lines they must leave alone."""

from __future__ import annotations

import pytest

from storyline.clean.batch import BatchContext, BatchDocument
from storyline.clean.credits import is_credit, strip_credit
from storyline.clean.debris import classify
from storyline.clean.line_rules import intrinsic_reason
from storyline.clean.lines import LineShape, line_key
from storyline.clean.title import headline_of, strip_breadcrumb

PROSE = [
    "The council approved the budget on Monday after a four-hour debate.",
    "Opposition members said the plan cut too deeply into library funding.",
    "The mayor said the savings were needed to keep property taxes flat next year.",
]


def _reasons(lines: list[str], **options: object) -> list[str | None]:
    return list(classify([LineShape(t) for t in lines], **options).reasons)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("4/12", "gallery counter"),
        ("(3 of 9)", "gallery counter"),
        ("Photo: J. Morel / KNA", "credit"),
        ("REUTERS/Anna Brook", "credit"),
        ("Pelk Agency via Northfoto Images", "credit"),
        ("© 2026 Valdoria Wire", "credit"),
        ("Email *", "form field"),
        ("Home > World > Europe", "menu or breadcrumb"),
        ("News | Sport | Weather | Travel", "menu or breadcrumb"),
        ("By Hollis Brandt | Garrow Valley Courier", "byline"),
        ("By ANNA PERRIN", "byline"),
        ("Posted Tuesday, March 10, 2026 7:05 AM", "date line"),
        ("Share this article: Facebook Twitter Email", "label line"),
        ("Related: Ferry timetable changes in April", "label line"),
        ("Read the full interview »", "link"),
        ("Sign up for our morning newsletter", "addresses the reader"),
        ("______", "no words"),
    ],
)
def test_a_debris_line_is_recognised_on_its_own(line: str, reason: str) -> None:
    assert intrinsic_reason(LineShape(line)) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said the plan would cut costs.",
        "Fire: mayor says 40 homes lost, 1,300 evacuated",  # a headline's clause
        'Cohen: "Says who?"',  # speech in a transcript
        "Symptoms include:",  # a lead-in to a list
        "It was the third shooting in the US in two days",  # "US" is not "us"
        "This comet is brighter than our sun",  # describes, does not call to action
        "He and/or his lawyer will appear on Monday.",
        "What happens next",  # a subheading: unsure, so it stays
    ],
)
def test_lines_the_rules_are_not_sure_about_stay(line: str) -> None:
    assert intrinsic_reason(LineShape(line)) is None


def test_credit_suffix_is_found_only_after_a_caption() -> None:
    assert strip_credit("Crews at the dam. Photo: A. Lind / VPA") == "Crews at the dam."
    assert strip_credit("Crews at the dam. (Anna Lind/Valdoria Press)") == "Crews at the dam."
    assert strip_credit("Their album Pale Blue Dot / Lift Off is out.") is None
    assert strip_credit("Support via Augmented Reality helps the workers.") is None
    assert is_credit(LineShape("Photograph by Anna Lind"))
    assert not is_credit(LineShape("Pictures of the day"))


def test_a_gallery_flattened_into_text_goes_whole() -> None:
    lines = [
        PROSE[0],
        "1/2",
        "Councillors vote on the budget.",
        "Photo: T. Marsh / City Press",
        "2/2",
        "The public gallery was full.",
        "Photo: T. Marsh / City Press",
        *PROSE[1:],
    ]
    reasons = _reasons(lines)
    assert reasons[1:7] == [
        "gallery counter",
        "gallery caption",
        "credit",
        "gallery counter",
        "gallery caption",
        "credit",
    ]
    assert reasons[0] is None and reasons[7:] == [None, None]


def test_caption_repeated_with_and_without_credit_goes_both_times() -> None:
    lines = [
        PROSE[0],
        "Councillors vote on the budget. Photo: T. Marsh / City Press",
        PROSE[1],
        "Councillors vote on the budget.",
        PROSE[2],
    ]
    reasons = _reasons(lines)
    assert reasons == [None, "caption with credit", None, "caption repeated", None]


def test_headline_list_at_the_end_and_menu_runs_go_but_a_lone_subheading_stays() -> None:
    lines = [
        "Council passes budget",
        PROSE[0],
        "What the cuts mean",
        PROSE[1],
        PROSE[2],
        "Harbour festival returns in June",
        "Ten walks for the long weekend",
        "Why the tram is late again",
    ]
    reasons = _reasons(lines)
    assert reasons[0] is None and reasons[2] is None, "title and lone subheading stay"
    assert all(reason is not None for reason in reasons[5:])


def test_repeated_paragraph_is_kept_once() -> None:
    reasons = _reasons([PROSE[0], PROSE[1], PROSE[0], PROSE[2]])
    assert reasons == [None, None, "repeated", None]


def test_batch_signals_outlet_boilerplate_and_other_articles_titles() -> None:
    promo = "Support independent journalism in Garrow County"
    other_title = "Harbour festival returns in June"
    batch = BatchContext.of(
        [
            BatchDocument("garrow courier", frozenset({line_key(promo)}), None),
            BatchDocument("garrow courier", frozenset({line_key(promo)}), line_key(other_title)),
            BatchDocument("another outlet", frozenset(), None),
        ]
    )
    lines = [PROSE[0], promo, PROSE[1], other_title, PROSE[2]]
    same = _reasons(lines, outlet="garrow courier", context=batch)
    assert same == [None, "outlet boilerplate", None, "another article's title", None]
    other = _reasons(lines, outlet="another outlet", context=batch)
    assert other[1] is None, "a line another outlet repeats is not this outlet's furniture"


def test_breadcrumb_prefix_is_stripped_from_the_title() -> None:
    assert strip_breadcrumb("World > Europe > Floods hit Tarvel") == "Floods hit Tarvel"
    assert strip_breadcrumb("News | Floods hit the Ossen valley") == "Floods hit the Ossen valley"
    assert headline_of("Home > Local > Emergencies") is None
    verdicts = classify(
        [LineShape(t) for t in ["Home > World > Floods hit the Ossen valley", *PROSE]]
    )
    assert verdicts.title_index == 0
    assert headline_of("Home > World > Floods hit the Ossen valley") == (
        "Floods hit the Ossen valley"
    )


def test_no_title_when_the_first_line_is_prose_or_a_date() -> None:
    assert classify([LineShape(t) for t in PROSE]).title_index is None
    assert headline_of("Tuesday, March 10, 2026") is None
    assert headline_of("The council approved the budget.") is None


def test_extracted_text_keeps_lists_and_table_rows() -> None:
    lines = [PROSE[0], "Eggs", "Flour", "Milk", "| 1 | Kyle Busch | 5040 |", PROSE[1]]
    assert _reasons(lines, extracted=True, find_title=False) == [None] * len(lines)
