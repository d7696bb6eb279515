"""Two real `storyline ingest` processes writing one store at once, on both backends."""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.sigkill import write_corpus

from .raw import is_postgres, query

_FIRST = 1000
_SECOND = 400
_SHARED = 200
_SUMMARY = re.compile(r"^(\d+) articles added, (\d+) already stored, 0 skipped$", re.M)


def _stored(location: str) -> int:
    try:
        return int(query(location, "SELECT COUNT(*) FROM articles")[0][0])
    except Exception:  # the first writer has not created the tables yet
        return 0


def _wait_until(condition: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


def _sqlite_write_lock_is_free(location: str) -> bool:
    connection = sqlite3.connect(location, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


def _freeze_between_transactions(process: subprocess.Popen[str], location: str) -> None:
    """SIGSTOP the process outside a write. On SQLite, a writer frozen holding the lock
    makes the other wait past its busy timeout and fail with a StoreError, which is the
    store's answer to a stuck writer, not what this test is about: when it was caught inside
    a write, it goes on until its next commit and is frozen again right after it. (A
    PostgreSQL writer waits for a lock without a time limit.)"""
    for _ in range(20):
        process.send_signal(signal.SIGSTOP)
        if is_postgres(location) or _sqlite_write_lock_is_free(location):
            return
        seen = _stored(location)
        process.send_signal(signal.SIGCONT)
        _wait_until(lambda: process.poll() is not None or _stored(location) > seen, 30)  # noqa: B023
        if process.poll() is not None:
            return


def _ingest(location: str, cwd: Path, *inputs: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "storyline", "ingest", *inputs, "--db", location],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_ingests_at_once_store_everything_exactly_once(location: str, tmp_path: Path) -> None:
    write_corpus(tmp_path / "a.jsonl", _FIRST, prefix="a")
    write_corpus(tmp_path / "b.jsonl", _SECOND, prefix="b")
    write_corpus(tmp_path / "shared.jsonl", _SHARED, prefix="s")
    first = _ingest(location, tmp_path, "a.jsonl", "shared.jsonl")
    # Freeze the first writer once its first batch is in, start the second, and let the
    # first go on once the second has stored something (or after a while, in case the
    # first was frozen inside a transaction, which the second must then wait out). Their
    # writes interleave however slowly each process starts on a loaded machine.
    second: subprocess.Popen[str] | None = None
    try:
        _wait_until(lambda: first.poll() is not None or _stored(location) > 0)
        _freeze_between_transactions(first, location)
        frozen_at = _stored(location)
        second = _ingest(location, tmp_path, "b.jsonl", "shared.jsonl")
        _wait_until(lambda: second.poll() is not None or _stored(location) > frozen_at, 60)
        first.send_signal(signal.SIGCONT)
        processes = [first, second]
        outputs = [process.communicate(timeout=300) for process in processes]
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.kill()
                process.communicate()

    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
    counts = [_SUMMARY.search(stdout) for stdout, _ in outputs]
    assert all(counts), outputs
    added = sum(int(match[1]) for match in counts if match)
    already = sum(int(match[2]) for match in counts if match)
    total = _FIRST + _SECOND + _SHARED
    # Each shared article was stored by exactly one of the two.
    assert (added, already) == (total, _SHARED)
    ids = [row[0] for row in query(location, "SELECT id FROM articles ORDER BY seq")]
    assert len(ids) == len(set(ids)) == total
    seqs = [row[0] for row in query(location, "SELECT seq FROM articles ORDER BY seq")]
    assert seqs == list(range(1, total + 1))
    # The two really overlapped: their batches alternate in ingest order.
    owners = "".join(article_id[0] for article_id in ids if article_id[0] in "ab")
    assert re.search("a+b+a+", owners), "the two ingests did not overlap"
    if not is_postgres(location):
        assert query(location, "PRAGMA integrity_check") == [("ok",)]
