"""Writing the three report files so a reader never sees a half-written one, nor a mix of
old and new reports after a rendering failure."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.forking import can_fork
from storyline.model import Story
from storyline.report.forked import ForkedWrite
from storyline.report.stream import StoryViews, stream_html, stream_json, stream_markdown

JSON_NAME = "stories.json"
MARKDOWN_NAME = "report.md"
HTML_NAME = "report.html"


@dataclass(frozen=True, slots=True)
class ReportPaths:
    json: Path
    markdown: Path
    html: Path


# From this many stories the HTML report is rendered by a forked process beside the other
# two: measured on Multi-News stories, at 100 it saved nothing, at 300 half the time, at
# 2,556 a third.
PARALLEL_FROM_STORIES = 300


def write_reports(stories: Sequence[Story], out_dir: Path) -> ReportPaths:
    """Write stories.json, report.md and report.html into `out_dir` (created if missing).

    Each report is streamed into a temporary file beside its target, so no report is ever
    held in memory whole; only once all three are written are they renamed into place, so
    a rendering error leaves the previous reports in place rather than a mix of old and new.
    Many stories' HTML is rendered in a forked process meanwhile (`forked`).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(
        json=out_dir / JSON_NAME, markdown=out_dir / MARKDOWN_NAME, html=out_dir / HTML_NAME
    )
    temporaries: dict[Path, Path] = {}
    html_in_child: ForkedWrite | None = None
    try:
        if len(stories) >= PARALLEL_FROM_STORIES and can_fork():
            write_html = _temporary_writer(paths.html, temporaries)
            html_in_child = ForkedWrite(write_html, lambda: stream_html(StoryViews(stories)))
        _temporary_writer(paths.json, temporaries)(stream_json(stories))
        views = StoryViews(stories)
        _temporary_writer(paths.markdown, temporaries)(stream_markdown(views))
        if html_in_child is None:
            _temporary_writer(paths.html, temporaries)(stream_html(views))
        else:
            html_in_child.wait()
        for target in (paths.json, paths.markdown, paths.html):
            temporaries[target].replace(target)  # os.replace: atomic on POSIX and Windows
    except BaseException:
        if html_in_child is not None:
            html_in_child.stop()
        for temporary in temporaries.values():  # the ones already renamed are gone
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        raise
    return paths


def _temporary_writer(
    target: Path, temporaries: dict[Path, Path]
) -> Callable[[Iterable[str]], None]:
    """A new temporary file next to `target`, recorded in `temporaries` before the first
    byte so a failure part way through can still remove it; and a function that writes
    pieces to it."""
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(temp_name)
    temporaries[target] = temporary
    os.close(fd)

    def write(pieces: Iterable[str]) -> None:
        with temporary.open("w", encoding="utf-8", newline="\n") as handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o644)  # mkstemp makes the file private; reports are meant to be read

    return write
