"""How politely and how defensively storyline fetches from the web.

One frozen object holds every limit, so a fetcher is configured in one place and a test can
state exactly the policy it runs under (a short rate-limit interval, a small size limit).
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

CONTACT_URL = "https://storyline.invalid/about-the-crawler"
"""Where site operators learn who runs the crawler; `STORYLINE_CONTACT` overrides it.

`.invalid` is a reserved domain that never resolves: the project has no public home yet, and
an invented address would send operators to a stranger. Deployments set their own.
"""

DEFAULT_RESPONSE_BYTES = 20 * 1024 * 1024

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class FetchRefusedError(Exception):
    """A URL that was not fetched: a short counted `reason` and the specifics."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def default_user_agent() -> str:
    """`storyline/<version> (+<contact>)`: the product token robots.txt rules are matched on."""
    try:
        package_version = version("storyline")
    except PackageNotFoundError:
        package_version = "0"
    contact = os.environ.get("STORYLINE_CONTACT", "").strip() or CONTACT_URL
    return f"storyline/{package_version} (+{contact})"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits for every HTTP request a fetcher makes.

    * Timeouts: `connect_timeout` and `read_timeout` bound each network wait; `total_timeout`
      bounds one whole response, so a server trickling bytes cannot hold a run forever.
    * `max_bytes` bounds a response body after content decoding, so a small compressed body
      cannot inflate without limit.
    * Retries: connection failures, timeouts and HTTP 429/5xx are retried `retries` times,
      waiting `backoff_seconds` doubled each time (or the server's Retry-After), at most
      `max_backoff_seconds`.
    * `per_host_interval`: the least time between two requests to one host (robots.txt's
      Crawl-delay raises it, up to `max_crawl_delay`).
    * Private, loopback, link-local and other non-public addresses are refused unless
      `allow_private` is set; `allowed_networks` opens only the networks listed (an internal
      news server, say) while everything else private stays refused.
    """

    user_agent: str = field(default_factory=default_user_agent)
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = DEFAULT_RESPONSE_BYTES
    retries: int = 2
    backoff_seconds: float = 0.5
    max_backoff_seconds: float = 30.0
    per_host_interval: float = 1.0
    max_crawl_delay: float = 10.0
    max_redirects: int = 5
    allow_private: bool = False
    allowed_networks: tuple[IpNetwork, ...] = ()
    respect_robots: bool = True

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `attempt` (0-based)."""
        wanted = retry_after if retry_after is not None else self.backoff_seconds * 2**attempt
        return max(0.0, min(wanted, self.max_backoff_seconds))


def parse_networks(specs: tuple[str, ...]) -> tuple[IpNetwork, ...]:
    """`("10.2.0.0/16", "127.0.0.1")` as networks; a bare address is a one-address network."""
    return tuple(ipaddress.ip_network(spec, strict=False) for spec in specs)
