"""Plain text files (`.txt`, `.md`, no extension): the article as scraped, noise included.

Only header lines at the very top are interpreted here (`date 2020-02-10`, `url https://…`);
whether the next line is a title is for the clean stage to judge, since scraped bodies often
begin with breadcrumbs or a byline instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from storyline.ingest.base import Reader, given_path, origin_key, too_long
from storyline.ingest.decoding import decode_text
from storyline.ingest.sources import InputSource
from storyline.model import Dropped, RawDocument

_HEADER = re.compile(
    r"^(?P<key>date|published|url|source|title)(?:[ \t]*(?P<sep>[:=])[ \t]*|[ \t]+)"
    r"(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_MAX_DATE_LENGTH = 64


@dataclass(frozen=True, slots=True)
class TextHeaders:
    """What the header lines at the top of a text file state, as written."""

    date: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None


class TextFileReader(Reader):
    suffixes = (".txt", ".md", "")

    def read(self, source: InputSource) -> Iterator[RawDocument | Dropped]:
        text = decode_text(source.data)
        if text is None:
            yield Dropped("binary content, not text", source.name)
            return
        oversized = too_long(text, source.name)
        if oversized is not None:
            yield oversized
            return
        headers, body = split_headers(text)
        if not body.strip():
            detail = "only header lines" if headers != TextHeaders() else "only whitespace"
            yield Dropped("no text", source.name, detail)
            return
        yield RawDocument(
            source_key=headers.url or origin_key(source),
            kind="text",
            content_type="text",
            content=body,
            path=given_path(source),
            url=headers.url or source.url,
            title=headers.title,
            source=headers.source,
            published=headers.date,
        )


def split_headers(text: str) -> tuple[TextHeaders, str]:
    """The header lines at the top of `text`, and the rest with leading blank lines removed.

    Headers stop at the first line that is not one. A date must contain a digit and a URL
    must be absolute, so a headline such as "Date night returns to the Palace" is not taken
    for a header. Bare `title …` and `source …` lines (no `:` or `=`) count only in a block
    that also has a date, a URL or a line written with a separator, for the same reason
    ("Source code of the leak published" is a headline).
    """
    lines = text.splitlines(keepends=True)
    position = _skip_blank_lines(lines, 0)
    found: dict[str, str] = {}
    unambiguous = False
    while position < len(lines):
        match = _HEADER.match(lines[position].rstrip("\r\n"))
        if match is None:
            break
        key = match["key"].lower()
        key = "date" if key == "published" else key
        value = match["value"]
        if not _plausible(key, value):
            break
        unambiguous = unambiguous or bool(match["sep"]) or key in ("date", "url")
        found.setdefault(key, value)
        position += 1
    if not unambiguous:
        return TextHeaders(), "".join(lines[_skip_blank_lines(lines, 0) :])
    return TextHeaders(**found), "".join(lines[_skip_blank_lines(lines, position) :])


def _skip_blank_lines(lines: list[str], position: int) -> int:
    while position < len(lines) and not lines[position].strip():
        position += 1
    return position


def _plausible(key: str, value: str) -> bool:
    if key == "date":
        return len(value) <= _MAX_DATE_LENGTH and any(char.isdigit() for char in value)
    if key == "url":
        return _URL.match(value) is not None
    return True
