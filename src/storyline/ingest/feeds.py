"""RSS and Atom feeds (`.rss`, `.atom`, `.xml`): each entry is an article.

feedparser is lenient by design: a feed cut off mid-element still gives the entries before
the cut, flagged as "bozo". We keep those entries and drop the feed only when nothing at all
could be read from it; otherwise the damage is reported after the entries.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

from storyline.ingest.base import Reader, given_path, origin_key, too_long
from storyline.ingest.fragments import fragment_to_text
from storyline.ingest.sources import InputSource
from storyline.model import Dropped, RawDocument

_CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_MAX_REFERENCE_DIGITS = 8
_XML_CONTROLS = frozenset({0x9, 0xA, 0xD})


class FeedReader(Reader):
    suffixes = (".rss", ".atom", ".xml")

    def read(self, source: InputSource) -> Iterator[RawDocument | Dropped]:
        try:
            # A stream, never the bytes themselves: feedparser treats a bytes or str argument
            # as a file name or URL first, and would open whatever path the content spells.
            parsed = feedparser.parse(io.BytesIO(_valid_character_references(source.data)))
        except Exception as error:
            # feedparser's lenient parser fails on some malformed feeds in ways of its own
            # (fuzzing found ValueError, OverflowError, UnicodeEncodeError and KeyError);
            # one bad feed is bad input, not a reason to stop the run.
            yield Dropped("not a readable feed", source.name, f"{type(error).__name__}: {error}")
            return
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
            oversized = too_long(text, f"{source.name}#{number}")
            if oversized is not None:
                yield oversized
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
        damage = _damage(parsed)
        if damage is not None:
            detail = f"kept the {len(entries)} entries read before or around it ({damage})"
            yield Dropped("truncated or malformed feed", source.name, detail)


def _damage(parsed: Mapping[str, Any]) -> str | None:
    """What is broken in a feed that still gave entries (cut short, bad XML), if anything.

    feedparser also flags harmless things (a declared encoding that was overridden, a
    non-XML content type); those are not damage.
    """
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is None or isinstance(problem, ThingsNobodyCaresAboutButMe):
        return None
    return str(problem) or type(problem).__name__


def _valid_character_references(data: bytes) -> bytes:
    """`data` with numeric character references to non-characters (surrogates, NUL, numbers
    past U+10FFFF) turned into U+FFFD: feedparser's lenient parser raises on them."""
    return _CHARACTER_REFERENCE.sub(_checked_reference, data)


def _checked_reference(match: re.Match[bytes]) -> bytes:
    digits, base = (match[1], 16) if match[1] is not None else (match[2], 10)
    if len(digits) <= _MAX_REFERENCE_DIGITS:
        code = int(digits, base)
        if code in _XML_CONTROLS or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF:
            return match[0]
    return b"&#xFFFD;"


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
