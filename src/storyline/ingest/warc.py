"""Web archives (`.warc`, `.warc.gz`): every successful HTML response is an article.

fastwarc parses the records, but it does not notice when a file simply stops or has junk
between records: it yields a record whose header block ends mid-line, or skips ahead to the
next "WARC/" line. Damage is therefore detected here: by the gzip layer (decompressed in
Python, see `compression`), by a record shorter than its Content-Length, and, for
uncompressed files, by checking that every record starts where the previous one ended and
the last one ends where the file does. Records before the damage are still yielded.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from fastwarc.stream_io import BrotliReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from storyline.ingest.base import Reader, given_path, origin_key
from storyline.ingest.compression import open_tolerant
from storyline.ingest.decoding import decode_markup
from storyline.ingest.sources import InputSource
from storyline.model import Dropped, RawDocument

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_UNSTATED_TYPES = frozenset({"", "application/octet-stream"})
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")
_SNIFF_BYTES = 2048
_HTTP_OK = 200
_RECORD_END = b"\r\n\r\n"


@dataclass(slots=True)
class _Progress:
    records: int = 0
    damage: str | None = None
    next_start: int = 0
    """For uncompressed files, the offset where the next record must begin."""


class WarcReader(Reader):
    suffixes = (".warc", ".warc.gz")

    def read(self, source: InputSource) -> Iterator[RawDocument | Dropped]:
        progress = _Progress()
        yield from self._responses(source, progress)
        if progress.damage is not None:
            detail = f"after {progress.records} records ({progress.damage})"
            yield Dropped("truncated or corrupt WARC", source.name, detail)

    def _responses(self, source: InputSource, progress: _Progress) -> Iterator[RawDocument]:
        stream, inflater = open_tolerant(source.data)
        plain = source.data if inflater is None else None
        origin = origin_key(source)
        # HTTP heads are parsed per record, without content decoding: a decoded body could
        # not be checked against the record's length, which counts the encoded bytes.
        records = ArchiveIterator(stream, parse_http=False, stream_detect=False)
        try:
            for record in records:
                declared_length = record.headers.get("Content-Length")
                if declared_length is None or not declared_length.strip().isdigit():
                    progress.damage = "a record header is cut short"
                    return
                if plain is not None:
                    progress.damage = _misplaced(plain, record, int(declared_length), progress)
                    if progress.damage is not None:
                        return
                body = self._body(record)
                if body is None:
                    progress.damage = "a record ends early"
                    return
                progress.records += 1
                # Skipped records come back empty, and so cannot reach `_document`.
                if body and record.record_type == WarcRecordType.response:
                    document = self._document(source, origin, record, body, progress.records)
                    if document is not None:
                        yield document
        except OSError as err:  # fastwarc reports malformed headers as OSError
            progress.damage = str(err)
            return
        if inflater is not None and inflater.error is not None:
            progress.damage = inflater.error
        elif progress.records == 0:
            progress.damage = "not a WARC file"
        elif plain is not None and plain[progress.next_start :].strip():
            progress.damage = "the file ends inside a record"

    def _body(self, record: WarcRecord) -> bytes | None:
        """A response's HTTP body (b"" for records that are skipped); None if it was cut."""
        if record.record_type != WarcRecordType.response or record.content_length > self.max_bytes:
            # Skipped unread, but still checked, since a cut anywhere loses what follows.
            return b"" if record.consume() >= record.content_length else None
        if (record.headers.get("Content-Type") or "").startswith("application/http"):
            try:
                # Quirks mode accepts heads with bare LF line ends, which real servers send.
                record.parse_http(quirks_mode=True)
            except OSError:
                # A malformed head (over-long headers): not an article, but the archive is
                # intact and reading goes on; truncation is caught by the other checks.
                return b""
            if not record.is_http_parsed:
                return b""
        body = record.reader.read()
        return body if len(body) >= record.content_length else None

    def _document(
        self, source: InputSource, origin: str, record: WarcRecord, body: bytes, number: int
    ) -> RawDocument | None:
        # fastwarc may call a record HTTP that `_body` did not parse (a garbled Content-Type
        # that still names HTTP somewhere); without a parsed head there is no status.
        if not record.is_http_parsed or record.http_headers is None:
            return None
        if record.http_headers.status_code != _HTTP_OK:
            return None
        media_type = (record.http_content_type or "").lower()
        if media_type not in _HTML_TYPES and not (
            media_type in _UNSTATED_TYPES and _looks_like_html(body)
        ):
            return None
        encoding = (record.http_headers.get("Content-Encoding") or "identity").strip().lower()
        decoded = _decode_content(body, encoding, self.max_bytes)
        markup = decode_markup(decoded, declared=record.http_charset) if decoded else None
        if markup is None or not markup.strip():
            return None
        target = record.headers.get("WARC-Target-URI") or None
        return RawDocument(
            source_key=target or f"{origin}#record={number}",
            kind="warc",
            content_type="html",
            content=markup,
            path=given_path(source),
            url=target,
        )


def _misplaced(data: bytes, record: WarcRecord, length: int, progress: _Progress) -> str | None:
    """What is wrong with where `record` lies in an uncompressed file, or None if nothing.

    A record must start where the previous one ended (blank lines aside; anything else is
    bytes fastwarc skipped over) and its block must end with the record terminator. On
    success `progress.next_start` moves past the record.
    """
    if data[progress.next_start : record.stream_pos].strip():
        return f"unreadable bytes at offset {progress.next_start}"
    head_end = data.find(_RECORD_END, record.stream_pos)
    if head_end < 0:
        return "the file ends inside a record"
    block_end = head_end + len(_RECORD_END) + length
    record_end = block_end + len(_RECORD_END)
    if record_end > len(data):
        return "the file ends inside a record"
    if data[block_end:record_end] != _RECORD_END:
        return f"the record at offset {record.stream_pos} is not as long as it says"
    progress.next_start = record_end
    return None


def _decode_content(body: bytes, encoding: str, max_bytes: int) -> bytes | None:
    """The body without its HTTP Content-Encoding; None when it cannot be decoded."""
    if encoding in ("identity", ""):
        return body
    try:
        if encoding in ("gzip", "x-gzip", "deflate"):
            # 47 accepts gzip and zlib headers; some servers send raw deflate (-15).
            window = -zlib.MAX_WBITS if encoding == "deflate" and body[:1] != b"\x78" else 47
            decoded = zlib.decompressobj(window).decompress(body, max_bytes + 1)
        elif encoding == "br":
            decoded = BrotliReader(io.BytesIO(body)).read(max_bytes + 1)
        else:
            return None
    except (zlib.error, OSError):
        return None
    return decoded if len(decoded) <= max_bytes else None


def _looks_like_html(body: bytes) -> bool:
    head = body[:_SNIFF_BYTES].lower()
    return any(marker in head for marker in _HTML_MARKERS)
