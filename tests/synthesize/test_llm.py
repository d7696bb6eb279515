"""The abstractive mode against a real OpenAI-compatible server of the test's own, on loopback.

The server is a real HTTP server; what it answers comes from the test: `answer(items)` is
called with the numbered items the request carried and returns the completion text, so a
test can cite the right items, wrong ones, or state things no item holds.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Story
from storyline.synthesize import SynthesizeStage
from storyline.synthesize.llm_brief import LlmBriefStage
from storyline.synthesize.llm_client import API_KEY_VARIABLE
from tests.synthesize.test_summarize import ARTICLES, FACTS, facts_in, five_article_story

Answer = Callable[[dict[int, str]], tuple[int, str]]


class CompletionServer:
    """Answers POST /v1/chat/completions with `answer`; records every request."""

    def __init__(self) -> None:
        self.answer: Answer = lambda items: (200, "")
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, **body})
                outer.headers.append(dict(self.headers))
                items = _items(body["messages"][-1]["content"])
                status, content = outer.answer(items)
                reply = json.dumps(
                    {
                        "object": "chat.completion",
                        "model": body["model"],
                        "choices": [
                            {"index": 0, "message": {"role": "assistant", "content": content}}
                        ],
                    }
                    if status == 200
                    else {"error": "canned failure"}
                ).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


def _items(prompt: str) -> dict[int, str]:
    return {int(n): text for n, text in re.findall(r"^\[(\d+)\] (.*)$", prompt, re.MULTILINE)}


def _number_of(items: dict[int, str], fact: str) -> int:
    markers = FACTS[fact][0]
    return next(n for n, text in items.items() if any(m in text for m in markers))


@pytest.fixture
def server() -> Iterator[CompletionServer]:
    running = CompletionServer()
    running.thread.start()
    yield running
    running.server.shutdown()
    running.server.server_close()


@pytest.fixture(scope="module")
def briefed() -> Story:
    """The five-article story with its extractive brief (facts included), made once."""
    [story] = SynthesizeStage().process([five_article_story()])
    assert isinstance(story, Story)
    return story


def _faithful_and_not(items: dict[int, str]) -> tuple[int, str]:
    quake, rescue = _number_of(items, "quake"), _number_of(items, "rescue")
    return 200, (
        f"A 6.1 earthquake killed at least 23 people in Varnholm on Tuesday [{quake}]. "
        f"Crews rescued 41 survivors from collapsed buildings overnight [{rescue}].\n"
        f"The quake killed 57 people in Varnholm [{quake}]. "  # a number no item holds
        f"Governor Petersen ordered an evacuation [{quake}]. "  # a name no item holds
        "Aid is on its way to the city. "  # no citation
        "Officials said schools stay shut until Monday [99]."  # an item that does not exist
    )


def test_checked_sentences_replace_the_summary_with_the_cited_sources(
    server: CompletionServer, briefed: Story
) -> None:
    server.answer = _faithful_and_not
    [story] = LlmBriefStage(server.url, "test-model", 120).process([briefed])
    assert isinstance(story, Story)
    summary = story.brief.summary
    assert [facts_in(s.text) for s in summary] == [{"quake"}, {"rescue"}]
    assert set(summary[0].sources) == FACTS["quake"][1]
    assert set(summary[1].sources) == FACTS["rescue"][1]
    [request] = server.requests
    assert request["path"] == "/v1/chat/completions" and request["model"] == "test-model"
    assert "120 words" in request["messages"][0]["content"]
    assert len(_items(request["messages"][-1]["content"])) >= 3


@pytest.mark.parametrize(
    "answer",
    [
        lambda items: (500, ""),
        lambda items: (200, "   "),
        lambda items: (200, "A brief with no citations at all."),
        lambda items: (200, "Somebody named Zebulon Quist said 999 people died [1]."),
    ],
    ids=["server-error", "empty", "uncited", "nothing-checks-out"],
)
def test_the_extractive_summary_stays_when_the_model_fails(
    server: CompletionServer, answer: Answer, briefed: Story
) -> None:
    server.answer = answer
    [story] = LlmBriefStage(server.url, "test-model", 120).process([briefed])
    assert story == briefed


def test_an_unreachable_endpoint_keeps_the_extractive_summary(briefed: Story) -> None:
    probe = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = probe.server_address[1]
    probe.server_close()  # nothing listens there any more
    stage = LlmBriefStage(f"http://127.0.0.1:{port}/v1", "m", 120, timeout_seconds=5)
    assert stage.process([briefed]) == [briefed]


def test_the_api_key_is_sent_when_set(
    server: CompletionServer, briefed: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(API_KEY_VARIABLE, "sk-test-123")
    server.answer = _faithful_and_not
    LlmBriefStage(server.url + "/v1/chat/completions", "m", 120).process([briefed])
    assert server.headers[0]["Authorization"] == "Bearer sk-test-123"
    assert server.requests[0]["path"] == "/v1/chat/completions"


def test_run_with_llm_url_writes_the_checked_summary(
    server: CompletionServer, tmp_path: Path
) -> None:
    server.answer = _faithful_and_not
    corpus = tmp_path / "quake.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": name, "story": "quake", "text": text}) + "\n"
            for name, text in ARTICLES.items()
        )
    )
    command = [sys.executable, "-m", "storyline", "run", str(corpus), "--given-stories"]
    command += ["--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "out")]
    result = subprocess.run(
        [*command, "--llm-url", server.url, "--llm-model", "test-model"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    [story] = json.loads((tmp_path / "out" / "stories.json").read_text())["stories"]
    assert [facts_in(s["text"]) for s in story["summary"]] == [{"quake"}, {"rescue"}]
    assert set(story["summary"][1]["sources"]) == FACTS["rescue"][1]
    half = subprocess.run(
        [*command, "--llm-url", server.url], capture_output=True, text=True, check=False
    )
    assert half.returncode == 2 and "--llm-model" in half.stderr
