from __future__ import annotations

from datetime import date

from storyline.cluster.stage import make_story
from storyline.synthesize import SynthesizeStage
from tests.conftest import make_article

A = (
    "Floods in Tarvel province killed 14 people on Monday, the interior ministry said. "
    "Governor Mirela Danescu ordered the evacuation of twelve villages along the river. "
    "The Brannock dam was inspected last week."
)
B = (
    "The interior ministry said floods in Tarvel province killed 14 people on Monday. "
    "More than 3,000 people were displaced from their homes across the valley. "
    "Did you enjoy this article?"
)
C = (
    "Aid groups said more than 3,000 people were displaced from their homes in the valley. "
    "Helicopters airlifted 260 people from rooftops near the swollen river."
)


def _story():  # type: ignore[no-untyped-def]
    articles = (
        make_article("a", A, day=date(2026, 3, 9)),
        make_article("b", B, day=date(2026, 3, 10)),
        make_article("c", C, day=date(2026, 3, 10)),
        make_article("a-copy", A, day=date(2026, 3, 11), duplicate_of="a"),
    )
    return make_story(articles)


def test_summary_respects_budget_and_cites_all_supporting_articles() -> None:
    [story] = SynthesizeStage(summary_words=40).process([_story()])
    summary = story.brief.summary  # type: ignore[union-attr]
    assert summary, "a story with sentences gets a summary"
    assert sum(len(s.text.split()) for s in summary) <= 40
    killed = [s for s in summary if "killed 14 people" in s.text]
    assert len(killed) == 1, "the same fact from two outlets is said once"
    assert set(killed[0].sources) >= {"a", "b", "a-copy"}


def test_summary_skips_questions_and_repeats_nothing() -> None:
    [story] = SynthesizeStage(summary_words=200).process([_story()])
    texts = [s.text for s in story.brief.summary]  # type: ignore[union-attr]
    assert not any(t.endswith("?") for t in texts)
    assert len(texts) == len(set(texts))
    displaced = [t for t in texts if "3,000 people were displaced" in t]
    assert len(displaced) == 1


def test_other_brief_parts_are_present_and_empty() -> None:
    [story] = SynthesizeStage().process([_story()])
    brief = story.brief  # type: ignore[union-attr]
    assert brief.facts == () and brief.quotes == () and brief.timeline == ()
