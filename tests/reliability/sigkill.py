"""Kill a real `storyline` process with SIGKILL at a random moment while it stores articles,
run the same command again, and check that nothing was lost, doubled or corrupted.

Shared by the crash-safety test (one round) and `benchmarks/sigkill_loop.py` (many rounds).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .processes import integrity, run_storyline, storyline_command

_TOPICS = (
    "The river authority said floodwater reached the lower town",
    "Shares in the shipping company fell after the quarterly results",
    "The transit board approved a new tram line across the harbour",
    "Farmers protested against the new water rules outside parliament",
)


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
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # the schema is not created yet


@dataclass(frozen=True)
class Round:
    """What one kill-and-rerun round saw."""

    command: str
    kill_at: int
    """The number of stored articles the kill waited for."""
    killed_after_seconds: float
    stored_at_kill: int
    finished_before_kill: bool
    stored_after_rerun: int
    distinct_sources: int
    integrity: str
    rerun_output: str
    briefed_articles: int

    def ok(self, articles: int) -> bool:
        return (
            not self.finished_before_kill
            and self.stored_after_rerun == self.distinct_sources == articles
            and self.integrity == "ok"
            and self.briefed_articles == articles
        )


def kill_and_rerun(work: Path, corpus: Path, command: str, kill_at: int, delay: float) -> Round:
    """One round on a fresh store: start `command` (ingest or run), wait until `kill_at`
    articles are stored, wait `delay` seconds more, SIGKILL it, run it again, then `run` to
    brief everything. Commits come a batch at a time, so the kill lands wherever the
    process is `delay` seconds after a commit: cleaning the next batch, inside its
    transaction, or past ingest in grouping and briefing."""
    db = work / "store.db"
    for stale in work.glob("store.db*"):
        stale.unlink()
    args = [command, str(corpus), "--db", str(db)]
    if command == "run":
        args += ["--out", str(work / "out"), "--one-story"]
    process = subprocess.Popen(
        storyline_command(*args), cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while process.poll() is None and stored_count(db) < kill_at:
            time.sleep(0.01)
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            os.kill(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    stored_at_kill = stored_count(db)
    rerun = run_storyline(*args, cwd=work, timeout=300)
    if rerun.returncode != 0:
        raise AssertionError(f"the rerun failed: {rerun.stderr}")
    brief = run_storyline(
        "run", "--db", str(db), "--out", str(work / "out"), "--one-story", cwd=work, timeout=300
    )
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
        killed_after_seconds=delay,
        stored_at_kill=stored_at_kill,
        finished_before_kill=finished,
        stored_after_rerun=stored_count(db),
        distinct_sources=distinct,
        integrity=integrity(db),
        rerun_output=rerun.stdout.strip(),
        briefed_articles=sum(len(story["articles"]) for story in stories),
    )
