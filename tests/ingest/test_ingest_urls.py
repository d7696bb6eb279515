"""URL inputs against a real HTTP server on loopback: pages, feeds, followed links, the user
agent, robots.txt, the per-host pace, retries, limits and conditional requests."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.ingest import InputSource, read_inputs
from storyline.ingest.feeds import FeedReader
from storyline.ingest.fetch_cache import FetchCache
from storyline.ingest.fetch_policy import FetchPolicy
from storyline.ingest.rate_limit import HostRateLimiter
from storyline.ingest.read import reader_for
from storyline.ingest.urls import WebFetcher
from storyline.model import Dropped, RawDocument

from .builders import write
from .loopback_server import LoopbackServer, Reply, Seen, page, rss, serving

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}
FLOODS = page("Floods reach the valley", "Rescuers reached the flooded villages on Tuesday.")
FAST = FetchPolicy(
    allow_private=True, per_host_interval=0.0, backoff_seconds=0.01, read_timeout=0.5
)


def fetch_with(
    policy: FetchPolicy, urls: list[str], **options: bool
) -> list[RawDocument | Dropped]:
    with WebFetcher(policy) as fetcher:
        return list(read_inputs(urls, fetcher=fetcher, **options))


def herald_feed(server: LoopbackServer) -> bytes:
    return rss(
        "The Herald",
        [
            ("Floods reach the valley", server.url("/news/floods"), "Teaser about the floods."),
            ("Bridge reopens", server.url("/news/bridge"), "Teaser about the bridge works."),
        ],
    )


def test_page_url_is_read_as_html_with_the_user_agent() -> None:
    with serving() as server:
        server.routes["/news/floods"] = Reply(200, FLOODS, HTML)

        (document,) = fetch_with(FAST, [server.url("/news/floods")])

        assert isinstance(document, RawDocument)
        assert (document.kind, document.content_type) == ("url", "html")
        assert document.url == document.source_key == server.url("/news/floods")
        assert "Rescuers reached" in document.content
        agent = server.requests[-1].headers["user-agent"]
        assert agent.startswith("storyline/") and "(+http" in agent


def test_feed_url_entries_and_followed_links() -> None:
    with serving() as server:
        server.routes["/feed"] = Reply(200, herald_feed(server), RSS)
        server.routes["/news/floods"] = Reply(200, FLOODS, HTML)
        server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /news/bridge\n")

        entries = fetch_with(FAST, [server.url("/feed")])
        followed = fetch_with(FAST, [server.url("/feed")], follow_links=True)

        assert [d.content for d in entries if isinstance(d, RawDocument)] == [
            "Teaser about the floods.",
            "Teaser about the bridge works.",
        ]
        floods, refused, bridge = followed
        assert isinstance(floods, RawDocument) and floods.content_type == "html"
        assert "Rescuers reached" in floods.content
        assert (floods.title, floods.source) == ("Floods reach the valley", "The Herald")
        assert floods.source_key == entries[0].source_key
        assert isinstance(refused, Dropped) and refused.reason == "disallowed by robots.txt"
        assert refused.subject == server.url("/news/bridge")
        assert refused.detail.endswith("kept the feed entry's own text")
        assert isinstance(bridge, RawDocument) and bridge.content_type == "text"
        assert "/news/bridge" not in server.paths()


def test_followed_links_of_a_feed_file(tmp_path: Path) -> None:
    with serving() as server:
        server.routes["/news/floods"] = Reply(200, FLOODS, HTML)
        feed = write(tmp_path / "herald.rss", herald_feed(server))

        items = fetch_with(FAST, [str(feed)], follow_links=True)

        documents = [d for d in items if isinstance(d, RawDocument)]
        assert [d.content_type for d in documents] == ["html", "text"]
        assert [(d.reason, d.detail) for d in items if isinstance(d, Dropped)] == [
            ("fetch failed", "HTTP 404; kept the feed entry's own text")
        ]


def test_robots_txt_is_fetched_once_per_site_and_respected() -> None:
    with serving() as server:
        server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /\nAllow: /news/\n")
        server.routes["/news/floods"] = Reply(200, FLOODS, HTML)
        server.routes["/members/floods"] = Reply(200, FLOODS, HTML)

        documents = fetch_with(FAST, [server.url("/news/floods"), server.url("/members/floods")])

        assert isinstance(documents[0], RawDocument)
        assert isinstance(documents[1], Dropped)
        assert documents[1].reason == "disallowed by robots.txt"
        assert server.paths() == ["/robots.txt", "/news/floods"]


def test_a_failing_robots_txt_means_crawl_nothing() -> None:
    with serving() as server:
        server.routes["/robots.txt"] = Reply(503, b"down")
        server.routes["/news/floods"] = Reply(200, FLOODS, HTML)

        (result,) = fetch_with(FAST, [server.url("/news/floods")])

        assert isinstance(result, Dropped)
        assert (result.reason, result.detail) == (
            "disallowed by robots.txt",
            "robots.txt answered HTTP 503",
        )


def test_requests_to_one_host_are_paced() -> None:
    with serving() as server:
        for n in range(3):
            server.routes[f"/news/{n}"] = Reply(200, FLOODS, HTML)
        paced = FetchPolicy(allow_private=True, per_host_interval=0.25)

        started = time.monotonic()
        fetch_with(paced, [server.url(f"/news/{n}") for n in range(3)])
        elapsed = time.monotonic() - started

        assert server.paths() == ["/robots.txt", "/news/0", "/news/1", "/news/2"]
        assert elapsed >= 3 * 0.25


def test_rate_limiter_spaces_each_host_on_its_own_and_obeys_crawl_delay() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = HostRateLimiter(1.0, clock=lambda: now[0], sleep=sleep)
    limiter.wait("a.example")
    limiter.wait("b.example")
    limiter.wait("A.example")
    limiter.slow_down("b.example", 5.0)
    limiter.wait("b.example")
    limiter.wait("b.example")

    assert slept == [1.0, 5.0]


def test_transient_failures_are_retried_with_backoff() -> None:
    with serving() as server:
        answers = iter([Reply(503, b"busy", {"Retry-After": "0"}), Reply(502), Reply(200, FLOODS)])
        server.routes["/news/floods"] = lambda _: next(answers)
        server.routes["/gone"] = Reply(500, b"broken")

        page_result, gone = fetch_with(FAST, [server.url("/news/floods"), server.url("/gone")])

        assert isinstance(page_result, RawDocument)
        assert server.paths().count("/news/floods") == 3
        assert isinstance(gone, Dropped)
        assert (gone.reason, gone.detail) == ("fetch failed", "HTTP 500")
        assert server.paths().count("/gone") == 3  # two retries, then it gives up


def test_slow_servers_time_out() -> None:
    with serving() as server:
        server.routes["/slow"] = Reply(200, FLOODS, HTML, delay=1.0)
        policy = FetchPolicy(
            allow_private=True,
            per_host_interval=0.0,
            read_timeout=0.2,
            retries=1,
            backoff_seconds=0.0,
            respect_robots=False,
        )

        started = time.monotonic()
        (result,) = fetch_with(policy, [server.url("/slow")])

        assert isinstance(result, Dropped)
        assert (result.reason, result.detail) == ("fetch failed", "timed out (after 2 attempts)")
        assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("declared", [True, False])
def test_responses_over_the_size_limit_are_refused(declared: bool) -> None:
    with serving() as server:
        server.routes["/big"] = Reply(200, b"<p>" + b"x" * 50_000, HTML, declare_length=declared)

        (result,) = fetch_with(replace(FAST, max_bytes=10_000), [server.url("/big")])

        assert isinstance(result, Dropped)
        assert result.reason == "too large"


def test_feeds_are_fetched_conditionally_and_a_304_serves_the_kept_copy(tmp_path: Path) -> None:
    cache = tmp_path / "store.db-fetch-cache"
    with serving() as server:
        version = {"etag": '"v1"', "body": herald_feed(server)}

        def feed(seen: Seen) -> Reply:
            if seen.headers.get("if-none-match") == version["etag"]:
                return Reply(304)
            return Reply(200, version["body"], {**RSS, "ETag": str(version["etag"])})

        server.routes["/feed"] = feed

        def titles() -> list[str | None]:
            documents, _ = read_all_cached([server.url("/feed")], cache)
            return [d.title for d in documents]

        first, again = titles(), titles()
        version.update(
            etag='"v2"', body=rss("The Herald", [("Storm", "http://x.invalid/s", "New.")])
        )
        changed = titles()

    conditional = [s.headers.get("if-none-match") for s in server.requests if s.path == "/feed"]
    assert conditional == [None, '"v1"', '"v1"']
    assert first == again == ["Floods reach the valley", "Bridge reopens"]
    assert changed == ["Storm"]


def test_only_feeds_are_kept_and_a_broken_cache_never_stops_a_fetch(tmp_path: Path) -> None:
    cache = tmp_path / "store.db-fetch-cache"
    with serving() as server:
        server.routes["/feed"] = Reply(200, herald_feed(server), {**RSS, "ETag": '"v1"'})
        server.routes["/news/floods"] = Reply(200, FLOODS, {**HTML, "ETag": '"p1"'})
        read_all_cached([server.url("/news/floods"), server.url("/feed")], cache)
        kept = FetchCache(cache)
        assert kept.get(server.url("/news/floods")) is None
        feed = kept.get(server.url("/feed"))
        assert feed is not None and feed.conditional_headers() == {"If-None-Match": '"v1"'}
        kept.close()

        cache.write_bytes(b"this is not a database")
        documents, dropped = read_all_cached([server.url("/feed")], cache)

    assert len(documents) == 2 and dropped == []


def read_all_cached(urls: list[str], cache: Path) -> tuple[list[RawDocument], list[Dropped]]:
    def is_feed(source: InputSource) -> bool:
        return reader_for(source) is FeedReader

    with WebFetcher(FAST, cache_path=cache, is_feed=is_feed) as fetcher:
        items = list(read_inputs(urls, fetcher=fetcher))
    return (
        [i for i in items if isinstance(i, RawDocument)],
        [i for i in items if isinstance(i, Dropped)],
    )


def test_without_httpx_urls_are_dropped_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("httpx", "storyline.ingest.http_fetch", "storyline.ingest.http_transport"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setitem(sys.modules, "httpx", None)

    (result,) = read_inputs(["https://news.invalid/a"])

    assert isinstance(result, Dropped)
    assert result.reason == "URL fetching unavailable"
    assert "storyline[fetch]" in result.detail
