"""Property tests for the readers: whatever the bytes, a reader yields valid documents and
named drops, never an exception; damage to a valid file loses nothing silently.

`benchmarks/fuzz_readers.py` runs the same checks under atheris for a fixed time.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import Dropped, RawDocument
from tests.ingest.builders import Response, page, warc_archive

from .bad_inputs import rss_feed
from .reader_checks import NAMES, check_items, read

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=4096))
def test_no_reader_raises_on_arbitrary_bytes(name: str, data: bytes) -> None:
    check_items(name, read(name, data))


@FUZZ
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=2048))
def test_no_reader_raises_on_arbitrary_gzip(name: str, data: bytes) -> None:
    check_items(name, read(name, gzip.compress(data)))


_MARKUP = st.lists(
    st.one_of(
        st.sampled_from(
            ["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<![CDATA[", "]]>",
             "<item>", "</item>", "<entry>", "<title>", "</title>", "<description>", "&amp;",
             "&#0;", "&#xD800;", "&#1114112;", "&bogus;", "<!--", "-->", "<?xml ?>", "<rss>",
             "<feed xmlns='http://www.w3.org/2005/Atom'>", "<channel>", "<link>", "</link>"]
        ),
        st.text(max_size=40),
    ),
    max_size=60,
).map("".join)  # fmt: skip


@FUZZ
@given(
    name=st.sampled_from(("in.html", "in.rss", "in.xml", "in.txt")),
    markup=_MARKUP,
    encoding=st.sampled_from(("utf-8", "utf-16", "cp1252")),
)
def test_no_reader_raises_on_tag_soup(name: str, markup: str, encoding: str) -> None:
    check_items(name, read(name, markup.encode(encoding, "replace")))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters()),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
_RECORD = st.fixed_dictionaries(
    {},
    optional={
        key: _JSON | st.text(st.characters(exclude_categories=()))
        for key in ("id", "text", "title", "url", "source", "published", "story")
    },
)


def _has_text(record: Any) -> bool:
    return (
        isinstance(record, dict)
        and isinstance(record.get("text"), str)
        and bool(record["text"].strip())
    )


@FUZZ
@given(records=st.lists(_RECORD | _JSON, max_size=8))
def test_each_json_line_is_one_document_or_one_named_drop(records: list[Any]) -> None:
    lines = [json.dumps(record) for record in records]
    items = read("in.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))

    check_items("in.jsonl", items)
    assert len(items) == len(records)
    for number, (record, item) in enumerate(zip(records, items, strict=True), start=1):
        if _has_text(record):
            assert isinstance(item, RawDocument), item
        else:
            assert isinstance(item, Dropped)
            assert item.subject == f"in.jsonl:{number}"


_RESPONSES = [
    Response(f"https://w.example/{n}", page(f"T{n}", f"Body {n} " * 20)) for n in range(3)
]
_PLAIN_WARC, _PLAIN_ENDS = warc_archive(_RESPONSES, gzip=False)
_GZIP_WARC, _GZIP_ENDS = warc_archive(_RESPONSES, gzip=True)


@FUZZ
@given(data=st.data(), compressed=st.booleans())
def test_a_cut_warc_yields_a_prefix_and_reports_the_cut(
    data: st.DataObject, compressed: bool
) -> None:
    archive, ends = (_GZIP_WARC, _GZIP_ENDS) if compressed else (_PLAIN_WARC, _PLAIN_ENDS)
    full = [item.source_key for item in read("in.warc", archive) if isinstance(item, RawDocument)]
    cut = data.draw(st.integers(0, len(archive) - 1), label="cut")

    items = read("in.warc", archive[:cut])

    check_items("in.warc", items)
    keys = [item.source_key for item in items if isinstance(item, RawDocument)]
    assert keys == full[: len(keys)]
    reported = any(isinstance(item, Dropped) for item in items)
    # Nothing is lost silently: a cut anywhere but between two records is reported.
    assert reported or cut in ends


_FEED = rss_feed(["one", "two", "three"])


@FUZZ
@given(cut=st.integers(0, len(_FEED) - 1))
def test_a_cut_feed_reports_the_damage(cut: int) -> None:
    items = read("in.rss", _FEED[:cut])

    check_items("in.rss", items)
    assert any(isinstance(item, Dropped) for item in items)


_LINES = b"".join(
    json.dumps({"id": n, "text": f"Record {n} text"}).encode() + b"\n" for n in range(40)
)
_GZIP_LINES = gzip.compress(_LINES)


@FUZZ
@given(cut=st.integers(1, len(_GZIP_LINES) - 1))
def test_a_cut_jsonl_gzip_yields_a_prefix_and_reports_the_cut(cut: int) -> None:
    items = read("in.jsonl.gz", _GZIP_LINES[:cut])

    check_items("in.jsonl.gz", items)
    ids = [item.given_id for item in items if isinstance(item, RawDocument)]
    assert ids == [str(n) for n in range(len(ids))]
    assert any(isinstance(item, Dropped) for item in items)


CRASHES = sorted((Path(__file__).parent / "fuzz_crashes").glob("*.bin"))


@pytest.mark.parametrize("crash", CRASHES, ids=lambda path: path.stem)
def test_inputs_the_atheris_run_crashed_on_are_read_now(crash: Path) -> None:
    """Inputs `benchmarks/fuzz_readers.py` saved, in its format: a reader byte, then data."""
    data = crash.read_bytes()
    name = NAMES[data[0] % len(NAMES)]

    check_items(name, read(name, data[1:]))
