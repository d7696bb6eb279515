"""Checking a model's sentence: numbers as values, names as capitalised words, ignoring case."""

from __future__ import annotations

import pytest

from storyline.synthesize.llm_brief import cited_sentences
from storyline.synthesize.llm_check import names_in, numbers_in, unsupported

SOURCE = (
    "Floods in Tarvel province killed fourteen people on Monday and displaced 3,000, "
    "Governor Mirela Danescu said. Damage was put at $1.2 billion; 21 villages were cut off."
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Floods killed 14 people in Tarvel.",
        "About 3000 people fled, said Danescu.",
        "The damage reached 1.2 billion dollars across twenty-one villages.",
        "Officials in TARVEL counted 3 thousand displaced.",
        "Governor Danescu's office gave the figures on Monday.",
        "One of the villages is still cut off.",
    ],
)
def test_what_the_source_states_passes(sentence: str) -> None:
    assert unsupported(sentence, SOURCE) == []


@pytest.mark.parametrize(
    ("sentence", "missing"),
    [
        ("Floods killed 15 people in Tarvel.", ["15"]),
        ("Governor Petra Danescu spoke.", ["Petra"]),
        ("Damage was put at $1.3 billion by Oxfam.", ["1.3e+09", "Oxfam"]),
        ("Rescuers from Brannock arrived on Tuesday.", ["Brannock", "Tuesday"]),
    ],
)
def test_numbers_and_names_the_source_lacks_are_named(sentence: str, missing: list[str]) -> None:
    assert unsupported(sentence, SOURCE) == missing


def test_numbers_are_values() -> None:
    assert numbers_in("3,000 and 3000 and 3 thousand") == {3000.0}
    assert numbers_in("twenty-one, 6.5 million, 12th") == {21.0, 6.5e6, 12.0}


def test_sentence_openers_are_not_names_unless_a_name_follows() -> None:
    assert names_in("Floods hit the Brannock dam.") == ["Brannock"]
    assert names_in("Governor Danescu spoke.") == ["Governor", "Danescu"]


def test_citations_are_read_wherever_the_full_stop_falls() -> None:
    answer = "- First thing [1]. Second thing. [2][3]\n2) Third thing [4, 5].\nUncited tail."
    assert cited_sentences(answer) == [
        ("First thing.", [1]),
        ("Second thing.", [2, 3]),
        ("Third thing.", [4, 5]),
    ]
