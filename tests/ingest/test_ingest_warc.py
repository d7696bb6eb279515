"""WARC files: every successful HTML response is an article; damage keeps what came before."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from storyline.ingest import InputSource, read_source
from storyline.model import Dropped, RawDocument

from .builders import Response, page, read_all, warc_archive, warc_bytes, write

FLOODS = Response("https://news.example/floods", page("Floods", "The river rose."))
STRIKE = Response("https://news.example/strike", page("Strike", "Buses stopped."))
RECALL = Response("https://news.example/recall", page("Recall", "Power banks recalled."))


@pytest.mark.parametrize(("name", "compress"), [("a.warc", False), ("a.warc.gz", True)])
def test_each_html_response_is_a_document(tmp_path: Path, name: str, compress: bool) -> None:
    path = write(tmp_path / name, warc_bytes([FLOODS, STRIKE], gzip=compress))

    documents, dropped = read_all([path])

    assert dropped == []
    assert documents == [
        RawDocument(
            source_key=response.uri,
            kind="warc",
            content_type="html",
            content=response.body.decode(),
            path=str(path),
            url=response.uri,
        )
        for response in (FLOODS, STRIKE)
    ]


def test_non_html_and_unsuccessful_responses_are_skipped(tmp_path: Path) -> None:
    responses = [
        Response("https://news.example/missing", page("Gone", "Not here."), "404 Not Found"),
        Response("https://news.example/moved", b"", "301 Moved Permanently"),
        Response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        Response("https://news.example/data.json", b'{"a": 1}', content_type="application/json"),
        FLOODS,
    ]
    path = write(tmp_path / "a.warc.gz", warc_bytes(responses, gzip=True))

    documents, dropped = read_all([path])

    assert [d.url for d in documents] == [FLOODS.uri]
    assert dropped == []


def test_html_body_without_a_content_type_is_recognised(tmp_path: Path) -> None:
    untyped = Response("https://news.example/untyped", FLOODS.body, content_type=None)
    plain = Response("https://news.example/blob", b"just bytes", content_type=None)
    path = write(tmp_path / "a.warc", warc_bytes([untyped, plain], gzip=False))

    documents, _ = read_all([path])

    assert [d.url for d in documents] == [untyped.uri]


def test_http_charset_decodes_the_body(tmp_path: Path) -> None:
    body = "<html><body><p>\u201cCaf\u00e9\u201d</p></body></html>"
    response = Response(
        "https://news.example/cafe", body.encode("cp1252"), content_type="text/html; charset=cp1252"
    )
    path = write(tmp_path / "a.warc", warc_bytes([response], gzip=False))

    documents, _ = read_all([path])

    assert [d.content for d in documents] == [body]


def test_truncated_gzipped_warc_keeps_earlier_records(tmp_path: Path) -> None:
    whole, record_ends = warc_archive([FLOODS, STRIKE, RECALL], gzip=True, with_requests=False)
    # Cut in the middle of the last record's gzip member.
    path = write(tmp_path / "cut.warc.gz", whole[: (record_ends[-2] + record_ends[-1]) // 2])

    documents, dropped = read_all([path])

    assert [d.url for d in documents] == [FLOODS.uri, STRIKE.uri]
    assert [(d.reason, d.subject) for d in dropped] == [("truncated or corrupt WARC", str(path))]
    # warcinfo, floods, strike
    assert dropped[0].detail.startswith("after 3 records")


def test_truncated_plain_warc_keeps_earlier_records(tmp_path: Path) -> None:
    whole = warc_bytes([FLOODS, STRIKE], gzip=False, with_requests=False)
    cut = whole.rindex(b"Buses stopped.")
    path = write(tmp_path / "cut.warc", whole[:cut])

    documents, dropped = read_all([path])

    assert [d.url for d in documents] == [FLOODS.uri]
    assert [d.reason for d in dropped] == ["truncated or corrupt WARC"]
    assert dropped[0].detail == "after 2 records (the file ends inside a record)"


def test_plain_warc_cut_inside_a_record_header_is_reported(tmp_path: Path) -> None:
    whole = warc_bytes([FLOODS, STRIKE], gzip=False, with_requests=False)
    cut = whole.rindex(b"WARC-Target-URI: " + STRIKE.uri.encode()) + 10
    path = write(tmp_path / "cut.warc", whole[:cut])

    documents, dropped = read_all([path])

    assert [d.url for d in documents] == [FLOODS.uri]
    assert [d.reason for d in dropped] == ["truncated or corrupt WARC"]


def test_bytes_that_are_not_a_warc_are_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "a.warc", b"this is not an archive\n" * 20)

    documents, dropped = read_all([path])

    assert documents == []
    assert [d.reason for d in dropped] == ["truncated or corrupt WARC"]


@pytest.mark.parametrize("compress", [False, True])
def test_every_truncation_point_yields_only_whole_records_and_is_reported(compress: bool) -> None:
    responses = [FLOODS, STRIKE, RECALL]
    whole, record_ends = warc_archive(responses, gzip=compress)
    complete = {response.uri: response.body.decode() for response in responses}

    for cut in range(1, len(whole)):
        source = InputSource("cut.warc", Path("cut.warc"), None, whole[:cut])
        items = list(read_source(source))
        documents = [item for item in items if isinstance(item, RawDocument)]
        dropped = [item for item in items if isinstance(item, Dropped)]

        assert [d.url for d in documents] == [r.uri for r in responses][: len(documents)], cut
        assert all(d.content == complete[d.url or ""] for d in documents), cut
        # Cutting exactly between records leaves a valid, shorter archive.
        if cut not in record_ends:
            assert [d.reason for d in dropped] == ["truncated or corrupt WARC"], cut


def _raw_response_record(uri: str, block: bytes) -> bytes:
    """A response record written by hand, for HTTP heads warcio will not write."""
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789012>\r\n"
        "WARC-Date: 2020-01-01T00:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def test_malformed_http_heads_are_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    good = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>ok</html>"
    bare_lf = b"HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html>bare LF</html>"
    huge_head = b"HTTP/1.1 200 OK\r\nX-Junk: " + b"a" * 40_000 + b"\r\n\r\n<html>x</html>"
    data = b"".join(
        [
            _raw_response_record("https://a.example/", good),
            _raw_response_record("https://b.example/", b"NOT HTTP AT ALL\r\n\r\nbody"),
            _raw_response_record("https://c.example/", huge_head),
            _raw_response_record("https://d.example/", bare_lf),
            _raw_response_record("https://e.example/", good),
        ]
    )
    path = write(tmp_path / "odd.warc", data)

    documents, dropped = read_all([path])

    assert [(d.url, d.content) for d in documents] == [
        ("https://a.example/", "<html>ok</html>"),
        ("https://d.example/", "<html>bare LF</html>"),
        ("https://e.example/", "<html>ok</html>"),
    ]
    assert dropped == []


def test_junk_between_records_is_reported_after_the_records_before_it(tmp_path: Path) -> None:
    first = warc_bytes([FLOODS], gzip=False, with_requests=False)
    second = warc_bytes([STRIKE], gzip=False, with_requests=False)
    path = write(tmp_path / "junk.warc", first + b"#### garbage ####\r\n" + second)

    documents, dropped = read_all([path])

    assert [d.url for d in documents] == [FLOODS.uri]
    assert [d.reason for d in dropped] == ["truncated or corrupt WARC"]
    assert dropped[0].detail.startswith("after 2 records")  # warcinfo and floods


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_content_encoded_bodies_are_decoded(tmp_path: Path, encoding: str) -> None:
    html = b"<html><body><p>Encoded caf\xc3\xa9</p></body></html>"
    encoded = gzip.compress(html) if encoding == "gzip" else zlib.compress(html)
    block = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Encoding: {encoding}\r\n\r\n".encode()
        + encoded
    )
    path = write(tmp_path / "enc.warc", _raw_response_record("https://a.example/", block))

    documents, dropped = read_all([path])

    assert [d.content for d in documents] == [html.decode()]
    assert dropped == []
