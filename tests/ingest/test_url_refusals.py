"""Private, loopback and link-local targets are refused, before any connection is made,
unless allowed: as typed, behind a host name, and after a redirect."""

from __future__ import annotations

import httpcore
import pytest

from storyline.ingest import read_inputs
from storyline.ingest.addresses import AddressRefusedError
from storyline.ingest.fetch_policy import FetchPolicy, FetchRefusedError, parse_networks
from storyline.ingest.http_fetch import HttpSession
from storyline.ingest.http_transport import GuardedBackend
from storyline.ingest.urls import WebFetcher
from storyline.model import Dropped

from .builders import read_all
from .loopback_server import Reply, page, serving

ARTICLE = page("Floods", "Rescuers reached the flooded villages on Tuesday after the storm.")
HTML = {"Content-Type": "text/html; charset=utf-8"}


def test_loopback_urls_are_refused_by_default_and_never_contacted() -> None:
    with serving() as server:
        server.routes["/news"] = Reply(200, ARTICLE, HTML)
        localhost = server.url("/news").replace("127.0.0.1", "localhost")

        documents, dropped = read_all([server.url("/news"), localhost])

        assert documents == []
        assert [d.reason for d in dropped] == ["private address refused"] * 2
        assert dropped[0].message() == (
            f"skipped {server.url('/news')}: private address refused: "
            "127.0.0.1 is a loopback address; pass --allow-private-urls to fetch it"
        )
        assert "localhost resolves to 127.0.0.1, a loopback address" in dropped[1].detail
        assert "\n" not in dropped[0].message()
        assert server.requests == []


@pytest.mark.parametrize(
    "url",
    ["http://10.1.2.3/feed", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/"],
)
def test_private_and_link_local_addresses_are_refused(url: str) -> None:
    (item,) = read_inputs([url])

    assert isinstance(item, Dropped)
    assert item.reason == "private address refused"
    assert "--allow-private-urls" in item.detail


def test_allowing_private_urls_fetches_them() -> None:
    with serving() as server:
        server.routes["/news"] = Reply(200, ARTICLE, HTML)

        documents, dropped = read_all([server.url("/news")], allow_private_urls=True)

        assert dropped == []
        assert [d.url for d in documents] == [server.url("/news")]


def test_a_redirect_to_a_refused_address_is_refused_before_connecting() -> None:
    """The first server is allowed on its own; the redirect points at another loopback
    address that is not, where a second server would notice any request."""
    with serving("127.0.0.1") as first, serving("127.0.0.2") as second:
        second.routes["/secret"] = Reply(200, ARTICLE, HTML)
        first.routes["/go"] = Reply(302, b"", {"Location": second.url("/secret")})
        policy = FetchPolicy(allowed_networks=parse_networks(("127.0.0.1",)), per_host_interval=0.0)

        with WebFetcher(policy) as fetch:
            result = fetch(first.url("/go"))

        assert isinstance(result, Dropped)
        assert result.reason == "private address refused"
        assert result.detail == (
            f"redirected to {second.url('/secret')}: 127.0.0.2 is a loopback address; "
            "pass --allow-private-urls to fetch it"
        )
        assert "/go" in first.paths()
        assert second.requests == []


def test_redirects_are_followed_hop_by_hop_within_limits() -> None:
    with serving() as server:
        server.routes["/old"] = Reply(301, b"", {"Location": "/new"})
        server.routes["/new"] = Reply(200, ARTICLE, HTML)
        server.routes["/loop"] = Reply(302, b"", {"Location": "/loop"})
        server.routes["/ftp"] = Reply(302, b"", {"Location": "ftp://files.invalid/x"})
        policy = FetchPolicy(allow_private=True, per_host_interval=0.0, max_redirects=3)

        with WebFetcher(policy) as fetch:
            moved = fetch(server.url("/old"))
            loop = fetch(server.url("/loop"))
            ftp = fetch(server.url("/ftp"))

        assert not isinstance(moved, Dropped)
        assert moved.name == server.url("/old") and moved.url == server.url("/new")
        assert isinstance(loop, Dropped) and loop.reason == "too many redirects"
        assert server.paths().count("/loop") == 4
        assert isinstance(ftp, Dropped) and ftp.reason == "refused redirect"


def test_the_connection_itself_is_checked_against_rebinding() -> None:
    """Whatever a name resolved to when it was checked, the socket is opened only to an
    address that passes the check at that moment."""
    with serving() as server:
        backend = GuardedBackend(FetchPolicy())
        with pytest.raises(AddressRefusedError, match="loopback"):
            backend.connect_tcp("127.0.0.1", server.port, timeout=1.0)
        allowed = GuardedBackend(FetchPolicy(allow_private=True))
        stream = allowed.connect_tcp("localhost", server.port, timeout=1.0)
        assert isinstance(stream, httpcore.NetworkStream)
        stream.close()
        # And the client really connects through that backend: with the per-hop check
        # waved through, the connection is still refused.
        session = HttpSession(FetchPolicy(per_host_interval=0.0))
        try:
            with pytest.raises(FetchRefusedError, match="private address refused"):
                session.get(server.url("/"), permit=lambda _: None)
        finally:
            session.close()
        assert server.requests == []
