"""`--follow-links`: a feed entry's own page stands in for the entry's summary.

Feeds often carry a teaser of two sentences; the article is behind the entry's link. The
page is fetched (under every rule of the fetcher) and passed on as HTML for the clean stage
to extract, keeping what the feed states better than a page does: the title, the date and
the outlet. The entry stays identified by its link, as it is without `--follow-links`. When
the page cannot be had, the entry's own text is kept and the reason reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from storyline.ingest.html_files import HtmlFileReader
from storyline.ingest.sources import UrlFetcher, is_url
from storyline.model import Dropped, RawDocument

_KEPT = "kept the feed entry's own text"


def follow_feed_links(
    documents: Iterable[RawDocument | Dropped], fetch: UrlFetcher, max_bytes: int
) -> Iterator[RawDocument | Dropped]:
    """`documents` with each feed entry that links to a page replaced by that page."""
    pages = HtmlFileReader(max_bytes=max_bytes)
    for document in documents:
        if (
            isinstance(document, Dropped)
            or document.kind != "feed"
            or document.url is None
            or not is_url(document.url)
        ):
            yield document
            continue
        fetched = fetch(document.url)
        if isinstance(fetched, Dropped):
            yield _kept(fetched)
            yield document
            continue
        page = next(iter(pages.read(fetched)), None)
        if isinstance(page, RawDocument):
            yield replace(document, content_type="html", content=page.content)
            continue
        if page is not None:
            yield _kept(page)
        yield document


def _kept(dropped: Dropped) -> Dropped:
    detail = f"{dropped.detail}; {_KEPT}" if dropped.detail else _KEPT
    return replace(dropped, detail=detail)
