"""Writing the three report files, each atomically, so a reader never sees a half-written one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.model import Story
from storyline.report.document import render_json
from storyline.report.html import render_html
from storyline.report.markdown import render_markdown

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

    Everything is rendered before the first file is written, so a rendering error leaves the
    previous reports in place rather than a mix of old and new.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    contents = {
        JSON_NAME: render_json(stories) + "\n",
        MARKDOWN_NAME: render_markdown(stories),
        HTML_NAME: render_html(stories),
    }
    for name, text in contents.items():
        _write_atomically(out_dir / name, text)
    return ReportPaths(
        json=out_dir / JSON_NAME, markdown=out_dir / MARKDOWN_NAME, html=out_dir / HTML_NAME
    )


def _write_atomically(target: Path, text: str) -> None:
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        temp = Path(temp_name)
        temp.chmod(0o644)  # mkstemp makes the file private; reports are meant to be read
        temp.replace(target)  # os.replace: atomic on POSIX and Windows
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temp_name).unlink()
        raise
