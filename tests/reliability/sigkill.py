"""Kill a real `storyline` process with SIGKILL at a random moment while it stores articles,
run the same command again, and check that nothing was lost, doubled or corrupted.

Shared by the crash-safety test (one round) and `benchmarks/sigkill_loop.py` (many rounds).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from storyline.api import _INGEST_BATCH

from .processes import integrity, run_storyline, storyline_command

INGEST_BATCH = _INGEST_BATCH
"""Articles per ingest transaction: a kill leaves a multiple of it stored."""
MAX_KILL_DELAY = 0.04
"""After the awaited batch is stored, the kill comes within this many seconds. It is short:
the ingest pool cleans batches ahead of the store, so three batches can be stored within
0.15 s, and a longer wait would often find the ingest finished."""

_TOPICS = (
    "The river authority said floodwater reached the lower town",
    "Shares in the shipping company fell after the quarterly results",
    "The transit board approved a new tram line across the harbour",
    "Farmers protested against the new water rules outside parliament",
)
# How each command reports what it stored: `ingest` says what it added and what it found
# already stored, `run` how many articles the store holds and how many of them are new.
_INGEST_SAID = re.compile(r"^(?P<added>\d+) articles added, \d+ already stored", re.MULTILINE)
_RUN_SAID = re.compile(r"^\d+ articles \((?P<added>\d+) new\)", re.MULTILINE)


def write_corpus(path: Path, articles: int, prefix: str = "k") -> None:
    """JSON Lines of short, distinct articles on a few topics (so a run groups them fast);
    `prefix` starts every id and makes the texts differ from another corpus's."""
    with path.open("w", encoding="utf-8") as handle:
        for n in range(articles):
            topic = _TOPICS[n % len(_TOPICS)]
            text = f"{topic} on day {n}. Report {prefix}{n} was filed by the desk at noon."
            record = {"id": f"{prefix}{n}", "text": text, "title": f"{topic[:30]} {n}"}
            handle.write(json.dumps(record) + "\n")


def stored_count(db: Path) -> int:
    """The articles stored so far, read without disturbing the writer: 0 while the store or
    its schema does not exist yet, or the writer holds it (good enough to poll with)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def _writing(db: Path) -> bool:
    """True while another process holds the store's write lock: every store write is one
    `BEGIN IMMEDIATE` transaction, so this is the moment a batch is being written. The probe
    holds the lock itself for no more than an empty transaction when it is free."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:  # database is locked: a write is under way
        return True
    else:
        conn.execute("ROLLBACK")
        return False
    finally:
        conn.close()


def _count_after_kill(db: Path) -> int:
    """What the killed process left committed. Opened for writing, as the next command
    would, so a write-ahead log the kill left behind is recovered rather than hidden."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE name = 'articles'")
        if tables.fetchone() is None:
            return 0
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


@dataclass(frozen=True)
class Round:
    """What one kill-and-rerun round saw."""

    command: str
    kill_at: int
    """The number of stored articles the kill waited for."""
    killed_after_seconds: float
    in_transaction: bool
    """The kill came while a write transaction was seen open (not after a delay)."""
    finished_before_kill: bool
    stored_at_kill: int
    integrity_at_kill: str
    rerun_output: str
    added_by_rerun: int | None
    """What the rerun said it added (None when its summary line could not be read)."""
    stored_after_rerun: int
    distinct_sources: int
    integrity: str
    briefed_articles: int

    def landed_mid_ingest(self, articles: int) -> bool:
        """The kill hit a live process before its last article was committed."""
        return not self.finished_before_kill and self.stored_at_kill < articles

    def problems(self, articles: int) -> list[str]:
        """Every way the store or the rerun broke a promise; empty when the round is sound."""
        found = []
        if self.integrity_at_kill != "ok":
            found.append(f"integrity after the kill: {self.integrity_at_kill}")
        if self.stored_at_kill % INGEST_BATCH and self.stored_at_kill != articles:
            found.append(f"{self.stored_at_kill} stored at the kill: a batch was cut")
        if self.added_by_rerun != articles - self.stored_at_kill:
            found.append(f"the rerun said {self.rerun_output!r}")
        if not self.stored_after_rerun == self.distinct_sources == articles:
            found.append(
                f"{self.stored_after_rerun} stored, {self.distinct_sources} distinct, "
                f"{articles} expected"
            )
        if self.integrity != "ok":
            found.append(f"integrity after the rerun: {self.integrity}")
        if self.briefed_articles != articles:
            found.append(f"{self.briefed_articles} articles briefed")
        return found

    def ok(self, articles: int) -> bool:
        return self.landed_mid_ingest(articles) and not self.problems(articles)


def _fresh(work: Path) -> None:
    """Remove the last round's store, its WAL and fetch cache, and its reports."""
    for stale in [*work.glob("store.db*"), work / "out"]:
        if stale.is_dir():
            shutil.rmtree(stale)
        elif stale.exists():
            stale.unlink()


def _added_by(command: str, output: str) -> int | None:
    said = (_INGEST_SAID if command == "ingest" else _RUN_SAID).search(output)
    return int(said["added"]) if said else None


def kill_and_rerun(
    work: Path, corpus: Path, command: str, kill_at: int, delay: float, in_transaction: bool = False
) -> Round:
    """One round on a fresh store: start `command` (ingest or run), wait until `kill_at`
    articles are stored, then SIGKILL it, run it again, and (after an ingest) `run` to brief
    everything. The kill comes `delay` seconds after that commit, mostly while the next
    batch is being cleaned; with `in_transaction`, it comes instead as soon as the next
    write transaction is seen open, so it cuts a batch mid-write."""
    db = work / "store.db"
    _fresh(work)
    args = [command, str(corpus), "--db", str(db)]
    brief_args = ["run", "--db", str(db), "--out", str(work / "out"), "--one-story"]
    if command == "run":
        args = ["run", str(corpus), *brief_args[1:]]
    process = subprocess.Popen(
        storyline_command(*args), cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while process.poll() is None and stored_count(db) < kill_at:
            time.sleep(0.01)
        if in_transaction:
            # Probe often enough to catch a write, seldom enough not to stand in its way.
            while process.poll() is None and not _writing(db):
                time.sleep(0.002)
        else:
            time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            os.kill(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    stored_at_kill = _count_after_kill(db)
    integrity_at_kill = integrity(db) if db.exists() else "ok"
    rerun = run_storyline(*args, cwd=work, timeout=600)
    if rerun.returncode != 0:
        raise AssertionError(f"the rerun failed: {rerun.stderr}")
    if command == "ingest":
        # A `run` rerun rebuilt the briefs itself; after an ingest, a run briefs the store.
        brief = run_storyline(*brief_args, cwd=work, timeout=600)
        if brief.returncode != 0:
            raise AssertionError(f"the briefing run failed: {brief.stderr}")
    stories = json.loads((work / "out" / "stories.json").read_text())["stories"]
    conn = sqlite3.connect(db)
    try:
        query = "SELECT COUNT(DISTINCT source_key) FROM articles"
        distinct = int(conn.execute(query).fetchone()[0])
    finally:
        conn.close()
    return Round(
        command=command,
        kill_at=kill_at,
        killed_after_seconds=0.0 if in_transaction else delay,
        in_transaction=in_transaction and not finished,
        finished_before_kill=finished,
        stored_at_kill=stored_at_kill,
        integrity_at_kill=integrity_at_kill,
        rerun_output=rerun.stdout.strip(),
        added_by_rerun=_added_by(command, rerun.stdout.strip()),
        stored_after_rerun=_count_after_kill(db),
        distinct_sources=distinct,
        integrity=integrity(db),
        briefed_articles=sum(len(story["articles"]) for story in stories),
    )
