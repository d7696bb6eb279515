"""A real, throwaway PostgreSQL server for the tests: initdb in a temporary directory,
started on a free loopback port with its socket in that directory, stopped at the end.

initdb refuses to run as root, so under root the server runs as the `postgres` user (which
Debian's package creates) through `runuser`. Nothing here touches a system cluster.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.storyline_command import free_port

SERVER_USER = "postgres"
_START_ATTEMPTS = 3
# Durability settings are off: the tests kill clients, never this server, and it is thrown
# away afterwards; without fsync a database is created in milliseconds.
_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=60")


def find_bindir() -> Path | None:
    """The directory of initdb and pg_ctl: Debian's newest, or the ones on PATH."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if debian:
        return debian[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


@dataclass
class PostgresServer:
    port: int
    root: Path
    _numbers: Iterator[int] = field(default_factory=itertools.count)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a fresh, empty database."""
        import psycopg  # only the PostgreSQL tests need it

        name = f"storyline_test_{next(self._numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)


class _Runner:
    """Runs the server's commands as its own user when we are root."""

    def __init__(self, root: Path) -> None:
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            entry = pwd.getpwnam(SERVER_USER)
            for directory in (root, *root.iterdir()):
                os.chown(directory, entry.pw_uid, entry.pw_gid)
            self.prefix = ["runuser", "-u", SERVER_USER, "--"]

    def run(self, *command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.prefix, *command],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


@contextlib.contextmanager
def running_server(bindir: Path) -> Iterator[PostgresServer]:
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    (root / "sockets").mkdir()
    root.chmod(0o755)
    runner = _Runner(root)
    data = root / "data"
    started = False
    try:
        initdb = runner.run(
            str(bindir / "initdb"),
            "-D", str(data), "-U", SERVER_USER, "--auth=trust", "-E", "UTF8", "--no-locale",
            cwd=root,
        )  # fmt: skip
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed: {initdb.stderr}")
        for _ in range(_START_ATTEMPTS):
            port = free_port()
            options = " ".join(
                [f"-p {port}", f"-k {root / 'sockets'}", "-c listen_addresses=127.0.0.1"]
                + [f"-c {setting}" for setting in _SETTINGS]
            )
            start = runner.run(
                str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
                "-o", options, "-w", "-t", "60", "start",
                cwd=root,
            )  # fmt: skip
            if start.returncode == 0:
                started = True
                break
        if not started:
            log = (root / "server.log").read_text(errors="replace")
            raise RuntimeError(f"the PostgreSQL server did not start: {start.stderr}\n{log}")
        yield PostgresServer(port=port, root=root)
    finally:
        if started:
            runner.run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop", cwd=root)
        shutil.rmtree(root, ignore_errors=True)
