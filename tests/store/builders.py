"""Small builders of model records for the store tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from storyline.model import (
    Article,
    Brief,
    Claim,
    Disagreement,
    Entity,
    Fact,
    PublicationDate,
    Quote,
    Sentence,
    Story,
    SummarySentence,
    TimelineEntry,
)

IST = timezone(timedelta(hours=5, minutes=30))


def make_text(n: int) -> str:
    return f"Headline number {n} happened. Officials said {n} people were there.\n\nMore text."


def make_sentences(text: str) -> tuple[Sentence, ...]:
    first_end = text.index(".") + 1
    second_start = first_end + 1
    second_end = text.index(".", second_start) + 1
    return (
        Sentence(text=text[:first_end], start=0, end=first_end),
        Sentence(text=text[second_start:second_end], start=second_start, end=second_end),
    )


def make_article(n: int, **overrides: object) -> Article:
    """A fully populated article; `n` makes its id, source key and content unique."""
    text = make_text(n)
    fields: dict[str, object] = {
        "id": f"art-{n}",
        "source_key": f"file:///corpus/{n}.txt",
        "content_hash": f"{n:08d}" + "f" * 56,
        "kind": "text",
        "text": text,
        "sentences": make_sentences(text),
        "path": f"corpus/{n}.txt",
        "url": f"https://news{n % 3}.example/{n}",
        "source": f"news{n % 3}.example",
        "title": f"Title {n}",
        "published": PublicationDate(
            day=date(2020, 2, 10) + timedelta(days=n),
            moment=datetime(2020, 2, 10, 8, 30, 15, 123456, tzinfo=IST) + timedelta(days=n),
            method="header",
            confidence=0.37,
        ),
        "language": "en",
        "given_story": f"key-{n}",
    }
    fields.update(overrides)
    return Article(**fields)  # type: ignore[arg-type]


def bare_article(n: int) -> Article:
    """Only the required fields: every optional one is None or empty."""
    return Article(
        id=f"bare-{n}",
        source_key=f"bare://{n}",
        content_hash=f"{n:08d}" + "e" * 56,
        kind="jsonl",
        text=f"Bare text {n}.",
    )


def full_brief(ids: tuple[str, ...]) -> Brief:
    """A brief with every part non-empty and every optional field used both ways."""
    first, *rest = ids
    return Brief(
        summary=(
            SummarySentence(text="Ten people were there.", sources=ids),
            SummarySentence(text="Officials spoke.", sources=(first,)),
        ),
        facts=(
            Fact(
                text="Officials said 10 people were there.",
                subject="people",
                action="were there",
                value=10.0,
                approximate=False,
                date=date(2020, 2, 10),
                attributed_to="officials",
                sources=ids,
                status="corroborated",
            ),
            Fact(
                text="About 1.5 million dollars were lost.",
                subject="dollars",
                action=None,
                value=None,
                approximate=True,
                date=None,
                attributed_to=None,
                sources=(first,),
                status="single-source",
            ),
        ),
        disagreements=(
            Disagreement(
                about="people",
                claims=(
                    Claim(value=10.0, text="10 people", attributed_to="police", sources=(first,)),
                    Claim(value=12.5, text="12.5 people", attributed_to=None, sources=tuple(rest)),
                ),
            ),
        ),
        quotes=(Quote(speaker="The mayor", text="We are safe — «really».", sources=ids),),
        entities=(
            Entity(
                name="Springfield", type="place", aliases=("SPF", "Springfield City"), sources=ids
            ),
            Entity(name="Jane Roe", type="person", aliases=(), sources=(first,)),
        ),
        timeline=(
            TimelineEntry(date=date(2020, 2, 9), text="The day before.", sources=(first,)),
            TimelineEntry(date=date(2020, 2, 10), text="It happened.", sources=ids),
        ),
    )


def make_story(story_id: str, articles: tuple[Article, ...], **overrides: object) -> Story:
    fields: dict[str, object] = {
        "id": story_id,
        "title": f"Story {story_id}",
        "articles": articles,
        "key": f"given-{story_id}",
        "brief": full_brief(tuple(a.id for a in articles)),
    }
    fields.update(overrides)
    return Story(**fields)  # type: ignore[arg-type]
