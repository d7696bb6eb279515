"""Input resolution: paths, directories, globs, URLs and the ways an input can fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.ingest import InputSource, resolve_inputs
from storyline.model import Dropped

from .builders import read_all, write

ARTICLE = "Rescuers reached the flooded villages on Tuesday.\n"


def test_directory_is_walked_recursively_in_name_order_skipping_hidden(tmp_path: Path) -> None:
    write(tmp_path / "news" / "b.txt", ARTICLE)
    write(tmp_path / "news" / "a.txt", ARTICLE)
    write(tmp_path / "news" / "sub" / "deeper" / "c.md", ARTICLE)
    write(tmp_path / "news" / "z.txt", ARTICLE)
    write(tmp_path / "news" / ".hidden.txt", ARTICLE)
    write(tmp_path / "news" / ".git" / "config.txt", ARTICLE)

    documents, dropped = read_all([tmp_path / "news"])

    names = [Path(document.path or "").relative_to(tmp_path).as_posix() for document in documents]
    assert names == ["news/a.txt", "news/b.txt", "news/sub/deeper/c.md", "news/z.txt"]
    assert dropped == []


def test_file_in_directory_is_named_by_the_directory_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "corpus" / "day1" / "a.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)

    documents, _ = read_all(["./corpus/"])

    assert [document.path for document in documents] == ["./corpus/day1/a.txt"]


def test_glob_patterns_expand_recursively_and_sorted(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "notes.md", ARTICLE)
    write(tmp_path / "sub" / "c.txt", ARTICLE)

    top_level, _ = read_all([tmp_path / "*.txt"])
    everywhere, _ = read_all([tmp_path / "**" / "*.txt"])

    assert [Path(d.path or "").name for d in top_level] == ["a.txt", "b.txt"]
    assert [Path(d.path or "").name for d in everywhere] == ["a.txt", "b.txt", "c.txt"]


def test_a_file_whose_name_looks_like_a_pattern_is_read_as_named(tmp_path: Path) -> None:
    write(tmp_path / "report[1].txt", ARTICLE)

    documents, dropped = read_all([tmp_path / "report[1].txt"])

    assert len(documents) == 1
    assert dropped == []


def test_pattern_matching_nothing_is_dropped(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.txt")

    documents, dropped = read_all([pattern])

    assert documents == []
    assert dropped == [Dropped("no file matches", pattern, "the pattern matched nothing")]


def test_missing_path_is_dropped_with_the_name_as_given(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")

    _, dropped = read_all([missing])

    assert [(d.reason, d.subject) for d in dropped] == [("no such file", missing)]


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)

    # A loopback URL is refused before any connection, so the test stays off the network.
    documents, dropped = read_all([tmp_path / "missing.txt", good, "http://127.0.0.1:9/x"])

    assert [d.path for d in documents] == [str(good)]
    assert [d.reason for d in dropped] == ["no such file", "private address refused"]


def test_symlink_loop_does_not_hang_and_each_file_is_read_once(tmp_path: Path) -> None:
    write(tmp_path / "top" / "a.txt", ARTICLE)
    write(tmp_path / "top" / "inner" / "b.txt", ARTICLE)
    (tmp_path / "top" / "inner" / "back-to-top").symlink_to(tmp_path / "top")
    (tmp_path / "top" / "loop").symlink_to(tmp_path / "top" / "loop")

    documents, dropped = read_all([tmp_path / "top"])

    assert sorted(Path(d.path or "").name for d in documents) == ["a.txt", "b.txt"]
    # The link back to an ancestor and the self-referencing link (which cannot be resolved)
    # are both reported, not followed forever.
    assert [(d.reason, Path(d.subject).name) for d in dropped] == [
        ("symbolic link loop", "back-to-top"),
        ("unreadable", "loop"),
    ]


def test_symlinked_directory_is_followed(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "a.txt", ARTICLE)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "linked").symlink_to(tmp_path / "elsewhere")

    documents, _ = read_all([tmp_path / "corpus"])

    assert [d.path for d in documents] == [str(tmp_path / "corpus" / "linked" / "a.txt")]


def test_broken_symlink_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "gone.txt").symlink_to(tmp_path / "missing.txt")

    _, dropped = read_all([tmp_path / "corpus"])

    assert [(d.reason, d.detail) for d in dropped] == [("no such file", "broken symbolic link")]


def test_the_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", ARTICLE)

    documents, _ = read_all([article, tmp_path, tmp_path / "*.txt"])

    assert len(documents) == 1


def test_empty_file_is_dropped(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", b"")

    documents, dropped = read_all([empty])

    assert documents == []
    assert dropped == [Dropped("empty file", str(empty))]


def test_file_over_the_size_limit_is_dropped_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = write(tmp_path / "big.txt", "x" * 2000)
    opened: list[Path] = []
    real_open = Path.open

    def spy_open(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy_open)

    documents, dropped = read_all([big], max_bytes=1000)

    assert documents == []
    assert dropped == [Dropped("too large", str(big), "2000 bytes > limit 1000")]
    assert opened == []


def test_file_within_the_size_limit_is_read(tmp_path: Path) -> None:
    small = write(tmp_path / "small.txt", "x" * 1000)

    documents, dropped = read_all([small], max_bytes=1000)

    assert len(documents) == 1
    assert dropped == []


def test_unreadable_file_is_dropped_with_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated, because file modes do not stop root (tests may run as root in containers).
    secret = write(tmp_path / "secret.txt", ARTICLE)

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)

    _, dropped = read_all([secret])

    assert [(d.reason, d.subject) for d in dropped] == [("unreadable", str(secret))]
    assert "Permission denied" in dropped[0].detail


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_unreadable_directory_is_dropped(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    write(locked / "a.txt", ARTICLE)
    locked.chmod(0)
    try:
        _, dropped = read_all([locked])
    finally:
        locked.chmod(0o755)

    assert [(d.reason, d.subject) for d in dropped] == [("unreadable", str(locked))]


def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    _, dropped = read_all([fifo])

    assert dropped == [Dropped("not a regular file", str(fifo))]


@pytest.mark.parametrize("url", ["https://example.com/news/1", "HTTP://example.com/feed.rss"])
def test_url_inputs_are_refused_without_a_fetcher(url: str) -> None:
    dropped = list(resolve_inputs([url]))

    assert [(d.reason, d.subject) for d in dropped if isinstance(d, Dropped)] == [
        ("URL inputs are not yet available", url)
    ]


def test_url_fetcher_hook_receives_urls() -> None:
    fetched: list[str] = []

    def fetch(url: str) -> InputSource:
        fetched.append(url)
        return InputSource(name=url, path=None, url=url, data=b"<html></html>")

    sources = list(resolve_inputs(["https://example.com/a"], fetch_url=fetch))

    assert fetched == ["https://example.com/a"]
    assert sources == [
        InputSource("https://example.com/a", None, "https://example.com/a", b"<html></html>")
    ]


def test_resolved_source_holds_the_bytes_and_the_path(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", ARTICLE)

    (source,) = resolve_inputs([str(article)])

    assert source == InputSource(str(article), article, None, ARTICLE.encode())


def test_readme_named_explicitly_is_read(tmp_path: Path) -> None:
    readme = write(tmp_path / "README.md", "# Notes\n\nSome text.\n")

    documents, dropped = read_all([readme])

    assert [d.path for d in documents] == [str(readme)]
    assert dropped == []
