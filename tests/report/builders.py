"""Small builders for Story records used by the report tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from storyline.model import (
    Article,
    Brief,
    Claim,
    Disagreement,
    Entity,
    Fact,
    PublicationDate,
    Quote,
    Story,
    SummarySentence,
    TimelineEntry,
)


def article(
    article_id: str,
    *,
    day: date | None = date(2026, 3, 10),
    moment: datetime | None = None,
    title: str | None = None,
    source: str | None = "Reuters",
    url: str | None = None,
    path: str | None = None,
    text: str = "Body text.",
    duplicate_of: str | None = None,
) -> Article:
    published = PublicationDate(day=day, moment=moment) if day is not None else None
    return Article(
        id=article_id,
        source_key=f"key:{article_id}",
        content_hash=f"hash:{article_id}",
        kind="text",
        text=text,
        path=path,
        url=url if url is not None else f"https://news.example/{article_id}",
        source=source,
        title=title if title is not None else f"Title of {article_id}",
        published=published,
        duplicate_of=duplicate_of,
    )


def plain_story(story_id: str, size: int, *, title: str | None = None) -> Story:
    """A story of `size` articles and an empty brief."""
    articles = tuple(article(f"{story_id}-a{n}") for n in range(1, size + 1))
    return Story(id=story_id, title=title or f"Story {story_id}", articles=articles)


def full_story() -> Story:
    """A story whose brief has an item in every section, with a time-aware publication date."""
    articles = (
        article(
            "a1",
            day=date(2026, 3, 10),
            source="Reuters",
            path="corpus/a1.txt",
            url="https://reuters.example/quake",
        ),
        article(
            "a2",
            day=date(2026, 3, 12),
            moment=datetime(2026, 3, 12, 9, 30, tzinfo=UTC),
            source=None,
            url="https://www.apnews.example/quake",
        ),
        article("a3", day=None, source="BBC", duplicate_of="a1"),
    )
    brief = Brief(
        summary=(
            SummarySentence("An earthquake struck the coast on Monday.", ("a1", "a2")),
            SummarySentence("Rescue teams reached the town by night.", ("a3",)),
        ),
        facts=(
            Fact(
                text="At least 120 people died.",
                subject="deaths",
                action="died",
                value=120.0,
                approximate=True,
                date=date(2026, 3, 9),
                attributed_to="the ministry",
                sources=("a1", "a2"),
                status="corroborated",
            ),
            Fact(
                text="The quake measured 6.4.",
                subject="magnitude",
                action=None,
                value=6.4,
                approximate=False,
                date=None,
                attributed_to=None,
                sources=("a2",),
                status="single-source",
            ),
            Fact(
                text="Damage is unknown.",
                subject="damage",
                action=None,
                value=None,
                approximate=False,
                date=None,
                attributed_to=None,
                sources=("a3",),
                status="disputed",
            ),
        ),
        disagreements=(
            Disagreement(
                about="deaths",
                claims=(
                    Claim(120.0, "At least 120 people died.", "the ministry", ("a1",)),
                    Claim(95.5, "95.5 is a strange death toll.", None, ("a2",)),
                ),
            ),
        ),
        quotes=(
            Quote("Ana Silva", "We are doing everything we can.", ("a1", "a2")),
            Quote("Ana Silva", "Help is on the way.", ("a2",)),
            Quote("John Doe", "The ground shook for a minute.", ("a3",)),
        ),
        entities=(
            Entity("Ana Silva", "person", ("Silva",), ("a1", "a2")),
            Entity("Red Cross", "organization", (), ("a3",)),
            Entity("Lisbon", "place", (), ("a1",)),
        ),
        timeline=(
            TimelineEntry(date(2026, 3, 11), "Rescue teams arrive.", ("a3",)),
            TimelineEntry(date(2026, 3, 9), "The earthquake strikes.", ("a1", "a2")),
        ),
    )
    return Story(
        id="story:quake/1", title="Quake hits coast", articles=articles, key="quake", brief=brief
    )
