"""The web's Jinja2 environment and the helpers every route shares.

Templates come from `web/templates/` and, for the story brief, from the report's templates,
so report.html and the story page render one partial. Autoescaping is on for everything and
no template marks article text safe.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from storyline.store import Store

STYLESHEET_PATH = "/static/style.css"


@cache
def web_environment() -> Environment:
    environment = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("storyline", "web/templates"),
                PackageLoader("storyline", "report/templates"),
            ]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        stylesheet=STYLESHEET_PATH, story_href=story_href, article_href=article_href
    )
    return environment


def render_template(template: str, **context: Any) -> str:
    return web_environment().get_template(template).render(**context)


def html_response(html: str, *, status_code: int = 200) -> HTMLResponse:
    # Pages reflect the store, which a later `run` may change: always revalidate.
    return HTMLResponse(html, status_code=status_code, headers={"cache-control": "no-cache"})


def render_page(template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    return html_response(render_template(template, **context), status_code=status_code)


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def story_href(story_id: str) -> str:
    return "/stories/" + quote(story_id, safe="")


def article_href(article_id: str, story_id: str | None = None) -> str:
    """The page of an article's cleaned text; `story_id` gives it a way back."""
    href = "/articles/" + quote(article_id, safe="")
    return href + "?story=" + quote(story_id, safe="") if story_id else href
