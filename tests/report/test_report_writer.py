"""Writing the three report files."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.model import Story
from storyline.report import ReportPaths, write_reports
from storyline.report import writer as writer_module

from .builders import full_story, plain_story


def test_write_reports_creates_the_three_files_in_a_new_directory(tmp_path: Path) -> None:
    out_dir = tmp_path / "nested" / "out"
    paths = write_reports([plain_story("x", 1), full_story()], out_dir)

    assert paths == ReportPaths(
        json=out_dir / "stories.json", markdown=out_dir / "report.md", html=out_dir / "report.html"
    )
    assert sorted(p.name for p in out_dir.iterdir()) == ["report.html", "report.md", "stories.json"]
    document = json.loads(paths.json.read_text(encoding="utf-8"))
    assert [story["id"] for story in document["stories"]] == ["story:quake/1", "x"]
    assert "An earthquake struck the coast on Monday. [1][2]" in paths.markdown.read_text("utf-8")
    assert paths.html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_reports_replaces_previous_reports(tmp_path: Path) -> None:
    write_reports([full_story()], tmp_path)
    paths = write_reports([plain_story("later", 2)], tmp_path)

    document = json.loads(paths.json.read_text(encoding="utf-8"))
    assert [story["id"] for story in document["stories"]] == ["later"]
    assert "Quake" not in paths.html.read_text(encoding="utf-8")
    assert len(list(tmp_path.iterdir())) == 3  # no temporary files left behind


def test_a_rendering_failure_leaves_the_previous_reports_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_reports([full_story()], tmp_path)
    before = {path: path.read_bytes() for path in (paths.json, paths.markdown, paths.html)}

    def broken(*_args: object, **_kwargs: object) -> Iterator[str]:
        yield "<!doctype html>"  # fail part way through the page, as a template error would
        raise RuntimeError("template broke")

    monkeypatch.setattr(writer_module, "stream_html", broken)
    with pytest.raises(RuntimeError, match="template broke"):
        write_reports([plain_story("new", 1)], tmp_path)

    assert {path: path.read_bytes() for path in before} == before
    assert len(list(tmp_path.iterdir())) == 3


def test_a_failed_write_removes_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, target: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_reports([full_story()], tmp_path)

    assert list(tmp_path.iterdir()) == []


def test_files_are_utf8_and_readable(tmp_path: Path) -> None:
    paths = write_reports([full_story()], tmp_path)

    assert "–" in paths.markdown.read_text(encoding="utf-8")
    assert paths.json.read_text(encoding="utf-8").endswith("}\n")
    assert paths.html.stat().st_mode & 0o444 == 0o444


def _many_stories() -> list[Story]:
    return [full_story(), *(plain_story(f"s{n}", n % 4 + 1) for n in range(40))]


def test_html_rendered_by_a_forked_process_is_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = write_reports(_many_stories(), tmp_path / "alone")
    monkeypatch.setattr(writer_module, "PARALLEL_FROM_STORIES", 1)
    forked = write_reports(_many_stories(), tmp_path / "forked")

    for name in ("json", "markdown", "html"):
        assert getattr(forked, name).read_bytes() == getattr(alone, name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "forked").iterdir()) == sorted(
        p.name for p in (tmp_path / "alone").iterdir()
    )


def test_a_failure_in_the_forked_writer_is_raised_here_and_nothing_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_reports([full_story()], tmp_path)
    before = {path: path.read_bytes() for path in (paths.json, paths.markdown, paths.html)}
    monkeypatch.setattr(writer_module, "PARALLEL_FROM_STORIES", 1)

    def broken(*_args: object, **_kwargs: object) -> Iterator[str]:
        yield "<!doctype html>"
        raise RuntimeError("template broke in the child")

    monkeypatch.setattr(writer_module, "stream_html", broken)
    with pytest.raises(RuntimeError, match="template broke in the child"):
        write_reports(_many_stories(), tmp_path)

    def unpicklable(*_args: object, **_kwargs: object) -> Iterator[str]:
        yield "<!doctype html>"
        raise ValueError("lambda in args", lambda: None)  # cannot cross processes as itself

    monkeypatch.setattr(writer_module, "stream_html", unpicklable)
    with pytest.raises(RuntimeError, match=r"ValueError: .*lambda in args"):
        write_reports(_many_stories(), tmp_path)

    def dies(*_args: object, **_kwargs: object) -> Iterator[str]:
        yield "<!doctype html>"
        os._exit(3)  # as if the child were killed

    monkeypatch.setattr(writer_module, "stream_html", dies)
    with pytest.raises(RuntimeError, match="exited with code 3"):
        write_reports(_many_stories(), tmp_path)

    assert {path: path.read_bytes() for path in before} == before
    assert len(list(tmp_path.iterdir())) == 3
