"""Faults found while feeding the readers bad input, kept so they stay fixed."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.ingest.base import MAX_ARTICLE_CHARS
from storyline.ingest.jsonl import MAX_KEY_CHARS
from tests.ingest.builders import read_all, write

from .bad_inputs import prose, rss_feed

_OVER = "word " * (MAX_ARTICLE_CHARS // 5 + 1)
_AT_LIMIT = ("word " * (MAX_ARTICLE_CHARS // 5))[:MAX_ARTICLE_CHARS]


def test_text_longer_than_any_article_is_refused_with_its_size(tmp_path: Path) -> None:
    long = write(tmp_path / "long.txt", _OVER)
    fits = write(tmp_path / "fits.txt", _AT_LIMIT)

    documents, dropped = read_all([long, fits])

    assert [d.path for d in documents] == [str(fits)]
    assert [(d.reason, d.subject) for d in dropped] == [("too long for an article", str(long))]
    assert f"{len(_OVER)} characters > limit {MAX_ARTICLE_CHARS}" in dropped[0].detail


def test_a_jsonl_record_longer_than_any_article_costs_only_its_line(tmp_path: Path) -> None:
    lines = [{"id": "a", "text": prose("a")}, {"id": "b", "text": _OVER}, {"id": "c", "text": "c"}]
    path = write(tmp_path / "r.jsonl", "\n".join(json.dumps(line) for line in lines))

    documents, dropped = read_all([path])

    assert [d.given_id for d in documents] == ["a", "c"]
    assert [(d.reason, d.subject) for d in dropped] == [("too long for an article", f"{path}:2")]


def test_a_feed_entry_longer_than_any_article_costs_only_that_entry(tmp_path: Path) -> None:
    feed = rss_feed(["first", "second"]).replace(b"second report", _OVER.encode())
    path = write(tmp_path / "f.rss", feed)

    documents, dropped = read_all([path])

    assert [d.title for d in documents] == ["Item first"]
    assert [(d.reason, d.subject) for d in dropped] == [("too long for an article", f"{path}#2")]


def test_a_feed_cut_mid_element_is_reported_after_its_entries(tmp_path: Path) -> None:
    path = write(tmp_path / "cut.rss", rss_feed(["one", "two", "three"], cut_inside_last=True))

    documents, dropped = read_all([path])

    assert [d.title for d in documents] == ["Item one", "Item two"]
    assert [(d.reason, d.subject) for d in dropped] == [
        ("feed entry without text", f"{path}#3"),
        ("truncated or malformed feed", str(path)),
    ]
    assert "no element found" in dropped[1].detail


def test_a_feed_with_only_a_wrong_encoding_label_is_not_called_damaged(tmp_path: Path) -> None:
    feed = rss_feed(["one"]).replace(b'encoding="utf-8"', b'encoding="us-ascii"')
    path = write(tmp_path / "label.rss", feed.replace(b"Item one", "Item één".encode()))

    documents, dropped = read_all([path])

    assert [d.title for d in documents] == ["Item één"]
    assert dropped == []


def test_json_error_messages_do_not_stutter(tmp_path: Path) -> None:
    path = write(tmp_path / "ctl.jsonl", '{"id": "x", "text": "tab\there"}\n')

    _, dropped = read_all([path])

    assert [d.detail for d in dropped] == ["invalid JSON: Invalid control character at column 25"]


def test_a_symlink_back_to_an_ancestor_is_named_as_a_loop(tmp_path: Path) -> None:
    write(tmp_path / "top" / "deep" / "deeper" / "a.txt", prose("a"))
    (tmp_path / "top" / "deep" / "deeper" / "up").symlink_to("../..", target_is_directory=True)
    # Two links to one directory are not a loop: it is simply read once, silently.
    (tmp_path / "top" / "later").symlink_to("deep", target_is_directory=True)

    documents, dropped = read_all([tmp_path / "top"])

    assert len(documents) == 1
    assert [(d.reason, d.subject) for d in dropped] == [
        ("symbolic link loop", str(tmp_path / "top" / "deep" / "deeper" / "up"))
    ]


# Found by test_fuzz_readers: each of these raised out of the reader and ended the whole run.


def test_character_references_to_non_characters_do_not_break_a_feed(tmp_path: Path) -> None:
    feed = rss_feed(["one"]).replace(
        b"Item one", b"Item &#xD800;&#55296;&#1114112;&#x110000;&#99999999999999999999;&#0;!"
    )
    path = write(tmp_path / "refs.rss", feed)

    documents, dropped = read_all([path])

    assert dropped == []
    assert [d.title for d in documents] == ["Item " + "\ufffd" * 6 + "!"]


def test_a_utf16_feed_with_such_references_is_refused_not_crashed_on(tmp_path: Path) -> None:
    # The reference clean-up works on UTF-8 bytes; in UTF-16 the parser's error is caught.
    feed = rss_feed(["one"]).replace(b"Item one", b"Item &#xD800;").replace(b"utf-8", b"utf-16")
    path = write(tmp_path / "refs16.rss", feed.decode().encode("utf-16"))

    documents, dropped = read_all([path])

    assert documents == []
    assert [(d.reason, d.subject) for d in dropped] == [("not a readable feed", str(path))]
    assert dropped[0].detail.startswith("UnicodeEncodeError")


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path: Path) -> None:
    record = (
        '{"id": "i\\ud800", "url": "https://x.example/\\udfff", "source": "s\\ud800",'
        ' "title": "t\\ud800", "story": "k\\ud800", "published": "2020-01-01\\ud800",'
        ' "text": "text \\ud800 with a pair \\ud83d\\ude00 kept"}'
    )
    path = write(tmp_path / "s.jsonl", record + "\n")

    [document], dropped = read_all([path])

    assert dropped == []
    assert document.given_id == "i\ufffd"
    assert document.url == document.source_key == "https://x.example/\ufffd"
    assert (document.source, document.title, document.given_story) == (
        "s\ufffd",
        "t\ufffd",
        "k\ufffd",
    )
    assert document.content == "text \ufffd with a pair \U0001f600 kept"


def test_an_integer_too_long_to_convert_costs_only_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "n.jsonl", '{"id": ' + "7" * 5000 + ', "text": "x"}\n{"text": "y"}\n')

    documents, dropped = read_all([path])

    assert [d.content for d in documents] == ["y"]
    assert [(d.reason, d.subject) for d in dropped] == [
        ("malformed JSON Lines record", f"{path}:1")
    ]


def test_ids_and_story_keys_longer_than_a_key_can_be_are_refused(tmp_path: Path) -> None:
    records = [
        {"id": "i" * MAX_KEY_CHARS, "story": "s" * MAX_KEY_CHARS, "text": "kept"},
        {"id": "i" * (MAX_KEY_CHARS + 1), "text": "long id"},
        {"id": "j", "story": "s" * (MAX_KEY_CHARS + 1), "text": "long story key"},
    ]
    path = write(tmp_path / "k.jsonl", "\n".join(json.dumps(r) for r in records))

    documents, dropped = read_all([path])

    assert [d.content for d in documents] == ["kept"]
    assert [(d.subject, d.detail) for d in dropped] == [
        (f"{path}:2", f'"id" is longer than {MAX_KEY_CHARS} characters'),
        (f"{path}:3", f'"story" is longer than {MAX_KEY_CHARS} characters'),
    ]


def test_a_feed_that_makes_the_feed_parser_fail_is_one_named_drop(tmp_path: Path) -> None:
    """Found by the atheris run: a misspelt closing tag after a bare `<link>` made
    feedparser's lenient parser raise KeyError('links'), which ended the whole run."""
    crash = Path(__file__).parent / "fuzz_crashes" / "feed-keyerror-links.bin"
    path = write(tmp_path / "broken.rss", crash.read_bytes()[1:])

    documents, dropped = read_all([path])

    assert documents == []
    assert [(d.reason, d.detail.split(":")[0]) for d in dropped] == [
        ("not a readable feed", "KeyError")
    ]


def test_a_warc_record_called_http_but_left_unparsed_is_not_an_article(tmp_path: Path) -> None:
    """Found by the atheris run: a response whose Content-Type was garbled, yet which
    fastwarc still called HTTP, reached the status check without a parsed head and raised
    AttributeError, ending the whole run."""
    crash = Path(__file__).parent / "fuzz_crashes" / "warc-unparsed-http-head.bin"
    path = write(tmp_path / "garbled.warc", crash.read_bytes()[1:])

    documents, dropped = read_all([path])

    assert documents == []
    assert [(d.reason, d.subject) for d in dropped] == [("truncated or corrupt WARC", str(path))]
