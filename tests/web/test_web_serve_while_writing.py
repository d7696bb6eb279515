"""`storyline serve` reading a SQLite store while a real `storyline run` writes to it.

Both are real processes, as a user would start them: the writer ingests in batches and then
replaces every story, while two clients keep asking the server for the story list, story
pages, article pages and the JSON API. No request may fail with a 5xx or a locked
database, every answer must be well formed, and afterwards the store must be sound and hold
exactly the articles of both corpora.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import lxml.html
import pytest

from tests.reliability.processes import integrity, run_storyline, stored_texts
from tests.reliability.sigkill import write_corpus
from tests.storyline_command import serving

FIRST = 200  # articles stored and briefed before the server starts
SECOND = 800  # articles the writer adds while the server reads
_CLIENTS = 2
_MIN_REQUESTS_DURING_WRITE = 30


@dataclass
class Seen:
    """What the clients saw; each problem names the request that showed it."""

    statuses: Counter[int] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    story_ids: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, path: str, response: httpx.Response, problem: str | None) -> None:
        with self.lock:
            self.statuses[response.status_code] += 1
            if problem is not None:
                self.problems.append(f"GET {path} -> {response.status_code}: {problem}")


def _problem(path: str, response: httpx.Response) -> str | None:
    """Why the answer is not well formed, or None. Detail routes may 404 for a story that
    the writer's run replaced between listing it and asking for it; nothing else may."""
    body = response.text
    if response.status_code >= 500:
        return body[:200]
    if "locked" in body.lower():
        return "the body mentions a locked database"
    detail = path.startswith(("/stories/", "/articles/", "/api/stories/", "/api/articles/"))
    if response.status_code != 200 and not (detail and response.status_code == 404):
        return "unexpected status"
    if path.startswith("/api/"):
        if not response.headers["content-type"].startswith("application/json"):
            return f"content type {response.headers['content-type']}"
        document = json.loads(body)
        wanted = "detail" if response.status_code == 404 else _api_key(path)
        return None if wanted in document else f"no {wanted!r} in the JSON"
    if not response.headers["content-type"].startswith("text/html"):
        return f"content type {response.headers['content-type']}"
    root = lxml.html.document_fromstring(body)
    if not root.xpath("//h1") or not body.rstrip().endswith("</html>"):
        return "an incomplete page"
    return None


def _api_key(path: str) -> str:
    """A key every successful answer of the route has."""
    if path.startswith("/api/articles/"):
        return "text"
    return "articles" if path.startswith("/api/stories/") else "stories"


def _client(base: str, writer: subprocess.Popen[bytes], seen: Seen, rounds: list[int]) -> None:
    """Walk the list, a story, an article and the JSON API until the writer exits."""
    with httpx.Client(base_url=base, timeout=60) as http:
        while writer.poll() is None:
            listing = http.get("/api/stories", params={"limit": "5"})
            seen.note("/api/stories", listing, _problem("/api/stories", listing))
            stories = listing.json().get("stories", []) if listing.status_code == 200 else []
            paths = ["/", "/?q=harbour"]
            for story in stories[:2]:
                with seen.lock:
                    seen.story_ids.add(story["id"])
                paths.append(f"/stories/{story['id']}")
                api_path = f"/api/stories/{story['id']}"
                detail = http.get(api_path)
                seen.note(api_path, detail, _problem(api_path, detail))
                if detail.status_code == 200:
                    article = detail.json()["articles"][0]["id"]
                    paths += [f"/articles/{article}", f"/api/articles/{article}"]
            for path in paths:
                response = http.get(path)
                seen.note(path, response, _problem(path, response))
            rounds.append(1)


@pytest.mark.slow
def test_serve_answers_every_request_while_a_run_writes_the_store(tmp_path: Path) -> None:
    write_corpus(tmp_path / "first.jsonl", FIRST, prefix="a")
    write_corpus(tmp_path / "second.jsonl", SECOND, prefix="b")
    first = run_storyline("run", "first.jsonl", "--db", "store.db", "--out", "out", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    seen, rounds = Seen(), list[int]()
    # The server logs a line per request: into a file, since a pipe nobody reads while the
    # clients run would fill up and stall it.
    with (
        (tmp_path / "serve.log").open("w") as log,
        serving("store.db", cwd=tmp_path, log=log) as server,
    ):
        base = server.base_url
        assert server.wait_for("/").status_code == 200
        before = httpx.get(base + "/api/stories", timeout=60).json()["stories"]
        writer = subprocess.Popen(
            [sys.executable, "-m", "storyline", "run", "second.jsonl", "--db", "store.db",
             "--out", "out"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        clients = [
            threading.Thread(target=_client, args=(base, writer, seen, rounds))
            for _ in range(_CLIENTS)
        ]
        for client in clients:
            client.start()
        written, writer_errors = writer.communicate(timeout=500)
        for client in clients:
            client.join(timeout=120)
        after = httpx.get(base + "/api/stories", timeout=60).json()["stories"]
    served_log = (tmp_path / "serve.log").read_text()

    # Shown with `pytest -rP`: how much reading the write saw.
    print(f"{sum(seen.statuses.values())} requests in {len(rounds)} rounds: {dict(seen.statuses)}")
    assert writer.returncode == 0, writer_errors.decode()
    assert written.decode().startswith(f"{FIRST + SECOND} articles ({SECOND} new)")
    assert seen.problems == []
    # The clients really read during the write, and saw it: the stories changed under them.
    assert sum(seen.statuses.values()) >= _MIN_REQUESTS_DURING_WRITE, seen.statuses
    assert seen.statuses[200] > sum(seen.statuses.values()) // 2, seen.statuses
    assert len(rounds) >= 2
    assert sum(len(s["articles"]) for s in after) == FIRST + SECOND
    assert sum(len(s["articles"]) for s in before) == FIRST
    # The server ran through it without an error of its own.
    assert server.process.returncode == 0, served_log
    assert "Traceback" not in served_log and "locked" not in served_log.lower()
    assert " 500 " not in served_log
    # Every request the clients made is in the log, answered.
    assert served_log.count('HTTP/1.1" ') >= sum(seen.statuses.values())
    assert integrity(tmp_path / "store.db") == "ok"
    assert len(stored_texts(tmp_path / "store.db")) == FIRST + SECOND
