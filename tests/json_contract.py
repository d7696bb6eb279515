"""The keys `stories.json` promises for each story and each of its articles, which the report,
the command and the web API are all held to."""

from __future__ import annotations

CONTRACT_STORY_KEYS = frozenset(
    {
        "id",
        "title",
        "first_published",
        "last_published",
        "articles",
        "summary",
        "facts",
        "disagreements",
        "quotes",
        "entities",
        "timeline",
    }
)
ARTICLE_KEYS = frozenset({"id", "path", "url", "source", "title", "published", "duplicate_of"})
