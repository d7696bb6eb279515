"""`http(s)://` inputs: pages and feeds fetched politely and safely, as `InputSource`s.

`WebFetcher` is the `fetch_url` hook of `resolve_inputs`. Before any request it checks the
URL (scheme, host), the addresses the host resolves to (private ones are refused unless
allowed) and the site's robots.txt; it then fetches under a `FetchPolicy` (timeouts, size
limit, retries, a per-host pace) and follows redirects itself, checking each hop the same
way. Feeds are fetched conditionally when a cache is given. Nothing here raises for a bad
URL: every failure becomes a `Dropped` with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from storyline.closing import ClosedOnExit
from storyline.ingest.addresses import (
    AddressRefusedError,
    UnresolvableHostError,
    resolve_permitted,
)
from storyline.ingest.fetch_cache import CachedResponse, FetchCache
from storyline.ingest.fetch_policy import FetchPolicy, FetchRefusedError
from storyline.ingest.robots import MAX_ROBOTS_BYTES, RobotsCache
from storyline.ingest.sources import InputSource
from storyline.model import Dropped

if TYPE_CHECKING:
    from storyline.ingest.http_fetch import HttpResponse, HttpSession

MISSING_EXTRA = "fetching URLs needs httpx: pip install 'storyline[fetch]'"


def _never_a_feed(_: InputSource) -> bool:
    return False


class WebFetcher(ClosedOnExit):
    """Fetches one URL at a time into an `InputSource`, or a `Dropped` saying why not.

    `is_feed` tells which fetched sources are feeds: only those are kept in the cache at
    `cache_path` for conditional requests. The HTTP client is made on the first URL, so a
    run over files alone never imports httpx.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        cache_path: Path | None = None,
        is_feed: Callable[[InputSource], bool] = _never_a_feed,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.cache = FetchCache(cache_path) if cache_path is not None else None
        self._is_feed = is_feed
        self._session: HttpSession | None = None
        self._robots = RobotsCache(self._fetch_robots, self.policy.user_agent.split("/")[0])

    def __call__(self, url: str) -> InputSource | Dropped:
        try:
            return self._fetch(url)
        except FetchRefusedError as refusal:
            return Dropped(refusal.reason, url, refusal.detail)

    def _fetch(self, url: str) -> InputSource:
        cached = self.cache.get(url) if self.cache is not None else None
        headers = cached.conditional_headers() if cached is not None else {}
        response = self._http().get(url, permit=self._permit_page, headers=headers)
        if response.status == 304 and cached is not None:
            return InputSource(url, None, cached.final_url, cached.body, cached.media_type)
        if not 200 <= response.status < 300:
            raise FetchRefusedError("fetch failed", f"HTTP {response.status}")
        if not response.body:
            raise FetchRefusedError("empty response", f"HTTP {response.status} with no body")
        source = InputSource(url, None, response.url, response.body, response.media_type)
        validated = response.etag is not None or response.last_modified is not None
        if self.cache is not None and validated and self._is_feed(source):
            self.cache.put(_cache_entry(url, response))
        return source

    def _http(self) -> HttpSession:
        if self._session is None:
            try:
                from storyline.ingest.http_fetch import HttpSession
            except ImportError as error:
                raise FetchRefusedError("URL fetching unavailable", MISSING_EXTRA) from error
            self._session = HttpSession(self.policy)
        return self._session

    def _permit_address(self, url: str) -> None:
        """Refuses URLs that are not http(s) or whose host resolves to a refused address."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchRefusedError("invalid URL", f"{url} is not an http(s) URL with a host")
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError as error:
            raise FetchRefusedError("invalid URL", str(error)) from error
        try:
            resolve_permitted(parts.hostname, port, self.policy)
        except AddressRefusedError as error:
            raise FetchRefusedError("private address refused", str(error)) from error
        except UnresolvableHostError as error:
            raise FetchRefusedError("fetch failed", str(error)) from error

    def _permit_page(self, url: str) -> None:
        """The address check, then robots.txt (whose Crawl-delay may slow the host down)."""
        self._permit_address(url)
        if not self.policy.respect_robots:
            return
        rules = self._robots.rules_for(url)
        if not rules.allows(url):
            detail = rules.note or f"robots.txt does not allow {self._robots.product} here"
            raise FetchRefusedError("disallowed by robots.txt", detail)
        if rules.crawl_delay:
            host = urlsplit(url).hostname or ""
            self._http().limiter.slow_down(
                host, min(rules.crawl_delay, self.policy.max_crawl_delay)
            )

    def _fetch_robots(self, robots_url: str) -> tuple[int | None, bytes]:
        try:
            response = self._http().get(
                robots_url, permit=self._permit_address, max_bytes=4 * MAX_ROBOTS_BYTES
            )
        except FetchRefusedError:
            return None, b""
        return response.status, response.body

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None
        if self.cache is not None:
            self.cache.close()


def _cache_entry(url: str, response: HttpResponse) -> CachedResponse:
    return CachedResponse(
        url=url,
        final_url=response.url,
        body=response.body,
        media_type=response.media_type,
        etag=response.etag,
        last_modified=response.last_modified,
    )
