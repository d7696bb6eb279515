"""Choosing a reader, and the promise that bad bytes never raise."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest import InputSource, read_source
from storyline.ingest.feeds import FeedReader
from storyline.ingest.html_files import HtmlFileReader
from storyline.ingest.jsonl import JsonLinesReader
from storyline.ingest.read import reader_for
from storyline.ingest.text_files import TextFileReader
from storyline.ingest.warc import WarcReader
from storyline.model import Dropped, RawDocument

from .builders import read_all, write

ALL_SUFFIXES = [
    ".txt",
    ".md",
    "",
    ".html",
    ".htm",
    ".html.gz",
    ".htm.gz",
    ".warc",
    ".warc.gz",
    ".rss",
    ".atom",
    ".xml",
    ".jsonl",
    ".jsonl.gz",
    ".ndjson",
]


def file_source(name: str, data: bytes = b"x") -> InputSource:
    return InputSource(name=name, path=Path(name), url=None, data=data)


def url_source(url: str, data: bytes, media_type: str | None = None) -> InputSource:
    return InputSource(name=url, path=None, url=url, data=data, media_type=media_type)


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("a.txt", TextFileReader),
        ("README", TextFileReader),
        ("notes.MD", TextFileReader),
        ("page.HTM", HtmlFileReader),
        ("page.html.gz", HtmlFileReader),
        ("crawl.warc.gz", WarcReader),
        ("CRAWL.WARC", WarcReader),
        ("feed.atom", FeedReader),
        ("sitemap.xml", FeedReader),
        ("wire.jsonl.gz", JsonLinesReader),
        ("wire.ndjson", JsonLinesReader),
        ("dir.with.dots/a.txt", TextFileReader),
    ],
)
def test_reader_is_chosen_by_file_name_ending(name: str, reader: type) -> None:
    assert reader_for(file_source(name)) is reader


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("doc.pdf", ".pdf"),
        ("photo.PNG", ".png"),
        ("data.json", ".json"),
        ("table.csv", ".csv"),
        ("archive.tar.gz", ".tar.gz"),
    ],
)
def test_unsupported_file_types_are_dropped_naming_the_suffix(
    tmp_path: Path, name: str, suffix: str
) -> None:
    path = write(tmp_path / name, b"some bytes")

    documents, dropped = read_all([path])

    assert documents == []
    assert dropped == [Dropped("unsupported file type", str(path), suffix)]


def test_a_directory_reports_unsupported_files_and_reads_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "An article.")
    write(tmp_path / "b.pdf", b"%PDF-1.4")

    documents, dropped = read_all([tmp_path])

    assert [Path(d.path or "").name for d in documents] == ["a.txt"]
    assert [(d.reason, d.detail) for d in dropped] == [("unsupported file type", ".pdf")]


@pytest.mark.parametrize(
    ("data", "media_type", "reader"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', None, FeedReader),
        (b"\xef\xbb\xbf  <feed xmlns='http://www.w3.org/2005/Atom'/>", None, FeedReader),
        (b"<html><body>A page</body></html>", "application/rss+xml", FeedReader),
        (b'<?xml version="1.0"?>\n<!DOCTYPE html><html></html>', None, HtmlFileReader),
        (b"<!doctype html><html><body>A page</body></html>", None, HtmlFileReader),
    ],
)
def test_urls_without_a_known_ending_are_judged_by_content(
    data: bytes, media_type: str | None, reader: type
) -> None:
    source = url_source("https://news.example/latest", data, media_type)

    assert reader_for(source) is reader


def test_urls_with_a_known_ending_use_it() -> None:
    source = url_source("https://news.example/export/wire.jsonl?page=2", b'{"text": "x"}')

    assert reader_for(source) is JsonLinesReader


def test_fetched_feed_entries_are_read() -> None:
    feed = (
        b"<rss version='2.0'><channel><title>Wire</title><item><title>A</title>"
        b"<link>https://news.example/a</link><description>Body.</description></item>"
        b"</channel></rss>"
    )
    source = url_source("https://news.example/feed", feed, "application/rss+xml")

    (document,) = read_source(source)

    assert isinstance(document, RawDocument)
    assert document.kind == "feed"
    assert document.path is None
    assert document.url == "https://news.example/a"


@pytest.mark.parametrize("suffix", ALL_SUFFIXES)
@settings(max_examples=40, deadline=None)
@given(data=st.binary(min_size=1, max_size=2048))
def test_arbitrary_bytes_never_raise(suffix: str, data: bytes) -> None:
    items = list(read_source(file_source(f"input{suffix}", data)))

    assert all(isinstance(item, RawDocument | Dropped) for item in items)


@pytest.mark.parametrize("suffix", [".html.gz", ".warc.gz", ".jsonl.gz"])
@settings(max_examples=40, deadline=None)
@given(data=st.binary(min_size=1, max_size=1024), cut=st.integers(min_value=1))
def test_arbitrary_gzip_cut_anywhere_never_raises(suffix: str, data: bytes, cut: int) -> None:
    compressed = gzip.compress(data)
    truncated = compressed[: cut % len(compressed)] or compressed[:1]

    items = list(read_source(file_source(f"input{suffix}", truncated)))

    assert all(isinstance(item, RawDocument | Dropped) for item in items)
