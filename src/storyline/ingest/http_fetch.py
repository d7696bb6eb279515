"""One GET, done carefully: checked redirects, retries with backoff, a paced host, a size cap.

Imported only when a URL is fetched: httpx is the optional `fetch` extra.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.ingest.addresses import AddressRefusedError
from storyline.ingest.fetch_policy import FetchPolicy, FetchRefusedError
from storyline.ingest.http_transport import guarded_client
from storyline.ingest.rate_limit import HostRateLimiter

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_TRANSIENT = frozenset({429, 500, 502, 503, 504})


Permit = Callable[[str], None]
"""Raises FetchRefusedError for a URL that must not be requested (checked on every hop)."""


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """The final answer to a GET: the URL it came from after redirects, status and body."""

    url: str
    status: int
    body: bytes
    media_type: str | None
    etag: str | None
    last_modified: str | None
    retry_after: float | None = None


class HttpSession:
    """GETs under a `FetchPolicy`, with one paced connection pool for the session's life."""

    def __init__(self, policy: FetchPolicy, limiter: HostRateLimiter | None = None) -> None:
        self.policy = policy
        self.limiter = limiter or HostRateLimiter(policy.per_host_interval)
        self._client = guarded_client(policy)

    def get(
        self,
        url: str,
        *,
        permit: Permit,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
    ) -> HttpResponse:
        """The response at `url`, following up to `max_redirects` redirects, each one
        checked by `permit` before it is requested. Raises FetchRefusedError."""
        current = url
        for hop in range(self.policy.max_redirects + 1):
            try:
                permit(current)
            except FetchRefusedError as error:
                if hop == 0:
                    raise
                # Name the hop: the user typed a harmless URL, the redirect is the problem.
                detail = f"redirected to {current}: {error.detail}"
                raise FetchRefusedError(error.reason, detail) from error
            response, location = self._get_with_retries(current, headers or {}, max_bytes)
            if location is None:
                return response
            target = urljoin(current, location)
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                raise FetchRefusedError("refused redirect", f"{current} redirects to {target}")
            current = target
        raise FetchRefusedError("too many redirects", f"more than {self.policy.max_redirects}")

    def _get_with_retries(
        self, url: str, headers: Mapping[str, str], max_bytes: int | None
    ) -> tuple[HttpResponse, str | None]:
        host = urlsplit(url).hostname or ""
        attempts = self.policy.retries + 1
        for attempt in range(attempts):
            self.limiter.wait(host)
            retry_after: float | None = None
            try:
                response, location = self._get_once(url, headers, max_bytes)
            except (httpx.TimeoutException, httpx.TransportError) as error:
                problem = _describe(error)
            else:
                if response.status not in _TRANSIENT or attempt == attempts - 1:
                    return response, location
                problem = f"HTTP {response.status}"
                retry_after = response.retry_after
            if attempt < attempts - 1:
                time.sleep(self.policy.backoff(attempt, retry_after))
        raise FetchRefusedError("fetch failed", f"{problem} (after {attempts} attempts)")

    def _get_once(
        self, url: str, headers: Mapping[str, str], max_bytes: int | None
    ) -> tuple[HttpResponse, str | None]:
        limit = self.policy.max_bytes if max_bytes is None else max_bytes
        deadline = time.monotonic() + self.policy.total_timeout
        try:
            with self._client.stream("GET", url, headers=dict(headers)) as response:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    return _answer(url, response, b""), location
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchRefusedError("too large", f"{declared} bytes > limit {limit}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > limit:
                        raise FetchRefusedError("too large", f"more than {limit} bytes (limit)")
                    if time.monotonic() > deadline:
                        raise FetchRefusedError(
                            "fetch failed", f"timed out after {self.policy.total_timeout:g} s"
                        )
                return _answer(str(response.url), response, bytes(body)), None
        except AddressRefusedError as error:
            raise FetchRefusedError("private address refused", str(error)) from error
        except httpx.DecodingError as error:
            raise FetchRefusedError("fetch failed", f"undecodable body: {error}") from error
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise FetchRefusedError("invalid URL", str(error)) from error
        except (httpx.TimeoutException, httpx.TransportError):
            raise  # the caller retries these
        except httpx.RequestError as error:
            raise FetchRefusedError("fetch failed", _describe(error)) from error

    def close(self) -> None:
        self._client.close()


def _answer(url: str, response: httpx.Response, body: bytes) -> HttpResponse:
    return HttpResponse(
        url=url,
        status=response.status_code,
        body=body,
        media_type=response.headers.get("content-type"),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        retry_after=_retry_after(response.headers.get("retry-after", "")),
    )


def _retry_after(header: str) -> float | None:
    """Seconds a 429 or 503 asks us to wait: a number, or an HTTP date."""
    value = header.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def _describe(error: Exception) -> str:
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
