"""Writing the three report files so a reader never sees a half-written one, nor a mix of
old and new reports after a rendering failure."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.model import Story
from storyline.report.stream import StoryViews, stream_html, stream_json, stream_markdown

JSON_NAME = "stories.json"
MARKDOWN_NAME = "report.md"
HTML_NAME = "report.html"


@dataclass(frozen=True, slots=True)
class ReportPaths:
    json: Path
    markdown: Path
    html: Path


def write_reports(stories: Sequence[Story], out_dir: Path) -> ReportPaths:
    """Write stories.json, report.md and report.html into `out_dir` (created if missing).

    Each report is streamed into a temporary file beside its target, so no report is ever
    held in memory whole; only once all three are written are they renamed into place, so
    a rendering error leaves the previous reports in place rather than a mix of old and new.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(
        json=out_dir / JSON_NAME, markdown=out_dir / MARKDOWN_NAME, html=out_dir / HTML_NAME
    )
    temporaries: list[Path] = []
    try:
        _write_temporary(paths.json, stream_json(stories), temporaries)
        views = StoryViews(stories)
        _write_temporary(paths.markdown, stream_markdown(views), temporaries)
        _write_temporary(paths.html, stream_html(views), temporaries)
        for temporary, target in zip(
            temporaries, (paths.json, paths.markdown, paths.html), strict=True
        ):
            temporary.replace(target)  # os.replace: atomic on POSIX and Windows
    except BaseException:
        for temporary in temporaries:  # the ones already renamed are gone: nothing to do
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        raise
    return paths


def _write_temporary(target: Path, pieces: Iterable[str], temporaries: list[Path]) -> None:
    """Write `pieces` to a new temporary file next to `target`, recorded in `temporaries`
    before the first byte so a failure part way through can still remove it."""
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(temp_name)
    temporaries.append(temporary)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(pieces)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.chmod(0o644)  # mkstemp makes the file private; reports are meant to be read
