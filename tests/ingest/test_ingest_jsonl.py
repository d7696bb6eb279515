"""JSON Lines: one article per line; a bad line costs only itself."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Dropped, RawDocument

from .builders import read_all, write


def jsonl(*records: Any) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


FULL = {
    "id": "vdw-1",
    "text": "Shares in Corvane fell 6 percent.\n\nThe dispute widened.",
    "title": "Corvane shares slide",
    "url": "https://valdoria.example/corvane",
    "source": "Valdoria Daily Wire",
    "published": "2026-03-12",
    "story": "corvane-recall",
}


def test_every_field_of_a_record_is_carried(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.jsonl", jsonl(FULL))

    documents, dropped = read_all([path])

    assert dropped == []
    assert documents == [
        RawDocument(
            source_key="https://valdoria.example/corvane",
            kind="jsonl",
            content_type="text",
            content=FULL["text"],
            path=str(path),
            url=FULL["url"],
            title=FULL["title"],
            source=FULL["source"],
            published=FULL["published"],
            given_id="vdw-1",
            given_story="corvane-recall",
        )
    ]


def test_bad_lines_are_dropped_and_the_good_ones_still_load(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mixed.jsonl",
        jsonl(
            {"id": "a", "text": "First article."},
            '{"id": "b", "text": "unterminated',
            "",
            ["not", "an", "object"],
            {"id": "c", "title": "No text here"},
            {"id": "d", "text": "   "},
            {"id": "e", "text": 42},
            {"id": "f", "text": "Last article."},
        ),
    )

    documents, dropped = read_all([path])

    assert [d.given_id for d in documents] == ["a", "f"]
    assert [(d.reason, d.subject) for d in dropped] == [
        ("malformed JSON Lines record", f"{path}:2"),
        ("malformed JSON Lines record", f"{path}:4"),
        ("record without text", f"{path}:5"),
        ("record without text", f"{path}:6"),
        ("record without text", f"{path}:7"),
    ]
    assert "invalid JSON" in dropped[0].detail
    assert "not an object" in dropped[1].detail


def test_source_key_prefers_url_then_id_then_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "keys.jsonl",
        jsonl(
            {"id": "x1", "text": "One.", "url": "https://a.example/1"},
            {"id": "x2", "text": "Two."},
            {"text": "Three."},
        ),
    )

    documents, _ = read_all([path])

    origin = "file:" + str(path.resolve())
    assert [d.source_key for d in documents] == [
        "https://a.example/1",
        f"{origin}#id=x2",
        f"{origin}#line=3",
    ]
    assert documents[2].given_id is None


def test_numeric_ids_and_story_keys_become_strings(tmp_path: Path) -> None:
    path = write(tmp_path / "n.jsonl", jsonl({"id": 17, "story": 3, "text": "Numbers."}))

    (document,), _ = read_all([path])

    assert (document.given_id, document.given_story) == ("17", "3")


def test_fields_of_the_wrong_type_are_ignored_not_fatal(tmp_path: Path) -> None:
    record = {"id": True, "text": "Odd fields.", "title": ["x"], "published": 2020, "url": {}}
    path = write(tmp_path / "odd.jsonl", jsonl(record))

    (document,), dropped = read_all([path])

    assert dropped == []
    assert (document.given_id, document.title, document.published, document.url) == (None,) * 4


def test_crlf_line_ends_and_byte_order_mark_are_accepted(tmp_path: Path) -> None:
    content = "\ufeff" + json.dumps({"id": "a", "text": "One."}) + "\r\n"
    content += json.dumps({"id": "b", "text": "Two."}) + "\r\n"
    path = write(tmp_path / "win.jsonl", content)

    documents, dropped = read_all([path])

    assert [d.given_id for d in documents] == ["a", "b"]
    assert dropped == []


@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.ndjson", "a.JSONL"])
def test_other_json_lines_names(tmp_path: Path, name: str) -> None:
    content = jsonl({"id": "a", "text": "One."}).encode()
    if name.endswith(".gz"):
        content = gzip.compress(content)
    path = write(tmp_path / name, content)

    documents, _ = read_all([path])

    assert [d.given_id for d in documents] == ["a"]


def test_truncated_gzip_keeps_the_lines_read_before_the_cut(tmp_path: Path) -> None:
    records = [{"id": f"r{n}", "text": f"Article number {n} " * 40} for n in range(200)]
    compressed = gzip.compress(jsonl(*records).encode())
    path = write(tmp_path / "cut.jsonl.gz", compressed[: len(compressed) // 2])

    documents, dropped = read_all([path])

    assert 0 < len(documents) < 200
    assert [d.given_id for d in documents] == [f"r{n}" for n in range(len(documents))]
    assert dropped[-1].reason == "truncated or corrupt gzip"
    assert dropped[-1].subject == str(path)
    # At most the one line cut in half is reported as malformed, before the gzip damage.
    assert [d.reason for d in dropped[:-1]] in ([], ["malformed JSON Lines record"])


def test_a_line_inflating_past_the_limit_is_dropped_and_the_next_still_loads(
    tmp_path: Path,
) -> None:
    huge = json.dumps({"id": "huge", "text": "x" * 5000})
    content = jsonl(huge, {"id": "small", "text": "Small."}).encode()
    path = write(tmp_path / "big.jsonl.gz", gzip.compress(content))

    documents, dropped = read_all([path], max_bytes=1000)

    assert [d.given_id for d in documents] == ["small"]
    assert dropped == [Dropped("too large", f"{path}:1", "a line over 1000 bytes (limit)")]


def test_invalid_utf8_line_is_malformed(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": "Fine."}).encode() + b"\n"
    path = write(tmp_path / "enc.jsonl", b'{"id": "bad", "text": "caf\xe9"}\n' + good)

    documents, dropped = read_all([path])

    assert [d.given_id for d in documents] == ["ok"]
    assert [(d.reason, d.detail) for d in dropped] == [("malformed JSON Lines record", "not UTF-8")]


def test_deeply_nested_line_is_malformed_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.jsonl", "[" * 100_000 + "\n" + jsonl({"text": "After."}))

    documents, dropped = read_all([path])

    assert [d.content for d in documents] == ["After."]
    assert [d.reason for d in dropped] == ["malformed JSON Lines record"]
