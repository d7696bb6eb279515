"""The reports streamed piece by piece: the same bytes as the whole-string renderings, and a
memory peak that does not grow with the size of the reports."""

from __future__ import annotations

import json
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import pytest

import storyline
from storyline.model import (
    Brief,
    Entity,
    Fact,
    Quote,
    Story,
    SummarySentence,
    TimelineEntry,
)
from storyline.report import (
    render_html,
    render_markdown,
    report_views,
    stories_document,
    write_reports,
)
from storyline.report.markdown import _ending_in_one_newline
from storyline.report.stream import (
    StoryViews,
    stream_html,
    stream_json,
    stream_markdown,
)
from tests.conftest import DEMO

from .builders import article, full_story, plain_story
from .hostile import hostile_story


@pytest.fixture(scope="module")
def demo_stories(tmp_path_factory: pytest.TempPathFactory) -> list[Story]:
    db = Path(tmp_path_factory.mktemp("demo")) / "demo.db"
    return list(storyline.run([str(DEMO)], db=db, out=None).stories)


def small_sets() -> list[list[Story]]:
    return [
        [],
        [plain_story("only", 1)],
        # equal sizes keep input order; two ids that make the same anchor get it suffixed
        [full_story(), plain_story("x", 3), hostile_story(), plain_story("x", 3)],
        [synthetic_story(n) for n in range(5)],
    ]


# Long text, few objects: tracemalloc slows every allocation, not every byte.
LONG = " The water kept rising through the night and into the next morning." * 30


def synthetic_story(n: int) -> Story:
    """A small story with an item in most sections, a long summary and an emoji in its text,
    which makes Python store any string holding that text at four bytes per character."""
    ids = tuple(f"s{n}-a{k}" for k in range(3))
    day = date(2026, 1, 1) + timedelta(days=n % 300)
    articles = tuple(
        article(i, day=day, title=f"Flood 🌊 update {n}.{k}", source=f"Outlet {k}")
        for k, i in enumerate(ids)
    )
    brief = Brief(
        summary=(
            SummarySentence(f"Rivers rose 🌊 in district {n} overnight.{LONG}", ids[:2]),
            SummarySentence(f"Officials in district {n} opened {n % 7 + 2} shelters.", ids[2:]),
        ),
        facts=(
            Fact(f"{n} homes were flooded.", "homes", "flooded", float(n), False, day,
                 "the council", ids, "corroborated"),
        ),
        quotes=(Quote("Mara Ionescu", f"We moved {n} families to safety.", ids[:1]),),
        entities=(Entity(f"District {n}", "place", (), ids),),
        timeline=(TimelineEntry(day, f"The river in district {n} bursts its banks.", ids),),
    )  # fmt: skip
    return Story(
        id=f"story:{n}", title=f"Floods 🌊 in district {n}", articles=articles, brief=brief
    )


def whole_json(stories: list[Story]) -> str:
    document = stories_document(stories)
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def test_streamed_json_is_the_whole_document_dumped_at_once(demo_stories: list[Story]) -> None:
    assert len(demo_stories) >= 2
    for stories in [*small_sets(), demo_stories]:
        pieces = list(stream_json(stories))
        assert "".join(pieces) == whole_json(stories)
        if stories:  # an opening, one piece per story, a closing
            assert len(pieces) == len(stories) + 2


def test_streamed_markdown_and_html_are_the_whole_renderings(demo_stories: list[Story]) -> None:
    for stories in [*small_sets(), demo_stories]:
        views = StoryViews(stories)
        assert list(views) == report_views(stories)
        assert "".join(stream_markdown(views)) == render_markdown(stories)
        assert "".join(stream_html(views)) == render_html(stories)


@pytest.mark.parametrize(
    "pieces",
    [
        ["# title", "\n---\n\nend\n\n", "\n", "\n\n"],
        ["a\n", "", "b"],
        ["a\n\n", "\n\nb\n", "c"],
        ["\n\n"],
        [""],
    ],
)
def test_trailing_newlines_end_as_one_like_in_the_whole_string(pieces: list[str]) -> None:
    assert "".join(_ending_in_one_newline(pieces)) == "".join(pieces).rstrip("\n") + "\n"


def test_written_reports_are_the_whole_renderings(
    demo_stories: list[Story], tmp_path: Path
) -> None:
    paths = write_reports(demo_stories, tmp_path)

    assert paths.json.read_bytes() == whole_json(demo_stories).encode("utf-8")
    assert paths.markdown.read_bytes() == render_markdown(demo_stories).encode("utf-8")
    assert paths.html.read_bytes() == render_html(demo_stories).encode("utf-8")


def test_writing_many_stories_keeps_the_memory_peak_far_below_the_reports_size(
    tmp_path: Path,
) -> None:
    stories = [synthetic_story(n) for n in range(1000)]
    write_reports(stories[:2], tmp_path / "warm")  # compiles the templates: a one-off cost

    tracemalloc.start()
    try:
        paths = write_reports(stories, tmp_path / "reports")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    written = sum(path.stat().st_size for path in (paths.json, paths.markdown, paths.html))
    assert written > 10_000_000  # over 10,000 bytes a story: the reports are big
    # Holding a report whole costs at least its size (four bytes a character with an emoji);
    # streamed, only one story's view and text are in memory at a time.
    assert peak < written / 5, f"peak {peak:,} bytes for {written:,} bytes written"
