"""JSON Lines (`.jsonl`, `.ndjson`, `.jsonl.gz`): one article object per line.

A bad line costs only that line: it is reported with its line number and the rest of the
file still loads, because a corpus of thousands of records should not be lost to one typo.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

from storyline.ingest.base import Reader, given_path, origin_key, too_long
from storyline.ingest.compression import open_tolerant
from storyline.ingest.sources import InputSource
from storyline.model import Dropped, RawDocument

_MALFORMED = "malformed JSON Lines record"
_NO_TEXT = "record without text"
MAX_KEY_CHARS = 500
"""Longer ids and story keys are not keys but mistakes; stores index them (a PostgreSQL
index entry holds at most 2704 bytes, 500 characters of UTF-8 at most 2000)."""
# json.loads has already joined escaped surrogate pairs into characters; these are the rest.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonLinesReader(Reader):
    suffixes = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")

    def read(self, source: InputSource) -> Iterator[RawDocument | Dropped]:
        stream, inflater = open_tolerant(source.data)
        origin = origin_key(source)
        line_number = 0
        while True:
            # Bounded, so a gzip bomb of one endless line cannot take all the memory.
            line = stream.readline(self.max_bytes + 1)
            if not line:
                break
            line_number += 1
            subject = f"{source.name}:{line_number}"
            if len(line) > self.max_bytes:
                yield Dropped("too large", subject, f"a line over {self.max_bytes} bytes (limit)")
                _skip_rest_of_line(stream, line, self.max_bytes)
                continue
            if not line.strip():
                continue
            yield self._record(source, origin, line, line_number, subject)
        if inflater is not None and inflater.error is not None:
            detail = f"after line {line_number} ({inflater.error})"
            yield Dropped("truncated or corrupt gzip", source.name, detail)

    def _record(
        self, source: InputSource, origin: str, line: bytes, line_number: int, subject: str
    ) -> RawDocument | Dropped:
        try:
            record = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError:
            return Dropped(_MALFORMED, subject, "not UTF-8")
        except json.JSONDecodeError as err:
            # Some messages end in "at" already ("Invalid control character at").
            problem = err.msg.removesuffix(" at")
            return Dropped(_MALFORMED, subject, f"invalid JSON: {problem} at column {err.colno}")
        except RecursionError:
            return Dropped(_MALFORMED, subject, "nested too deeply")
        except ValueError as err:  # an integer of more digits than Python converts
            return Dropped(_MALFORMED, subject, f"invalid JSON: {err}")
        if not isinstance(record, dict):
            return Dropped(_MALFORMED, subject, f"a JSON {type(record).__name__}, not an object")
        text = record.get("text")
        if not isinstance(text, str):
            detail = 'no "text" field' if text is None else '"text" is not a string'
            return Dropped(_NO_TEXT, subject, detail)
        if not text.strip():
            return Dropped(_NO_TEXT, subject, '"text" is empty')
        text = _valid_unicode(text)
        oversized = too_long(text, subject)
        if oversized is not None:
            return oversized
        given_id = _key(record.get("id"))
        given_story = _key(record.get("story"))
        for field, key in (("id", given_id), ("story", given_story)):
            if key is not None and len(key) > MAX_KEY_CHARS:
                detail = f'"{field}" is longer than {MAX_KEY_CHARS} characters'
                return Dropped(_MALFORMED, subject, detail)
        url = _string(record.get("url"))
        if url is not None:
            source_key = url
        elif given_id is not None:
            source_key = f"{origin}#id={given_id}"
        else:
            source_key = f"{origin}#line={line_number}"
        return RawDocument(
            source_key=source_key,
            kind="jsonl",
            content_type="text",
            content=text,
            path=given_path(source),
            url=url,
            title=_string(record.get("title")),
            source=_string(record.get("source")),
            published=_string(record.get("published")),
            given_id=given_id,
            given_story=given_story,
        )


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return _valid_unicode(value.strip())
    return None


def _valid_unicode(text: str) -> str:
    """`text` with lone surrogates (valid JSON escapes such as \\ud800, but not characters)
    replaced by U+FFFD: they cannot be encoded, so a store would fail on them."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _key(value: Any) -> str | None:
    """An identifier as text: numbers are accepted (`"id": 17`), other types are not keys."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    return _string(value)


def _skip_rest_of_line(stream: IO[bytes], chunk: bytes, limit: int) -> None:
    while chunk and not chunk.endswith(b"\n"):
        chunk = stream.readline(limit)
