"""The httpx client storyline fetches with: every connection goes to a checked address.

Checking a host's addresses before a request is not enough on its own: a host name can
resolve to a public address for the check and to a private one a moment later, for the
connection (DNS rebinding). So the connection itself is made here, to an address that has
just passed the check, and the TLS handshake still verifies the certificate against the host
name in the URL. Imported only when a URL is fetched: httpx is the optional `fetch` extra.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpcore
import httpx

from storyline.ingest.addresses import UnresolvableHostError, resolve_permitted
from storyline.ingest.fetch_policy import FetchPolicy


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses the policy permits, to the very address it checked."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve_permitted(host, port, self.policy)
        except UnresolvableHostError as error:
            raise httpcore.ConnectError(str(error)) from error
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        assert failure is not None
        raise failure


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, policy: FetchPolicy) -> None:
        super().__init__(trust_env=False)
        # httpx has no public way to hand its connection pool a network backend, and the
        # backend is the one place that sees the address a connection really goes to.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=10,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(policy),
        )


def guarded_client(policy: FetchPolicy) -> httpx.Client:
    """A client that never follows redirects itself and ignores proxy settings.

    Redirects are followed by the caller, one checked hop at a time. Proxies from the
    environment are ignored because a proxy would make the connection, out of reach of the
    address check.
    """
    return httpx.Client(
        transport=_GuardedTransport(policy),
        timeout=httpx.Timeout(
            connect=policy.connect_timeout,
            read=policy.read_timeout,
            write=policy.read_timeout,
            pool=policy.connect_timeout,
        ),
        headers={"User-Agent": policy.user_agent},
        follow_redirects=False,
        trust_env=False,
    )
