"""Running the real `storyline` command in a subprocess, and measuring it.

Root reads any file whatever its mode, so for the "unreadable file" cases the command runs
without the two capabilities that let root ignore file modes (through util-linux's
`setpriv`); it stays root in every other way, so it can still run the interpreter.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_IGNORE_FILE_MODES = "dac_override,dac_read_search"


def storyline_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *args]


def _obeying_file_modes(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return command
    # Dropped from the bounding set, the capabilities are gone for the exec'd process too.
    return [setpriv, f"--bounding-set=-{_IGNORE_FILE_MODES.replace(',', ',-')}", "--", *command]


def permissions_are_enforced() -> bool:
    """True when a file with mode 000 is unreadable to a command run with `obey_modes`."""
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float
    """The child's own peak resident memory (from wait4, not the whole test session's)."""
    cpu_seconds: float
    """The child's own processor time, user and system: unlike `seconds`, it does not grow
    when other work shares the machine."""


def run_storyline(
    *args: str, cwd: Path, timeout: float = 150, obey_modes: bool = False
) -> Finished:
    """Run the command to its end (killed after `timeout` seconds) and measure it."""
    command = storyline_command(*args)
    if obey_modes:
        command = _obeying_file_modes(command)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            # wait4, not wait: it gives this child's own resource usage.
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Finished(
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_rss_mb=usage.ru_maxrss / 1024,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
        )


def stored_texts(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("SELECT text FROM articles")]
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()
