"""RSS and Atom feeds (`.rss`, `.atom`, `.xml`): each entry is an article.

feedparser is lenient by design: a feed cut off mid-element still gives the entries before
the cut, flagged as "bozo". We keep those entries and drop the feed only when nothing at all
could be read from it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from storyline.ingest.base import Reader, given_path, origin_key
from storyline.ingest.fragments import fragment_to_text
from storyline.ingest.sources import InputSource
from storyline.model import Dropped, RawDocument


class FeedReader(Reader):
    suffixes = (".rss", ".atom", ".xml")

    def read(self, source: InputSource) -> Iterator[RawDocument | Dropped]:
        # A stream, never the bytes themselves: feedparser treats a bytes or str argument as
        # a file name or URL first, and would open whatever path the content spells.
        parsed = feedparser.parse(io.BytesIO(source.data))
        entries: list[Mapping[str, Any]] = list(parsed.get("entries", []))
        if not entries:
            problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
            detail = str(problem) if problem is not None else "no feed entries found"
            yield Dropped("not a readable feed", source.name, detail)
            return
        feed_title = _text_field(parsed.get("feed", {}), "title")
        origin = origin_key(source)
        for number, entry in enumerate(entries, start=1):
            text = fragment_to_text(_entry_body(entry))
            if not text:
                yield Dropped("feed entry without text", f"{source.name}#{number}")
                continue
            link = _text_field(entry, "link")
            entry_id = _text_field(entry, "id")
            if link is not None:
                key = link
            elif entry_id is not None:
                key = f"{origin}#id={entry_id}"
            else:
                key = f"{origin}#entry={number}"
            yield RawDocument(
                source_key=key,
                kind="feed",
                content_type="text",
                content=text,
                path=given_path(source),
                url=link,
                title=_text_field(entry, "title"),
                source=feed_title,
                published=_text_field(entry, "published") or _text_field(entry, "updated"),
            )


def _entry_body(entry: Mapping[str, Any]) -> str:
    """The fullest body an entry offers: `content` (e.g. content:encoded), else the summary."""
    for content in _raw(entry, "content") or ():
        value = content.get("value") if isinstance(content, Mapping) else None
        if isinstance(value, str) and value.strip():
            return value
    return _text_field(entry, "summary") or ""


def _text_field(mapping: Mapping[str, Any], key: str) -> str | None:
    value = _raw(mapping, key)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _raw(mapping: Mapping[str, Any], key: str) -> Any:
    # `dict.get` on purpose: feedparser's own lookup maps missing keys to look-alikes (a
    # missing `updated` returns `published`, with a DeprecationWarning).
    return dict.get(mapping, key) if isinstance(mapping, dict) else mapping.get(key)
