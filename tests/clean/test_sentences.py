from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He arrived on Feb. 10 at 3 p.m. in the capital. Mr. Vance said the U.S. unit "
            "was safe.",
            [
                "He arrived on Feb. 10 at 3 p.m. in the capital.",
                "Mr. Vance said the U.S. unit was safe.",
            ],
        ),
        (
            '"We are doing what we can. Nobody is hiding anything," said Gov. Mira Dane. She left.',
            [
                '"We are doing what we can. Nobody is hiding anything," said Gov. Mira Dane.',
                "She left.",
            ],
        ),
        (
            'He said: "It is over. We won." Then he left.',
            ['He said: "It is over. We won."', "Then he left."],
        ),
        (
            "Photo by J. Morel. It ranked No. 5 on the list. Shares of Corvane Inc. The "
            "stock fell 3.5 percent... Then it rose.",
            [
                "Photo by J. Morel.",
                "It ranked No. 5 on the list.",
                "Shares of Corvane Inc.",
                "The stock fell 3.5 percent...",
                "Then it rose.",
            ],
        ),
        (
            "Are you sure? she asked. It moved to the U.S. The talks failed.",
            ["Are you sure? she asked.", "It moved to the U.S.", "The talks failed."],
        ),
        (
            "prices rose again. officials blamed the weather. no end is in sight",
            ["prices rose again.", "officials blamed the weather.", "no end is in sight"],
        ),
        (
            # Lower-cased text: an acronym followed by an ordinary word stays in its sentence.
            "trade between the u.s. and china fell. senior u.s. officials blamed tariffs. "
            "the team moved to the u.s. the talks failed.",
            [
                "trade between the u.s. and china fell.",
                "senior u.s. officials blamed tariffs.",
                "the team moved to the u.s.",
                "the talks failed.",
            ],
        ),
    ],
)
def test_splitter_survives_abbreviations_quotes_and_dates(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_a_sentence_never_spans_a_paragraph_and_offsets_index_the_text() -> None:
    text = "Title line without a stop\n\nFirst one. Second one\ncontinues here.\n\n  Last.  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Title line without a stop",
        "First one.",
        "Second one",
        "continues here.",
        "Last.",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\"“”'\nMr.U.S"))))
def test_offsets_always_index_the_text_and_sentences_do_not_overlap(text: str) -> None:
    previous_end = 0
    for sentence in split_sentences(text):
        assert sentence.text and sentence.text == sentence.text.strip()
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
