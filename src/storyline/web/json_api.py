"""The JSON API: the `stories.json` contract over HTTP, and stored articles' cleaned text.

Responses are built by `storyline.report.story_document`, the same code that writes
`stories.json`, so the API and the file cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from storyline.report import stories_document, story_document
from storyline.web.listing import filter_stories, parse_query
from storyline.web.rendering import store_of
from storyline.web.schema import CleanedArticle, ErrorDocument, StoriesDocument, StoryDocument

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorDocument, "description": "No such id in the store."}
}

_FROM = "Only stories still reported on this day or later (YYYY-MM-DD)."
_TO = "Only stories first reported on this day or earlier (YYYY-MM-DD)."


def register_json_api(app: FastAPI) -> None:
    app.add_api_route(
        "/api/stories",
        list_stories,
        methods=["GET"],
        response_model=None,
        responses={200: {"model": StoriesDocument}},
        tags=["stories"],
    )
    app.add_api_route(
        "/api/stories/{story_id:path}",
        get_story,
        methods=["GET"],
        response_model=None,
        responses={200: {"model": StoryDocument}, **_NOT_FOUND},
        tags=["stories"],
    )
    app.add_api_route(
        "/api/articles/{article_id:path}",
        get_article,
        methods=["GET"],
        response_model=None,
        responses={200: {"model": CleanedArticle}, **_NOT_FOUND},
        tags=["articles"],
    )


def list_stories(
    request: Request,
    q: str = Query("", description="Words that the title, outlets or id must all contain."),
    start: str = Query("", alias="from", description=_FROM),
    end: str = Query("", alias="to", description=_TO),
    outlet: str = Query("", description="Only stories with an article from this outlet."),
    limit: int | None = Query(None, ge=1, description="At most this many stories."),
    offset: int = Query(0, ge=0, description="Skip this many stories first."),
) -> JSONResponse:
    """`stories.json`: every story with its articles and brief, largest first.

    With no parameters this is the whole store; the filters are those of the story list."""
    query = parse_query(q, start, end, outlet)
    if query.errors:
        raise HTTPException(400, " ".join(query.errors))
    store = store_of(request)
    rows = filter_stories(store.list_stories(), query)
    # The contract's order; a stable sort keeps the store's order among equal sizes, so
    # the unfiltered answer is exactly the stories.json of the last run.
    rows.sort(key=lambda row: -row.size)
    chosen = rows[offset : offset + limit if limit is not None else None]
    stories = [story for row in chosen if (story := store.get_story(row.id)) is not None]
    headers = {"x-total-count": str(len(rows))}
    return JSONResponse(stories_document(stories), headers=headers)


def get_story(request: Request, story_id: str) -> JSONResponse:
    """One story, exactly as it appears in `stories.json`."""
    story = store_of(request).get_story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return JSONResponse(story_document(story))


def get_article(request: Request, article_id: str) -> JSONResponse:
    """A stored article's cleaned text and metadata, as `storyline clean --json` prints it."""
    found = store_of(request).get_articles([article_id])
    if not found:
        raise HTTPException(404, f"no article {article_id!r}")
    article = found[0]
    return JSONResponse(
        {
            "id": article.id,
            "path": article.path,
            "url": article.url,
            "source": article.source,
            "title": article.title,
            "published": article.published_iso,
            "language": article.language,
            "text": article.text,
            "sentences": [sentence.text for sentence in article.sentences],
        }
    )
