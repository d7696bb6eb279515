"""`storyline serve` as a user runs it: a real process, a real port, stopped by a signal."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _storyline(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_serve_refuses_a_store_that_does_not_exist(tmp_path: Path) -> None:
    result = _storyline("serve", "--db", "missing.db", cwd=tmp_path)

    assert result.returncode == 1
    assert "no store at missing.db" in result.stderr
    assert not (tmp_path / "missing.db").exists()  # serving never creates a store


def test_serve_binds_loopback_by_default() -> None:
    result = _storyline("serve", "--help", cwd=ROOT)

    assert result.returncode == 0
    assert "127.0.0.1" in result.stdout and "8000" in result.stdout


def test_serve_answers_on_its_port_and_stops_on_sigint(store_path: Path, tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", str(store_path), "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        response = _wait_for(f"http://127.0.0.1:{port}/", server)
        assert response.status_code == 200
        assert "Harbour strike" in response.text
        story = httpx.get(f"http://127.0.0.1:{port}/api/stories/harbour", timeout=30)
        assert story.json()["title"] == "Harbour strike"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, stderr = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, stderr = server.communicate()
    assert server.returncode == 0, stderr
    assert f"127.0.0.1:{port}" in stderr  # uvicorn says where it listened


def _wait_for(url: str, server: subprocess.Popen[str], timeout: float = 60) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"serve exited early: {server.communicate()[1]}")
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"serve did not answer at {url} within {timeout} s")
