"""Quantity facts from invented articles: what counts, what it counts, who says so, when."""

from __future__ import annotations

from datetime import date

from storyline.model import Fact
from storyline.synthesize import SynthesizeStage
from tests.synthesize.conftest import analyse


def by_value(facts: tuple[Fact, ...]) -> dict[float, Fact]:
    found: dict[float, Fact] = {}
    for fact in facts:
        assert fact.value is not None
        assert fact.value not in found, f"{fact.value} listed twice"
        found[fact.value] = fact
    return found


def test_figures_in_words_and_digits_with_their_nouns_and_hedges(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "Floods killed fourteen people and displaced nearly 700,000 residents, officials said. "
        "Rescuers reached a dozen villages on Tuesday. "
        "The storm destroyed more than 3.6 million trees and cost $5.2 billion.",
    )
    facts = by_value(brief.facts)
    assert set(facts) == {14, 700_000, 12, 3_600_000, 5_200_000_000}
    assert facts[14].subject == "people" and facts[14].action == "killed"
    assert not facts[14].approximate and facts[700_000].approximate
    assert facts[700_000].attributed_to == "officials"
    assert facts[12].subject == "villages" and facts[12].date == date(2026, 3, 10)
    assert facts[3_600_000].approximate and facts[3_600_000].subject == "trees"
    assert facts[5_200_000_000].subject == "dollars"


def test_numbers_that_count_nothing_are_left_out(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage,
        "Gerardo Hernandez, 39, was shot at Terminal 3 at 9:25 a.m. on Nov. 1, 2013. "
        "A 25-year-old man waited 33 minutes for help. "
        "The council voted 8 to 5 in 2019, and one in seven residents call 555-0134. "
        "Thousands of people and dozens of police officers came, some of them three times.",
    )
    assert brief.facts == ()


def test_attribution_to_a_speaker_a_source_or_a_quote(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage,
        "At least 21 people died, according to the Syrian Observatory for Human Rights. "
        "The interior ministry put the death toll at 14. "
        '"We have counted 40 bodies so far," said Tomas Varga, a coordinator with the network.',
    )
    facts = by_value(brief.facts)
    assert facts[21].attributed_to == "Syrian Observatory for Human Rights"
    assert facts[14].attributed_to == "interior ministry" and facts[14].action == "killed"
    assert facts[40].attributed_to == "Tomas Varga" and facts[40].subject == "bodies"


def test_the_agent_of_the_action_when_the_sentence_names_it(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "Forces loyal to the governor slaughtered nearly 150 prisoners. "
        "Two soldiers were wounded by a roadside bomb.",
    )
    facts = by_value(brief.facts)
    assert facts[150].agent == "Forces loyal to the governor"
    assert facts[150].action == "slaughtered"
    assert facts[2].agent == "a roadside bomb" and facts[2].action == "wounded"


def test_a_figure_given_by_every_outlet_is_one_fact_with_all_sources(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "The blast killed 12 people on Monday, police said.",
        "Twelve people died in Monday's blast.",
        "Police said 12 were killed in the blast on Monday.",
    )
    [fact] = [f for f in brief.facts if f.value == 12]
    assert fact.sources == ("a0", "a1", "a2")
    assert fact.status == "corroborated" and fact.date == date(2026, 3, 9)
    assert brief.disagreements == ()


def test_hedged_figures_that_can_both_be_true_are_not_a_disagreement(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "More than 3,000 people were displaced by the floods, the ministry said.",
        "Nearly 3,200 people were displaced by the floods, the relief network said.",
    )
    assert brief.disagreements == ()
    assert {f.status for f in brief.facts} == {"single-source"}


def test_figures_of_different_days_are_not_a_disagreement(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage,
        "A strike killed five people on Tuesday.",
        "A week earlier, a strike killed 11 people.",
    )
    assert brief.disagreements == ()
    dates = {f.value: f.date for f in brief.facts}
    assert dates == {5: date(2026, 3, 10), 11: date(2026, 3, 3)}


def test_conflicting_counts_of_strikers_are_a_disagreement(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "The union says 2,400 of its members are on strike.",
        "The transit authority says about 1,900 employees have walked out.",
    )
    [disagreement] = brief.disagreements
    assert {c.value: c.attributed_to for c in disagreement.claims} == {
        1900: "transit authority",
        2400: "union",
    }
