"""The extractive summary on invented stories: what it says, what it leaves out, whom it cites."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from storyline.cluster.stage import make_story
from storyline.model import Story
from storyline.synthesize import SynthesizeStage
from storyline.synthesize.candidates import (
    CandidateSentence,
    is_passable,
    is_sayable,
    strip_dateline,
)
from storyline.synthesize.summarize import summarize
from storyline.synthesize.summary_features import FEATURE_NAMES
from storyline.synthesize.summary_model import default_model
from storyline.synthesize.summary_select import choose
from tests.conftest import make_article

# An invented story told by five outlets. Every fact is told in different words by the
# articles that report it; FACTS names, for each fact, words found in every telling of it
# (and in no other sentence) and the articles that report it. The articles also carry what a
# brief must not say: a caption, a promo, a question to the reader, a quotation without its
# speaker, and a sentence that leans on the one before it while another says it plainly.
ARTICLES = {
    "ledger": (
        "A magnitude 6.1 earthquake struck the coastal city of Varnholm on Tuesday morning, "
        "killing at least 23 people, the national emergency agency said.\n\n"
        "Rescuers search the rubble of a collapsed school in Varnholm. "
        "Photo: Jan Olsen / Nordpress\n\n"
        "Emergency crews pulled 41 survivors from collapsed buildings overnight, the agency "
        "said.\n\n"
        "Mayor Ilse Brandvik said every hospital in the city was working at full capacity.\n\n"
        "Power was cut to much of the old town while engineers inspected the lines."
    ),
    "courier": (
        "At least 23 people were killed when a magnitude 6.1 earthquake hit Varnholm on "
        "Tuesday, according to the national emergency agency.\n\n"
        "More than 60 aftershocks rattled the region through the day, seismologists "
        "reported.\n\n"
        "Schools across the province will stay closed until Monday, the education ministry "
        "said.\n\n"
        "The earthquake was the strongest to hit the region in two decades.\n\n"
        "Sign up for our newsletter to get the latest updates on the earthquake."
    ),
    "tribune": (
        "The national emergency agency said a 6.1-magnitude quake shook Varnholm early "
        "Tuesday and killed at least 23 people.\n\n"
        "Forty-one people were rescued alive from the ruins of collapsed buildings overnight, "
        "rescue officials said.\n\n"
        "Varnholm was last hit by a major earthquake in 1998, when 112 people died there.\n\n"
        "What should you do when an earthquake strikes?"
    ),
    "herald": (
        "An earthquake of magnitude 6.1 killed at least 23 people in the port city of "
        "Varnholm on Tuesday, emergency officials said.\n\n"
        "Seismologists recorded more than 60 aftershocks in the region on Tuesday.\n\n"
        '"We lost everything in a few seconds."\n\n'
        "Hospitals in Varnholm are working at full capacity, Mayor Ilse Brandvik told "
        "reporters."
    ),
    "gazette": (
        "Twenty-three people died after a strong earthquake of magnitude 6.1 struck Varnholm "
        "on Tuesday.\n\n"
        "It was the strongest quake in the region in two decades.\n\n"
        "Crews freed 41 survivors from the wreckage of collapsed buildings during the "
        "night.\n\n"
        "Provincial schools will remain closed until Monday, officials said."
    ),
}
FACTS: dict[str, tuple[tuple[str, ...], set[str]]] = {
    "quake": (("23", "Twenty-three"), {"ledger", "courier", "tribune", "herald", "gazette"}),
    "rescue": (("41", "Forty-one"), {"ledger", "tribune", "gazette"}),
    "aftershocks": (("aftershocks",), {"courier", "herald"}),
    "schools": (("until Monday",), {"courier", "gazette"}),
    "strongest": (("two decades",), {"courier", "gazette"}),
    "history": (("1998",), {"tribune"}),
    "hospitals": (("full capacity",), {"ledger", "herald"}),
    "power": (("Power was cut",), {"ledger"}),
}
NEVER_SAID = ("Rescuers search", "Photo", "newsletter", "?", "We lost everything", "It was")


def five_article_story(copy_of: str | None = None) -> Story:
    """The story, plus an exact copy of article `copy_of` when given."""
    articles = [
        make_article(article_id, text, day=date(2026, 3, 10), source=article_id)
        for article_id, text in ARTICLES.items()
    ]
    if copy_of is not None:
        copy = make_article(
            f"{copy_of}-copy", ARTICLES[copy_of], day=date(2026, 3, 11), duplicate_of=copy_of
        )
        articles.append(copy)
    return make_story(tuple(articles))


def facts_in(sentence: str) -> set[str]:
    return {fact for fact, (markers, _) in FACTS.items() if any(m in sentence for m in markers)}


def default_brief(story: Story) -> Story:
    [briefed] = SynthesizeStage().process([story])
    assert isinstance(briefed, Story)
    return briefed


def test_default_brief_leads_with_the_main_event_and_repeats_nothing() -> None:
    summary = default_brief(five_article_story()).brief.summary
    assert facts_in(summary[0].text) == {"quake"}, summary[0].text
    assert sum(len(s.text.split()) for s in summary) <= 120
    told = [fact for s in summary for fact in facts_in(s.text)]
    assert len(told) == len(set(told)), f"a fact said twice: {told}"
    assert len(summary) >= 3, "120 words hold more than the lead"


def test_default_brief_cites_every_article_that_reports_each_sentence() -> None:
    summary = default_brief(five_article_story()).brief.summary
    for sentence in summary:
        [fact] = facts_in(sentence.text)
        assert set(sentence.sources) == FACTS[fact][1], sentence


def test_default_brief_leaves_out_what_does_not_read_on_its_own() -> None:
    summary = summarize(five_article_story(), 400)
    for sentence in summary:
        assert not any(bad in sentence.text for bad in NEVER_SAID), sentence.text
    assert any("two decades" in s.text for s in summary), "said plainly instead of 'It was'"


def test_exact_copies_support_what_their_original_supports() -> None:
    summary = summarize(five_article_story(copy_of="herald"), 120)
    lead = summary[0]
    assert "herald" in lead.sources and "herald-copy" in lead.sources
    for sentence in summary:
        assert ("herald" in sentence.sources) == ("herald-copy" in sentence.sources)


@pytest.mark.parametrize("budget", [1, 15, 40, 120, 1000])
def test_every_budget_is_respected_with_whole_sentences(budget: int) -> None:
    story = five_article_story()
    sentences = {s.text for a in story.articles for s in a.sentences}
    summary = summarize(story, budget)
    assert sum(len(s.text.split()) for s in summary) <= budget
    for sentence in summary:
        assert sentence.text in sentences or any(sentence.text in s for s in sentences)


def test_datelines_are_taken_off_the_sentence() -> None:
    story = make_story(
        (
            make_article(
                "a",
                "OSLAND (Nordpress) - The Osland parliament voted 91 to 78 on Thursday to "
                "approve the new fisheries law.",
            ),
            make_article(
                "b",
                "OSLAND — Lawmakers in Osland approved the new fisheries law on Thursday by "
                "91 votes to 78.",
            ),
        )
    )
    [lead, *_] = summarize(story, 60)
    assert not lead.text.startswith(("OSLAND", "(")), lead.text
    assert set(lead.sources) == {"a", "b"}


def test_different_figures_are_not_cited_as_support() -> None:
    story = make_story(
        (
            make_article("a", "The ministry said floods in Tarvel killed 14 people on Monday."),
            make_article("b", "Floods in Tarvel killed 19 people on Monday, a local monitor said."),
        )
    )
    for sentence in summarize(story, 60):
        assert len(sentence.sources) == 1, sentence


@pytest.mark.parametrize(
    "texts",
    [
        [""],
        ["   \n\n  "],
        ["12345 67890 !!! ???"],
        ["word " * 5000],
        ["no capital letters or full stops in this feed item at all"],
        ["Did it happen?", "Who knows?"],
        ["Ünïcödé — “quotes” ‘and’ emoji 🌊 in a sentence that is long enough to say."],
    ],
)
def test_odd_input_never_breaks_the_summary(texts: list[str]) -> None:
    articles = tuple(make_article(f"a{i}", text) for i, text in enumerate(texts))
    summary = summarize(make_story(articles), 120)
    assert sum(len(s.text.split()) for s in summary) <= 120
    assert all(set(s.sources) <= {a.id for a in articles} for s in summary)


def test_the_shipped_weights_are_the_fitted_ones() -> None:
    model = default_model()
    assert len(model.weights) == len(FEATURE_NAMES)
    assert "Multi-News" in model.origin, "the package ships the fitted model, not the fallback"


def test_background_follows_the_news() -> None:
    summary = summarize(five_article_story(), 400)
    said = [fact for s in summary for fact in facts_in(s.text)]
    assert said[0] == "quake" and said[-1] == "history", said


def test_a_copy_whose_original_is_elsewhere_is_summarized() -> None:
    text = ARTICLES["ledger"]
    story = make_story((make_article("stray", text, duplicate_of="not-in-this-story"),))
    summary = summarize(story, 60)
    assert summary and all(s.sources == ("stray",) for s in summary)


@pytest.mark.parametrize(
    ("text", "sayable"),
    [
        ("Governor Danescu ordered the evacuation of twelve villages on Monday.", True),
        ('"We will rebuild," Danescu told reporters after touring the valley.', True),
        ("The company posted the video on Facebook and Twitter on Monday, it said.", True),
        ("Photograph: Jan Olsen/Nordpress Rescuers dig through the rubble of the school.", False),
        ("Facebook Twitter Pinterest Rescuers dig through the rubble of the school.", False),
        ("What do you think of the plan? Let us know in the comments below.", False),
        ('"We lost everything in a few seconds, and nobody came to help us."', False),
        ('"We lost everything in a few seconds, and nobody came for days.', False),
        ("The governor said the dam, which was inspected last week, would", False),
        ("Read more: Floods in Tarvel province kill 14 people overnight.", False),
        ("Breaking news emails get breaking news alerts and special reports.", False),
        ("The stories that matter to Tarvel, delivered weekday mornings to readers.", False),
    ],
)
def test_what_reads_on_its_own(text: str, sayable: bool) -> None:
    assert is_sayable(text) is sayable


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("These crawls are part of an effort to archive pages as they are created.", False),
        ("The Internet Archive has been adding the crawl data to the Wayback Machine.", False),
        ("You always have the option to delete your tweet location history at any time.", False),
        ("Please verify you're not a robot by clicking the box below the article.", False),
        ("Get email notifications on Ana Velez daily! Your notification has been saved.", False),
        ("Traffic slowed to a crawl on the coast road after the bridge closed on Monday.", True),
        ("The archive of the Tarvel court moved to the capital last year, officials said.", True),
    ],
)
def test_what_archives_and_site_tools_print_is_never_said(text: str, news: bool) -> None:
    # Pages saved through web archives carry the crawl's description as if it were text.
    assert is_sayable(text) is news
    assert is_passable(text) is news


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("CAIRO (Reuters) - EU foreign policy chief Catherine Ashton met Morsi.", "EU foreign"),
        ("CAIRO—The European Union's top diplomat met with Mohammed Morsi.", "The European"),
        ("(CNN) — The storm hit the coast on Monday night, officials said.", "The storm"),
        ("The vote—held on Tuesday—passed easily in the chamber.", "The vote"),
    ],
)
def test_datelines_go_and_the_rest_stays(text: str, stripped: str) -> None:
    assert strip_dateline(text).startswith(stripped)


def _candidates(clean_sentences: int) -> list[CandidateSentence]:
    """A long whole sentence (too long for a clean candidate) and `clean_sentences` short ones."""
    long_text = (
        "The council approved the harbour plan on Monday after "
        + ", ".join(f"a review of pier {n} and its cranes" for n in range(1, 12))
        + "."
    )
    clean = [f"Pier {n} reopened to ships on Monday morning." for n in range(clean_sentences)]
    texts = [long_text, *clean]
    return [
        CandidateSentence(
            article_id=f"a{index}",
            position=0,
            text=text,
            words=len(text.split()),
            article_index=index,
            sayable=is_sayable(text),
            passable=is_passable(text),
        )
        for index, text in enumerate(texts)
    ]


@pytest.mark.parametrize(("clean_sentences", "long_said"), [(4, True), (50, False)])
def test_long_sentences_are_said_only_when_the_clean_ones_run_short(
    clean_sentences: int, long_said: bool
) -> None:
    candidates = _candidates(clean_sentences)
    assert not candidates[0].sayable and candidates[0].words > 70
    # The long sentence is the most salient, so only the pool can keep it out.
    scores = np.array([1.0] + [0.5] * clean_sentences)
    chosen = choose(candidates, scores, np.eye(len(candidates)), budget=150)
    assert (0 in chosen) is long_said
    assert sum(candidates[i].words for i in chosen) <= 150
