"""`create_app(store_location)`: the FastAPI application over one store, read-only.

No route writes to the store, ingests or fetches anything: the app only reads what `run`
stored. Pages are rendered on the server from the report's view models and templates, with
no JavaScript at all, so the Content-Security-Policy can forbid scripts outright.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.store import open_store
from storyline.web.api_docs import register_api_docs
from storyline.web.json_api import register_json_api
from storyline.web.pages import register_pages
from storyline.web.rendering import STYLESHEET_PATH, render_page

REQUEST_THREADS = 4
# No scripts (default-src 'none' covers script-src), styles only from our own stylesheet,
# forms only back to us, and no framing of our pages by others.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds the security headers to every HTTP response, error pages included.

    A plain ASGI middleware rather than Starlette's BaseHTTPMiddleware, which would copy
    every response body through an extra task."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(store_location: str | os.PathLike[str]) -> FastAPI:
    """The web UI and JSON API over the store at `store_location`, opened when the app
    starts and closed when it stops."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Route functions run in a thread pool. The store serialises reads behind one lock
        # and rendering holds the GIL, so more threads add no throughput, only unfair
        # waiting; a few threads keep the queue in the pool's limiter, which is first in,
        # first out, so tail latency under load stays near the median.
        to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
        with open_store(store_location) as store:
            app.state.store = store
            yield

    app = FastAPI(
        title="storyline",
        summary="Stories, briefs and sources from a storyline store (read-only).",
        version="1",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's pages load scripts from a CDN; ours is rendered here
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    stylesheet = _stylesheet()
    etag = '"' + hashlib.sha256(stylesheet.encode()).hexdigest()[:16] + '"'

    @app.get(STYLESHEET_PATH, include_in_schema=False)
    def style() -> Response:
        headers = {"cache-control": "public, max-age=3600", "etag": etag}
        return Response(stylesheet, media_type="text/css", headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(error.detail)}, status_code=error.status_code)
        return render_page(
            "error.html.j2",
            status_code=error.status_code,
            page_title=f"Error {error.status_code}",
            message=str(error.detail),
        )

    register_pages(app)
    register_json_api(app)
    register_api_docs(app)
    app.add_middleware(SecurityHeaders)
    return app


def _stylesheet() -> str:
    """The report's stylesheet plus the web's own rules, served as one file."""
    package = files("storyline")
    report_css = package.joinpath("report/templates/_style.css").read_text(encoding="utf-8")
    web_css = package.joinpath("web/static/web.css").read_text(encoding="utf-8")
    return report_css + "\n" + web_css
