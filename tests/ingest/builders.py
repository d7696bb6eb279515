"""Builders for ingest fixtures: files written into a test's tmp_path, WARCs made with warcio."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import read_inputs
from storyline.model import Dropped, RawDocument


def read_all(
    inputs: Sequence[str | Path], **options: Any
) -> tuple[list[RawDocument], list[Dropped]]:
    """Everything `read_inputs` yields, split into documents and drops, in order."""
    documents: list[RawDocument] = []
    dropped: list[Dropped] = []
    for item in read_inputs([str(name) for name in inputs], **options):
        if isinstance(item, Dropped):
            dropped.append(item)
        else:
            documents.append(item)
    return documents, dropped


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


@dataclass(frozen=True)
class Response:
    """One HTTP response to archive."""

    uri: str
    body: bytes
    status: str = "200 OK"
    content_type: str | None = "text/html; charset=utf-8"


def page(title: str, paragraph: str) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1><p>{paragraph}</p></article></body></html>"
    ).encode()


def warc_bytes(responses: Iterable[Response], *, gzip: bool, with_requests: bool = True) -> bytes:
    """A WARC holding a warcinfo record, then a request (optional) and a response per item."""
    return warc_archive(responses, gzip=gzip, with_requests=with_requests)[0]


def warc_archive(
    responses: Iterable[Response], *, gzip: bool, with_requests: bool = True
) -> tuple[bytes, list[int]]:
    """`warc_bytes`, and the offset where each record ends (where a cut leaves valid WARC)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    record_ends = [buffer.tell()]
    for response in responses:
        if with_requests:
            request_head = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True
            )
            writer.write_record(
                writer.create_warc_record(
                    response.uri,
                    "request",
                    payload=io.BytesIO(b""),
                    length=0,
                    http_headers=request_head,
                )
            )
            record_ends.append(buffer.tell())
        headers = [("Content-Length", str(len(response.body)))]
        if response.content_type is not None:
            headers.append(("Content-Type", response.content_type))
        http_head = StatusAndHeaders(response.status, headers, protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                response.uri,
                "response",
                payload=io.BytesIO(response.body),
                # A known length keeps warcio from buffering into a temp file it never closes.
                length=len(response.body),
                http_headers=http_head,
            )
        )
        record_ends.append(buffer.tell())
    return buffer.getvalue(), record_ends
