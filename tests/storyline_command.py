"""The real `storyline` command in a subprocess, as a user runs it: run to its end, or
`storyline serve` on a free loopback port, stopped by SIGINT as Ctrl-C stops it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx


def storyline(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    """A loopback port nothing listens on (once the probe is closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    """A `storyline serve` process; `stdout` and `stderr` are filled in once it has stopped
    (empty where they went to a log file)."""

    process: subprocess.Popen[str]
    port: int
    stdout: str = ""
    stderr: str = ""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_for(self, path: str, timeout: float = 60) -> httpx.Response:
        """The first answer at `path`, retried while the server is still starting."""
        url = self.base_url + path
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited early: {self.process.communicate()[1]}")
            try:
                return httpx.get(url, timeout=5)
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError(f"serve did not answer at {url} within {timeout} s")


@contextmanager
def serving(db: str, *, cwd: Path, log: IO[str] | None = None) -> Iterator[Served]:
    """`storyline serve --db db` on a free port for the block, then stopped by SIGINT.

    Its output is piped, or written to `log` when the block makes the server log more than a
    pipe nobody reads during the block can hold (a pipe that fills up stalls the server)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", db, "--port", str(port)],
        cwd=cwd,
        stdout=log or subprocess.PIPE,
        stderr=subprocess.STDOUT if log else subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    served = Served(process, port)
    try:
        yield served
    finally:
        process.send_signal(signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
        served.stdout, served.stderr = stdout or "", stderr or ""
