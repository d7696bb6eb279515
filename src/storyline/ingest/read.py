"""Choose a reader for each input and run it: the entry point of the ingest stage."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from storyline.ingest.base import Reader
from storyline.ingest.feeds import FeedReader
from storyline.ingest.fetch_policy import DEFAULT_RESPONSE_BYTES, FetchPolicy
from storyline.ingest.follow_links import follow_feed_links
from storyline.ingest.html_files import HtmlFileReader
from storyline.ingest.jsonl import JsonLinesReader
from storyline.ingest.sources import (
    DEFAULT_MAX_BYTES,
    InputSource,
    UrlFetcher,
    is_url,
    resolve_inputs,
)
from storyline.ingest.text_files import TextFileReader
from storyline.ingest.urls import WebFetcher
from storyline.ingest.warc import WarcReader
from storyline.model import Dropped, RawDocument

READERS: tuple[type[Reader], ...] = (
    TextFileReader,
    HtmlFileReader,
    WarcReader,
    FeedReader,
    JsonLinesReader,
)

_BY_SUFFIX: dict[str, type[Reader]] = {
    suffix: reader for reader in READERS for suffix in reader.suffixes
}
# Longest first, so that `.html.gz` wins over a shorter ending it contains.
_ENDINGS = sorted((suffix for suffix in _BY_SUFFIX if suffix), key=len, reverse=True)

_FEED_MEDIA_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
_SNIFF_BYTES = 2048


def read_inputs(
    inputs: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private_urls: bool = False,
    follow_links: bool = False,
    fetch_cache: Path | None = None,
    fetcher: UrlFetcher | None = None,
) -> Iterator[RawDocument | Dropped]:
    """Expand paths, directories (recursive), globs and URLs; read each; yield every article
    found, and a Dropped (reason + the input named as given + detail) for each input or record
    that could not be read. Never raises for bad input.

    URLs are fetched by `fetcher`, by default a `WebFetcher` that refuses private, loopback
    and link-local addresses unless `allow_private_urls`, and keeps feeds for conditional
    requests in `fetch_cache` (a file) when one is given. With `follow_links`, each feed
    entry's linked page is fetched and stands in for the entry's summary.
    """
    with contextlib.ExitStack() as owned:
        if fetcher is None and (follow_links or any(is_url(given) for given in inputs)):
            policy = FetchPolicy(
                max_bytes=min(max_bytes, DEFAULT_RESPONSE_BYTES), allow_private=allow_private_urls
            )
            fetcher = owned.enter_context(
                WebFetcher(policy, cache_path=fetch_cache, is_feed=_is_feed)
            )
        for item in resolve_inputs(inputs, max_bytes, fetch_url=fetcher):
            if isinstance(item, Dropped):
                yield item
                continue
            documents = read_source(item, max_bytes=max_bytes)
            if follow_links and fetcher is not None:
                documents = follow_feed_links(documents, fetcher, max_bytes)
            yield from documents


def _is_feed(source: InputSource) -> bool:
    return reader_for(source) is FeedReader


def read_source(
    source: InputSource, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Dropped]:
    """The articles in one input's bytes, read by the reader its name (or content) calls for."""
    reader = reader_for(source)
    if isinstance(reader, Dropped):
        yield reader
        return
    yield from reader(max_bytes=max_bytes).read(source)


def reader_for(source: InputSource) -> type[Reader] | Dropped:
    """The reader for a source: by file name ending, or for a URL without one, by content."""
    if source.path is None:
        # Web addresses rarely end in a file type (`/news/2020/flood`, `/feed.php`): a known
        # ending is trusted, anything else is judged by what the server sent.
        url_name = PurePosixPath(urlsplit(source.url or source.name).path).name
        suffix = _known_suffix(url_name)
        if suffix:
            return _BY_SUFFIX[suffix]
        return FeedReader if _looks_like_feed(source) else HtmlFileReader
    suffix = _known_suffix(source.path.name)
    if suffix is not None:
        return _BY_SUFFIX[suffix]
    return Dropped("unsupported file type", source.name, _suffix_of(source.path.name))


def _known_suffix(file_name: str) -> str | None:
    """The longest reader suffix `file_name` ends with ("" for a name without a dot)."""
    lowered = file_name.lower()
    if "." not in lowered.lstrip("."):
        return ""
    return next((ending for ending in _ENDINGS if lowered.endswith(ending)), None)


def _suffix_of(file_name: str) -> str:
    suffixes = PurePosixPath(file_name.lower()).suffixes
    if len(suffixes) > 1 and suffixes[-1] == ".gz":
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def _looks_like_feed(source: InputSource) -> bool:
    media_type = (source.media_type or "").split(";")[0].strip().lower()
    if media_type in _FEED_MEDIA_TYPES:
        return True
    head = source.data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_FEED_ROOTS):
        return True
    # XHTML pages start with an XML declaration too; only a feed root element decides.
    return head.startswith(b"<?xml") and any(root in head for root in _FEED_ROOTS)
