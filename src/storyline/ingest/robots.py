"""robots.txt as RFC 9309 reads it.

The standard library's `urllib.robotparser` applies the first matching rule and knows no
wildcards, so the common "Disallow: /" then "Allow: /news/" would shut out the news section.
Here the longest matching pattern wins (Allow on a tie), `*` and a final `$` work, and the
rules of every group naming our product token apply (else those of `*`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

MAX_ROBOTS_BYTES = 500 * 1024
"""RFC 9309 lets a crawler ignore anything past the first 500 KiB."""

_GROUP_DIRECTIVES = frozenset({"allow", "disallow", "crawl-delay"})
_LINE = re.compile(r"^\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True, slots=True)
class Rule:
    allow: bool
    pattern: str

    def matches(self, path: str) -> bool:
        return _compiled(self.pattern).match(path) is not None


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one site allows one crawler; `allow_all` and `deny_all` are the two extremes."""

    rules: tuple[Rule, ...] = ()
    crawl_delay: float | None = None
    deny_everything: bool = False
    note: str = ""
    """Why every path is denied, for the message naming a refused URL."""

    @classmethod
    def allow_all(cls) -> RobotsRules:
        return cls()

    @classmethod
    def deny_all(cls, note: str) -> RobotsRules:
        return cls(deny_everything=True, note=note)

    @classmethod
    def parse(cls, text: str, product: str) -> RobotsRules:
        """The rules `text` sets for the crawler whose product token is `product`."""
        product = product.lower()
        ours, anyone = _Group(), _Group()
        named_us = False
        agents: list[str] = []
        in_rules = False
        for raw_line in text[:MAX_ROBOTS_BYTES].splitlines():
            found = _LINE.match(raw_line.split("#", 1)[0])
            if found is None:
                continue
            name, value = found.group(1).lower(), found.group(2)
            if name == "user-agent":
                if in_rules:
                    agents, in_rules = [], False
                agents.append(value.split("/", 1)[0].strip().lower())
                named_us = named_us or product in agents
                continue
            if name not in _GROUP_DIRECTIVES:
                continue  # Sitemap and unknown lines belong to no group.
            in_rules = True
            groups = [
                g for g, applies in ((ours, product in agents), (anyone, "*" in agents)) if applies
            ]
            for group in groups:
                group.add(name, value)
        chosen = ours if named_us else anyone
        return cls(tuple(chosen.rules), chosen.crawl_delay)

    def allows(self, url: str) -> bool:
        if self.deny_everything:
            return False
        parts = urlsplit(url)
        path = parts.path or "/"
        if path == "/robots.txt":
            return True
        target = unquote(path + (f"?{parts.query}" if parts.query else ""))
        best: Rule | None = None
        for rule in self.rules:
            if not rule.matches(target):
                continue
            longer = best is None or len(rule.pattern) > len(best.pattern)
            tie_to_allow = best is not None and len(rule.pattern) == len(best.pattern)
            if longer or (tie_to_allow and rule.allow):
                best = rule
        return best is None or best.allow


def rules_for_response(status: int | None, body: bytes, product: str) -> RobotsRules:
    """RFC 9309 section 2.3.1: what a robots.txt answer (None: unreachable) means.

    Unreachable or a server error means "crawl nothing"; a 4xx means there is no robots.txt.
    """
    if status is None:
        return RobotsRules.deny_all("robots.txt could not be fetched")
    if status >= 500:
        return RobotsRules.deny_all(f"robots.txt answered HTTP {status}")
    if 400 <= status < 500:
        return RobotsRules.allow_all()
    if 200 <= status < 300:
        return RobotsRules.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace"), product)
    return RobotsRules.allow_all()


class RobotsCache:
    """robots.txt rules per site, fetched once per site for the cache's lifetime.

    `fetch(url)` returns the status and body of robots.txt, with a status of None when the
    site could not be reached.
    """

    def __init__(self, fetch: Callable[[str], tuple[int | None, bytes]], product: str) -> None:
        self._fetch = fetch
        self.product = product
        self._by_site: dict[str, RobotsRules] = {}

    def rules_for(self, url: str) -> RobotsRules:
        parts = urlsplit(url)
        site = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if site not in self._by_site:
            status, body = self._fetch(f"{site}/robots.txt")
            self._by_site[site] = rules_for_response(status, body, self.product)
        return self._by_site[site]


@dataclass
class _Group:
    """The rules gathered for one audience (our product token, or everyone)."""

    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None

    def add(self, name: str, value: str) -> None:
        if name in ("allow", "disallow") and value:
            self.rules.append(Rule(allow=name == "allow", pattern=value))
        elif name == "crawl-delay" and self.crawl_delay is None:
            self.crawl_delay = _seconds(value)


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = unquote(pattern[:-1] if anchored else pattern)
    regex = ".*".join(re.escape(piece) for piece in body.split("*"))
    return re.compile(regex + ("$" if anchored else ""), re.DOTALL)


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
