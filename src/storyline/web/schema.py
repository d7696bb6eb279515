"""The JSON API's response shapes, for the OpenAPI document only.

The API returns `storyline.report.story_document` output as it is (the `stories.json`
contract); these models describe it to readers of the docs page and are never used to
validate or re-serialise responses, so the documentation cannot change what is sent.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ArticleRef(BaseModel):
    id: str
    path: str | None = Field(description="The input path as given, for file inputs.")
    url: str | None
    source: str | None = Field(description="The outlet.")
    title: str | None
    published: str | None = Field(description="YYYY-MM-DD or a full ISO datetime.")
    duplicate_of: str | None = Field(description="The id of the article this one copies.")


class SummarySentence(BaseModel):
    text: str
    sources: list[str] = Field(description="Ids of every article of the story supporting it.")


class Fact(BaseModel):
    text: str
    subject: str
    action: str | None
    value: float | None
    approximate: bool
    date: str | None = Field(description="YYYY-MM-DD")
    attributed_to: str | None
    sources: list[str]
    status: Literal["corroborated", "single-source", "disputed"]
    agent: str | None = Field(None, description="Who did it, when the sentence says.")


class Claim(BaseModel):
    value: float
    text: str
    attributed_to: str | None
    sources: list[str]


class Disagreement(BaseModel):
    about: str
    claims: list[Claim]


class Quote(BaseModel):
    speaker: str
    text: str
    sources: list[str]


class Entity(BaseModel):
    name: str
    type: Literal["person", "organization", "place", "other"]
    aliases: list[str]
    sources: list[str]


class TimelineEntry(BaseModel):
    date: str = Field(description="YYYY-MM-DD; the first day of the period when not a day.")
    text: str
    sources: list[str]
    precision: Literal["day", "week", "month", "year"] = Field(
        "day", description="What the text names: a day, or a week, month or year."
    )


class StoryDocument(BaseModel):
    """One story of `stories.json`: its articles and its brief."""

    id: str
    key: str | None = Field(description="The given story key, with --given-stories.")
    title: str
    size: int = Field(description="The number of articles.")
    first_published: str | None
    last_published: str | None
    articles: list[ArticleRef]
    summary: list[SummarySentence]
    facts: list[Fact]
    disagreements: list[Disagreement]
    quotes: list[Quote]
    entities: list[Entity]
    timeline: list[TimelineEntry] = Field(description="In date order.")


class StoriesDocument(BaseModel):
    """`stories.json`: the stories, largest first."""

    stories: list[StoryDocument]


class CleanedArticle(BaseModel):
    """A stored article as `storyline clean --json` prints it, with its outlet."""

    id: str
    path: str | None
    url: str | None
    source: str | None
    title: str | None
    published: str | None
    language: str | None
    text: str = Field(description="The cleaned body; paragraphs separated by blank lines.")
    sentences: list[str]


class ErrorDocument(BaseModel):
    detail: str
