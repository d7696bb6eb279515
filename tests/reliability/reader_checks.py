"""What every reader promises whatever it is given, checked by the property tests and by
the atheris run in `benchmarks/fuzz_readers.py`."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest import InputSource, read_source
from storyline.ingest.base import MAX_ARTICLE_CHARS
from storyline.model import Dropped, RawDocument

NAMES = (
    "in.txt", "in", "in.md", "in.html", "in.html.gz", "in.warc", "in.warc.gz",
    "in.rss", "in.xml", "in.jsonl", "in.jsonl.gz",
)  # fmt: skip
SMALL_LIMIT = 64 * 1024


def read(name: str, data: bytes) -> list[RawDocument | Dropped]:
    source = InputSource(name=name, path=Path(name), url=None, data=data)
    return list(read_source(source, max_bytes=SMALL_LIMIT))


def check_items(name: str, items: list[RawDocument | Dropped]) -> None:
    """What every reader promises, whatever it was given."""
    for item in items:
        if isinstance(item, Dropped):
            assert item.reason and item.subject.startswith(name)
            item.message().encode("utf-8")
            continue
        assert isinstance(item, RawDocument)
        assert item.source_key and item.content.strip()
        if item.content_type == "text":
            assert len(item.content) <= MAX_ARTICLE_CHARS
        # Every string must be storable: no lone surrogates, which no encoder accepts.
        for value in (item.content, item.source_key, item.title, item.url, item.source):
            if value is not None:
                value.encode("utf-8")
        for value in (item.published, item.given_id, item.given_story, item.path):
            if value is not None:
                value.encode("utf-8")
