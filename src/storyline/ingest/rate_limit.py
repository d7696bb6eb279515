"""A per-host pace for requests, so a feed of fifty links does not hit one site fifty times
in a second."""

from __future__ import annotations

import time
from collections.abc import Callable


class HostRateLimiter:
    """Spaces requests to the same host at least `interval` seconds apart.

    Hosts are told apart by name only: two ports of one name are one server's load.
    """

    def __init__(
        self,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next_allowed: dict[str, float] = {}
        self._host_interval: dict[str, float] = {}

    def slow_down(self, host: str, interval: float) -> None:
        """Space this host's requests at least `interval` apart (robots.txt Crawl-delay)."""
        key = host.lower()
        self._host_interval[key] = max(interval, self._host_interval.get(key, 0.0))

    def wait(self, host: str) -> None:
        """Block until a request to `host` is allowed, and book the next slot."""
        key = host.lower()
        now = self._clock()
        ready = self._next_allowed.get(key, now)
        if ready > now:
            self._sleep(ready - now)
            now = ready
        spacing = max(self.interval, self._host_interval.get(key, 0.0))
        self._next_allowed[key] = now + spacing
