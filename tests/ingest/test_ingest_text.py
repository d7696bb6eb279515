"""Plain text files: header lines, encodings, and text that is not text."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from storyline.ingest.text_files import TextHeaders, split_headers
from storyline.model import Dropped, RawDocument

from .builders import read_all, write

BODY = "Flood waters rose overnight.\n\nOfficials said 14 people died.\n"


def read_one(path: Path) -> RawDocument:
    documents, dropped = read_all([path])
    assert dropped == []
    assert len(documents) == 1
    return documents[0]


def test_header_lines_become_metadata_and_the_rest_is_content(tmp_path: Path) -> None:
    path = write(
        tmp_path / "floods.txt",
        "date 2020-02-10\n"
        "url https://news.example/floods\n"
        "source Harbor Ledger\n"
        "Title: Floods in Tarvel\n"
        "\n"
        "Floods: the toll rises\n" + BODY,
    )

    document = read_one(path)

    assert document.published == "2020-02-10"
    assert document.url == "https://news.example/floods"
    assert document.source == "Harbor Ledger"
    assert document.title == "Floods in Tarvel"
    assert document.content == "Floods: the toll rises\n" + BODY
    assert document.content_type == "text"
    assert document.kind == "text"
    assert document.path == str(path)
    # A URL stated in the file identifies the article wherever the file lives.
    assert document.source_key == "https://news.example/floods"


def test_published_is_an_alias_of_date_and_separators_are_optional(tmp_path: Path) -> None:
    document = read_one(write(tmp_path / "a.txt", "PUBLISHED=2021-03-04T10:00:00Z\n" + BODY))

    assert document.published == "2021-03-04T10:00:00Z"
    assert document.content == BODY


def test_without_headers_the_first_line_stays_in_the_content(tmp_path: Path) -> None:
    text = "Corvane recalls power banks\n\n" + BODY
    document = read_one(write(tmp_path / "a.txt", text))

    # Deciding whether the first line is a title is the clean stage's job.
    assert document.title is None
    assert document.content == text
    assert document.published is None
    assert document.url is None


@pytest.mark.parametrize(
    "headline",
    [
        "Date night returns to the palace gardens",
        "Source code of the leaked app published",
        "URL shorteners banned by the ministry",
        "Title IX rules change again",
    ],
)
def test_headlines_starting_with_a_header_word_are_not_headers(
    tmp_path: Path, headline: str
) -> None:
    document = read_one(write(tmp_path / "a.txt", headline + "\n" + BODY))

    assert document.content == headline + "\n" + BODY
    assert (document.title, document.source, document.published, document.url) == (None,) * 4


def test_headers_stop_at_the_first_line_that_is_not_one() -> None:
    headers, body = split_headers("date 2020-01-01\nBy Anna Perrin\nurl https://x.example/a\n")

    assert headers == TextHeaders(date="2020-01-01")
    assert body == "By Anna Perrin\nurl https://x.example/a\n"


def test_without_a_url_header_the_source_key_is_the_resolved_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "corpus" / "a.txt", BODY)
    monkeypatch.chdir(tmp_path)
    from_inside = read_one(Path("corpus/a.txt"))
    monkeypatch.chdir(tmp_path / "corpus")
    from_deeper = read_one(Path("a.txt"))

    assert from_inside.path == "corpus/a.txt"
    assert from_deeper.path == "a.txt"
    expected = "file:" + str((tmp_path / "corpus" / "a.txt").resolve())
    assert from_inside.source_key == from_deeper.source_key == expected


@pytest.mark.parametrize("suffix", [".txt", ".md", "", ".TXT"])
def test_text_suffixes_and_files_without_extension_are_text(tmp_path: Path, suffix: str) -> None:
    document = read_one(write(tmp_path / f"article{suffix}", BODY))

    assert document.content == BODY


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_decode_accents(tmp_path: Path, encoding: str) -> None:
    text = "Le café de la gare a rouvert, dit le maire à Zürich.\n"
    document = read_one(write(tmp_path / "a.txt", text, encoding=encoding))

    assert document.content == text


def test_cp1252_curly_quotes_and_dashes_decode(tmp_path: Path) -> None:
    text = "\u201cWe will rebuild,\u201d the mayor\u2019s aide said \u2014 again.\n"
    document = read_one(write(tmp_path / "a.txt", text, encoding="cp1252"))

    assert document.content == text


def test_utf8_byte_order_mark_is_removed(tmp_path: Path) -> None:
    document = read_one(write(tmp_path / "a.txt", codecs.BOM_UTF8 + b"date 2020-02-10\nBody."))

    assert document.published == "2020-02-10"
    assert document.content == "Body."


def test_utf16_with_byte_order_mark_is_text_not_binary(tmp_path: Path) -> None:
    document = read_one(write(tmp_path / "a.txt", "Caf\u00e9 reopens.\n", encoding="utf-16"))

    assert document.content == "Caf\u00e9 reopens.\n"


def test_random_bytes_are_binary_not_text(tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(4096)
    path = write(tmp_path / "noise.txt", noise)

    documents, dropped = read_all([path])

    assert documents == []
    assert dropped == [Dropped("binary content, not text", str(path))]


def test_only_header_lines_is_no_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "date 2020-02-10\nurl https://x.example/a\n\n")

    _, dropped = read_all([path])

    assert dropped == [Dropped("no text", str(path), "only header lines")]


def test_whitespace_only_is_no_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", " \n\t\n")

    _, dropped = read_all([path])

    assert [(d.reason, d.detail) for d in dropped] == [("no text", "only whitespace")]
