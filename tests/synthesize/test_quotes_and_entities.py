"""Quotes with their speakers, and entities merged across spellings, on invented articles."""

from __future__ import annotations

from storyline.model import Brief
from storyline.synthesize import SynthesizeStage
from tests.synthesize.conftest import analyse


def speakers(brief: Brief) -> dict[str, str]:
    """First word of each quote -> its speaker."""
    return {q.text.split()[0]: q.speaker for q in brief.quotes}


def test_speakers_named_before_after_and_in_the_next_sentence(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "Mayor Anselm Rydell spoke at city hall. "
        '"Tonight the council chose a way out of this strike," said Rydell, the mayor.\n\n'
        'Rosa Quillan, the union president, said: "Our members will not go back without a deal."'
        "\n\n"
        '"Every day without service makes the budget problem harder." '
        "Corinne Aldous said this at a briefing.\n\n"
        '"Riders are angry, and they have every right to be," Quillan said. '
        '"But they should be angry at the authority."',
    )
    assert speakers(brief) == {
        "Tonight": "Anselm Rydell",
        "Our": "Rosa Quillan",
        "Every": "Corinne Aldous",
        "Riders": "Rosa Quillan",
        "But": "Rosa Quillan",
    }


def test_he_and_she_are_the_person_quoted_last(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage,
        "Teodor Vance, the chief executive, spoke to reporters on Thursday. "
        '"We will take back every unit we shipped," he said.\n\n'
        "Hana Sorrel chairs the safety board. "
        '"The number of devices in homes is higher than the company says," she said.',
    )
    assert speakers(brief) == {"We": "Teodor Vance", "The": "Hana Sorrel"}


def test_statements_posts_and_tweets(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage,
        "Georgia Power released a statement on Tuesday. "
        '"Our condolences are with the families of the victims," the statement said.\n\n'
        'Senator Mia Lund tweeted: "This must never happen again in our state."',
    )
    assert speakers(brief) == {"Our": "Georgia Power", "This": "Mia Lund"}


def test_scare_quotes_titles_and_unattributed_quotes_are_not_quotes(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        'Critics called the plan "reckless." The film "Keeping Up With The Joneses" opened.\n\n'
        '"Somebody should have checked the fence long before this happened."',
    )
    assert brief.quotes == ()


def test_the_same_quote_in_two_outlets_is_one_quote(brief_stage: SynthesizeStage) -> None:
    quote = '"We counted the bodies ourselves, one by one, at the morgue," said Piet Andersz.'
    brief = analyse(brief_stage, quote, "The observatory spoke. " + quote)
    [merged] = brief.quotes
    assert merged.speaker == "Piet Andersz" and merged.sources == ("a0", "a1")


def test_one_entity_per_person_across_spellings(brief_stage: SynthesizeStage) -> None:
    brief = analyse(
        brief_stage,
        "Governor Mirela Dănescu visited the shelter. Dănescu promised aid to the valley.",
        "Governor Mirela Danescu said help was coming to the valley.",
        "Mirela Danesku, the governor, toured the flooded villages of the valley.",
    )
    people = [e for e in brief.entities if e.type == "person"]
    assert len(people) == 1
    [governor] = people
    assert {governor.name, *governor.aliases} == {
        "Mirela Dănescu",
        "Mirela Danescu",
        "Mirela Danesku",
        "Dănescu",
    }
    assert governor.sources == ("a0", "a1", "a2")


def test_acronyms_join_their_names_even_in_another_language(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "The Syrian Observatory for Human Rights said the shelling went on all night.",
        "The SOHR said at least 30 people were killed in the shelling.",
        "Doctors Without Borders (MSF) runs the only hospital left in the town.",
        "Médecins Sans Frontières (MSF) said its hospital was full.",
        "An MSF surgeon said the hospital had run out of blood.",
    )
    names = {e.name: {e.name, *e.aliases} for e in brief.entities}
    assert names["Syrian Observatory for Human Rights"] == {
        "Syrian Observatory for Human Rights",
        "SOHR",
    }
    [msf] = [forms for forms in names.values() if "MSF" in forms]
    assert msf == {"Doctors Without Borders", "Médecins Sans Frontières", "MSF"}


def test_speakers_are_named_as_the_entity_list_names_them(
    brief_stage: SynthesizeStage,
) -> None:
    brief = analyse(
        brief_stage,
        "Chief Executive Teodor Vance announced the recall on Tuesday.",
        '"Customers do not need to keep a receipt for a refund," Vance said.',
    )
    [quote] = brief.quotes
    assert quote.speaker == "Teodor Vance"
    assert "Teodor Vance" in {e.name for e in brief.entities}
