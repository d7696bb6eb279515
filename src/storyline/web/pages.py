"""The HTML pages: the story list, a story's brief, and an article's cleaned text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from storyline.model import Story
from storyline.report import story_view
from storyline.report.display import format_date, outlet_name, web_url
from storyline.store import StoryRow
from storyline.web.listing import (
    PAGE_SIZE,
    SORTS,
    StoryQuery,
    day_of_iso,
    outlets_of,
    page_of,
    parse_query,
    select_stories,
)
from storyline.web.rendering import (
    article_href,
    html_response,
    render_page,
    render_template,
    store_of,
    story_href,
)

# A list entry names this many outlets, then says how many more there are.
_OUTLETS_SHOWN = 6
STORY_PAGES_KEPT = 64


@dataclass(frozen=True, slots=True)
class StoryListItem:
    href: str
    title: str
    size: int
    date_range: str
    outlets: tuple[str, ...]
    more_outlets: int


@dataclass(frozen=True, slots=True)
class PageLink:
    label: str
    href: str | None  # None for the current page, or a direction that does not exist
    rel: str


def register_pages(app: FastAPI) -> None:
    # Rendering a large story costs far more than reading it, so pages are kept by the
    # story they show: `Story` is a frozen, hashable value, so a story changed by a later
    # run is a different key and can never be served from a stale page.
    app.state.story_html = lru_cache(maxsize=STORY_PAGES_KEPT)(story_html)
    app.add_api_route("/", story_list, methods=["GET"], include_in_schema=False)
    app.add_api_route(
        "/stories/{story_id:path}", story_page, methods=["GET"], include_in_schema=False
    )
    app.add_api_route(
        "/articles/{article_id:path}", article_page, methods=["GET"], include_in_schema=False
    )


def story_list(
    request: Request,
    q: str = "",
    start: str = Query("", alias="from"),
    end: str = Query("", alias="to"),
    outlet: str = "",
    sort: str = "",
    page: str = "",
) -> HTMLResponse:
    query = parse_query(q, start, end, outlet, sort, page)
    rows = store_of(request).list_stories()
    selected = select_stories(rows, query)
    shown, pages = page_of(selected, query.page)
    current = min(query.page, pages)
    first_number = (current - 1) * PAGE_SIZE + 1
    return render_page(
        "index.html.j2",
        page_title="Stories",
        query=query,
        sorts=SORTS,
        outlets=outlets_of(rows),
        total_stories=len(rows),
        total_articles=sum(row.size for row in rows),
        matched=len(selected),
        first_number=first_number,
        last_number=first_number + len(shown) - 1,
        items=[_list_item(row) for row in shown],
        pagination=_pagination(query, current, pages),
        filtered=bool(query.text or query.start or query.end or query.outlet),
    )


def story_page(request: Request, story_id: str) -> HTMLResponse:
    story = store_of(request).get_story(story_id)
    if story is None:
        raise HTTPException(404, f"There is no story {story_id!r} in this store.")
    story_html: Callable[[Story], str] = request.app.state.story_html
    return html_response(story_html(story))


def story_html(story: Story) -> str:
    view = story_view(story)
    return render_template(
        "story.html.j2",
        page_title=view.title,
        story=view,
        heading_level=1,
        text_link=partial(article_href, story_id=story.id),
        back_link="/",
        json_href="/api" + story_href(story.id),
    )


def article_page(request: Request, article_id: str, story: str = "") -> HTMLResponse:
    found = store_of(request).get_articles([article_id])
    if not found:
        raise HTTPException(404, f"There is no article {article_id!r} in this store.")
    article = found[0]
    return render_page(
        "article.html.j2",
        page_title=article.title or article.id,
        article=article,
        outlet=outlet_name(article),
        date=format_date(article.published.day) if article.published else None,
        link=web_url(article.url),
        paragraphs=[part.strip() for part in article.text.split("\n\n") if part.strip()],
        back_href=story_href(story) if story else None,
        json_href="/api" + article_href(article.id),
    )


def _list_item(row: StoryRow) -> StoryListItem:
    first, last = day_of_iso(row.first_published), day_of_iso(row.last_published)
    if first is None or last is None:
        date_range = "date unknown"
    elif first == last:
        date_range = format_date(first)
    else:
        date_range = f"{format_date(first)} – {format_date(last)}"
    return StoryListItem(
        href=story_href(row.id),
        title=row.title,
        size=row.size,
        date_range=date_range,
        outlets=row.outlets[:_OUTLETS_SHOWN],
        more_outlets=max(0, len(row.outlets) - _OUTLETS_SHOWN),
    )


def _pagination(query: StoryQuery, current: int, pages: int) -> list[PageLink]:
    if pages == 1:
        return []

    def href(number: int) -> str:
        params = query.params(page=number)
        return "/?" + urlencode(params) if params else "/"

    links = [PageLink("Previous", href(current - 1) if current > 1 else None, "prev")]
    links.append(PageLink(f"Page {current} of {pages}", None, ""))
    links.append(PageLink("Next", href(current + 1) if current < pages else None, "next"))
    return links
