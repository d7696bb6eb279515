"""HTML files: passed on as markup, decompressed and decoded, junk refused."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from storyline.ingest import InputSource, read_source
from storyline.model import Dropped, RawDocument

from .builders import page, read_all, write

PAGE = page("Ossen floods", "Rescuers reached the caf\u00e9 on Tuesday.").decode()


@pytest.mark.parametrize("name", ["a.html", "a.htm", "A.HTML"])
def test_html_file_is_one_document_of_raw_markup(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, PAGE)

    documents, dropped = read_all([path])

    assert dropped == []
    assert documents == [
        RawDocument(
            source_key="file:" + str(path.resolve()),
            kind="html",
            content_type="html",
            content=PAGE,
            path=str(path),
        )
    ]


@pytest.mark.parametrize("name", ["a.html.gz", "a.htm.gz"])
def test_gzipped_html_is_decompressed(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, gzip.compress(PAGE.encode()))

    documents, _ = read_all([path])

    assert [d.content for d in documents] == [PAGE]


def test_truncated_gzip_is_dropped(tmp_path: Path) -> None:
    compressed = gzip.compress(PAGE.encode() * 50)
    path = write(tmp_path / "cut.html.gz", compressed[: len(compressed) // 2])

    documents, dropped = read_all([path])

    assert documents == []
    assert [(d.reason, d.subject) for d in dropped] == [("truncated or corrupt gzip", str(path))]


def test_gzip_that_inflates_past_the_limit_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.html.gz", gzip.compress(b"<p>" + b"a" * 50_000))

    documents, dropped = read_all([path], max_bytes=10_000)

    assert documents == []
    assert [d.reason for d in dropped] == ["too large"]
    assert "decompressed" in dropped[0].detail


def test_meta_charset_is_honoured(tmp_path: Path) -> None:
    markup = '<html><head><meta charset="windows-1252"></head><body>\u201cCaf\u00e9\u201d</body>'
    path = write(tmp_path / "a.html", markup, encoding="cp1252")

    documents, _ = read_all([path])

    assert documents[0].content == markup


def test_meta_http_equiv_charset_is_honoured(tmp_path: Path) -> None:
    markup = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        "</head><body>\u041f\u0440\u0438\u0432\u0435\u0442</body></html>"
    )
    path = write(tmp_path / "a.html", markup, encoding="koi8-r")

    documents, _ = read_all([path])

    assert "\u041f\u0440\u0438\u0432\u0435\u0442" in documents[0].content


def test_valid_utf8_wins_over_a_stale_latin1_declaration(tmp_path: Path) -> None:
    markup = '<html><head><meta charset="iso-8859-1"></head><body>Caf\u00e9 \u2014 ok</body>'
    path = write(tmp_path / "a.html", markup, encoding="utf-8")

    documents, _ = read_all([path])

    assert documents[0].content == markup


def test_undeclared_legacy_bytes_fall_back_to_cp1252(tmp_path: Path) -> None:
    markup = "<p>\u201cCaf\u00e9\u201d</p>"
    path = write(tmp_path / "a.html", markup, encoding="cp1252")

    documents, _ = read_all([path])

    assert documents[0].content == markup


def test_binary_garbage_with_an_html_name_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.html", random.Random(3).randbytes(2048))

    documents, dropped = read_all([path])

    assert documents == []
    assert dropped == [Dropped("binary content, not HTML", str(path))]


def test_text_without_markup_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.html", "Just some words, no tags at all.")

    _, dropped = read_all([path])

    assert dropped == [Dropped("no HTML markup", str(path))]


def test_fetched_page_is_identified_by_its_url() -> None:
    source = InputSource(
        name="https://news.example/floods",
        path=None,
        url="https://news.example/floods",
        data="<p>Caf\u00e9</p>".encode("cp1252"),
        media_type="text/html; charset=ISO-8859-1",
    )

    (document,) = read_source(source)

    assert isinstance(document, RawDocument)
    assert document.source_key == "https://news.example/floods"
    assert document.url == "https://news.example/floods"
    assert document.path is None
    assert document.kind == "url"
    assert document.content == "<p>Caf\u00e9</p>"
