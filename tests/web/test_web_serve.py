"""`storyline serve` as a user runs it: a real process, a real port, stopped by a signal."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.conftest import ROOT
from tests.storyline_command import serving, storyline


def test_serve_refuses_a_store_that_does_not_exist(tmp_path: Path) -> None:
    result = storyline("serve", "--db", "missing.db", cwd=tmp_path)

    assert result.returncode == 1
    assert "no store at missing.db" in result.stderr
    assert not (tmp_path / "missing.db").exists()  # serving never creates a store


def test_serve_binds_loopback_by_default() -> None:
    result = storyline("serve", "--help", cwd=ROOT)

    assert result.returncode == 0
    assert "127.0.0.1" in result.stdout and "8000" in result.stdout


def test_serve_answers_on_its_port_and_stops_on_sigint(store_path: Path, tmp_path: Path) -> None:
    with serving(str(store_path), cwd=tmp_path) as server:
        response = server.wait_for("/")
        assert response.status_code == 200
        assert "Harbour strike" in response.text
        story = httpx.get(f"{server.base_url}/api/stories/harbour", timeout=30)
        assert story.json()["title"] == "Harbour strike"
    assert server.process.returncode == 0, server.stderr
    assert f"127.0.0.1:{server.port}" in server.stderr  # uvicorn says where it listened
