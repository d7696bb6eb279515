"""Nothing let in: no shell, eval or unpickling anywhere in the code, no parser that resolves
external entities, no input that can make the reports land outside `--out`, and no server
that can hold a fetch for longer than its time limit."""

from __future__ import annotations

import ast
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.clean import CleanStage
from storyline.ingest.fetch_policy import FetchPolicy
from storyline.ingest.urls import WebFetcher
from storyline.model import Article, Dropped, RawDocument
from tests.conftest import ROOT

from .bad_inputs import prose
from .processes import run_storyline
from .reader_checks import read

SOURCE = ROOT / "src" / "storyline"
# Calls that run code or commands, or rebuild objects from bytes: none may exist in the
# package, so no input can ever reach one.
FORBIDDEN_CALLS = frozenset(
    {
        "eval", "exec", "compile", "__import__", "os.system", "os.popen", "os.execv",
        "os.execvp", "os.execl", "os.spawnv", "os.spawnl", "os.startfile", "pickle.load",
        "pickle.loads", "marshal.load", "marshal.loads", "shelve.open", "yaml.load",
        "yaml.unsafe_load", "dill.loads", "torch.load", "subprocess.run", "subprocess.call",
        "subprocess.Popen", "subprocess.check_output", "subprocess.check_call",
    }
)  # fmt: skip
FORBIDDEN_MODULES = frozenset({"subprocess", "pickle", "marshal", "shelve", "dill", "pty"})


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(SOURCE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _calls(tree: ast.Module) -> Iterator[ast.Call]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def test_the_package_never_runs_a_shell_evaluates_or_unpickles() -> None:
    found = []
    for path, tree in _modules():
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names]
                module = node.module if isinstance(node, ast.ImportFrom) else None
                for name in [module or "", *names]:
                    if name.split(".")[0] in FORBIDDEN_MODULES:
                        found.append(f"{where}:{node.lineno} imports {name}")
        for call in _calls(tree):
            name = _dotted(call.func)
            if name in FORBIDDEN_CALLS:
                found.append(f"{where}:{call.lineno} calls {name}")
            for keyword in call.keywords:
                constant = isinstance(keyword.value, ast.Constant) and keyword.value.value
                if keyword.arg in ("shell", "allow_pickle") and constant is True:
                    found.append(f"{where}:{call.lineno} passes {keyword.arg}=True to {name}")
    assert found == []
    assert len(list(_modules())) > 50  # the scan really saw the package


def test_every_template_environment_escapes() -> None:
    environments = [
        (path, call)
        for path, tree in _modules()
        for call in _calls(tree)
        if _dotted(call.func).split(".")[-1] == "Environment"
    ]
    assert environments, "no Jinja2 environment found: has the report moved?"
    for path, call in environments:
        autoescape = [k.value for k in call.keywords if k.arg == "autoescape"]
        assert autoescape, f"{path}:{call.lineno} does not set autoescape"
        assert not (isinstance(autoescape[0], ast.Constant) and not autoescape[0].value)


def test_feedparser_is_only_ever_given_a_stream() -> None:
    """Given bytes or a string, feedparser takes them for a file name or URL and opens it."""
    calls = [
        (path, call)
        for path, tree in _modules()
        for call in _calls(tree)
        if _dotted(call.func) == "feedparser.parse"
    ]
    assert calls
    for path, call in calls:
        argument = call.args[0]
        assert isinstance(argument, ast.Call) and _dotted(argument.func) == "io.BytesIO", (
            f"{path}:{call.lineno}"
        )


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7731\n")
    return secret


def test_a_feed_cannot_pull_in_a_local_file_through_an_external_entity(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>T &x;</title><item><title>A &x;</title>'
        f"<description>{prose('xxe')} &x;</description></item></channel></rss>"
    )

    items = read("in.rss", feed.encode())

    assert items and "TOPSECRET" not in repr(items)


def test_a_page_cannot_pull_in_a_local_file_through_an_external_entity(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    page = (
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body><article>'
        f"<p>{prose('xxe')} &x;</p><p>{prose('more')}</p></article></body></html>"
    )
    raw = RawDocument(source_key="k", kind="html", content_type="html", content=page)

    [article] = CleanStage().process([raw])

    assert isinstance(article, Article)
    assert "TOPSECRET" not in repr(article)


def test_nested_entities_cannot_blow_up_a_feed() -> None:
    """The "billion laughs": ten levels of ten references would be 10^9 copies."""
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{levels}]>'
        '<rss version="2.0"><channel><title>T</title><item><title>A</title>'
        "<description>Body &l9; end</description></item></channel></rss>"
    )

    started = time.process_time()
    items = read("in.rss", feed.encode())

    assert time.process_time() - started < 20
    assert all(len(getattr(item, "content", "")) < 10_000 for item in items)


HOSTILE = ["../../escaped", "/tmp/storyline-escaped", "..", "a/../../b", "~/x", "C:\\x", "\x00"]


def test_hostile_ids_story_keys_and_titles_never_write_outside_out(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    records = [
        {"id": value, "story": value, "title": value, "source": value, "url": None,
         "text": f"{prose(f'hostile{n}')} {value}"}
        for n, value in enumerate(HOSTILE)
    ]  # fmt: skip
    (work / "in.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    escaped = Path("/tmp/storyline-escaped")
    assert not escaped.exists()

    result = run_storyline(
        "run", "in.jsonl", "--given-stories", "--db", "s.db", "--out", "out", cwd=work
    )

    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (work / "out").iterdir()) == [
        "report.html",
        "report.md",
        "stories.json",
    ]
    written = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")}
    assert {name for name in written if not name.startswith(("work/s.db", "work/out"))} == {
        "work",
        "work/in.jsonl",
    }
    assert not escaped.exists()
    stories = json.loads((work / "out" / "stories.json").read_text())["stories"]
    assert len(stories) == len(HOSTILE)


@contextmanager
def _trickling_server(seconds: float) -> Iterator[str]:
    """A server that answers at once, then sends a few bytes every 50 ms for `seconds`:
    never silent long enough for the read timeout, so only a limit on the whole response
    can stop it."""
    listener = socket.create_server(("127.0.0.1", 0))
    done = threading.Event()

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>")
            ends = time.monotonic() + seconds
            while time.monotonic() < ends and not done.is_set():
                try:
                    connection.sendall(b"news ")
                except OSError:
                    return  # the client gave up and closed the connection
                time.sleep(0.05)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    finally:
        done.set()
        listener.close()
        thread.join(timeout=5)


def test_a_response_that_trickles_in_is_cut_off_at_the_total_time_limit() -> None:
    policy = FetchPolicy(
        allow_private=True, per_host_interval=0.0, read_timeout=1.0, total_timeout=0.6,
        retries=0, respect_robots=False,
    )  # fmt: skip
    with _trickling_server(seconds=10) as url, WebFetcher(policy) as fetch:
        started = time.monotonic()
        result = fetch(url)
        took = time.monotonic() - started

    assert isinstance(result, Dropped)
    assert (result.reason, result.detail) == ("fetch failed", "timed out after 0.6 s")
    assert took < 3  # not the 10 s the server would have gone on for
