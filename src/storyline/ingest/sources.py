"""Turn what the user typed (paths, directories, globs, URLs) into bytes to read.

Resolution is separate from parsing so that every input kind reaches the readers the same
way: a file on disk and a page fetched from a URL both become an `InputSource` holding the
bytes, and the reader chosen for it never touches the file system or the network.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.model import Dropped

DEFAULT_MAX_BYTES = 100 * 1024 * 1024

_GLOB_CHARACTERS = frozenset("*?[")

UrlFetcher = Callable[[str], "InputSource | Dropped"]
"""Fetches one URL into an `InputSource` (with `url` set), or says why it could not."""


@dataclass(frozen=True, slots=True)
class InputSource:
    """The bytes of one input, and where they came from.

    `name` is how reports refer to the input: the path as the user gave it (for a file found
    inside a given directory, the directory as given joined with the file's relative path),
    or the URL. Exactly one of `path` and `url` is set. `media_type` is the Content-Type a
    server announced, when there was one; readers may use it to tell a feed from a page.
    """

    name: str
    path: Path | None
    url: str | None
    data: bytes = field(repr=False)
    media_type: str | None = None


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def resolve_inputs(
    inputs: Sequence[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    fetch_url: UrlFetcher | None = None,
) -> Iterator[InputSource | Dropped]:
    """Yield the bytes of every input, or a `Dropped` saying why an input gives none.

    Directories are walked recursively in sorted order, skipping hidden entries; glob
    patterns are expanded; the same file
    named twice (or reached twice through symbolic links) is read once. URLs go to
    `fetch_url`; without one they are refused.
    """
    seen_files: set[tuple[int, int]] = set()
    for given in inputs:
        if is_url(given):
            if fetch_url is None:
                yield Dropped(
                    "URL inputs are not yet available", given, "fetching URLs is not implemented"
                )
            else:
                yield fetch_url(given)
            continue
        for name in _expand_glob(given):
            if name is None:
                yield Dropped("no file matches", given, "the pattern matched nothing")
                continue
            yield from _resolve_path(name, max_bytes, seen_files)


def _expand_glob(given: str) -> Iterator[str | None]:
    """The paths a pattern names, or the input itself; None when a pattern matches nothing.

    A path that exists as typed wins over its reading as a pattern, so that a file really
    called `report[1].txt` can still be named.
    """
    if not _GLOB_CHARACTERS.intersection(given) or os.path.lexists(given):
        yield given
        return
    # Not Path.glob: it refuses absolute patterns, and users type those.
    matches = sorted(glob.glob(given, recursive=True))  # noqa: PTH207
    if not matches:
        yield None
    yield from matches


def _resolve_path(
    name: str, max_bytes: int, seen_files: set[tuple[int, int]]
) -> Iterator[InputSource | Dropped]:
    try:
        info = Path(name).stat()
    except FileNotFoundError:
        detail = "broken symbolic link" if Path(name).is_symlink() else ""
        yield Dropped("no such file", name, detail)
        return
    except OSError as err:
        yield Dropped("unreadable", name, str(err))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk_directory(name, max_bytes, seen_files)
    else:
        yield from _read_file(name, info, max_bytes, seen_files)


def _walk_directory(
    top: str, max_bytes: int, seen_files: set[tuple[int, int]]
) -> Iterator[InputSource | Dropped]:
    """Every file under `top`, depth first in name order, following directory links once.

    Directories are remembered by device and inode, so two links to the same directory are
    entered once, and a link back to an ancestor (a loop) is reported and not entered.
    An explicit stack rather than recursion keeps very deep trees from hitting the limit.
    """
    seen_dirs: set[tuple[int, int]] = set()
    pending: list[Iterator[str]] = [iter([top])]
    # The directory whose entries each `pending` iterator yields: the current ancestors.
    ancestors: list[tuple[int, int] | None] = [None]
    while pending:
        name = next(pending[-1], None)
        if name is None:
            pending.pop()
            ancestors.pop()
            continue
        try:
            info = Path(name).stat()
        except FileNotFoundError:
            yield Dropped("no such file", name, "broken symbolic link")
            continue
        except OSError as err:
            yield Dropped("unreadable", name, str(err))
            continue
        if not stat.S_ISDIR(info.st_mode):
            yield from _read_file(name, info, max_bytes, seen_files)
            continue
        directory = (info.st_dev, info.st_ino)
        if directory in ancestors:
            yield Dropped("symbolic link loop", name, "it leads back to a directory being read")
            continue
        if directory in seen_dirs:
            continue
        seen_dirs.add(directory)
        try:
            entries = sorted(
                child.name for child in Path(name).iterdir() if not child.name.startswith(".")
            )
        except OSError as err:
            yield Dropped("unreadable", name, str(err))
            continue
        # os.path keeps the directory as typed ("./news/a.txt"); pathlib would drop the "./".
        children = [os.path.join(name, entry) for entry in entries]  # noqa: PTH118
        pending.append(iter(children))
        ancestors.append(directory)


def _read_file(
    name: str, info: os.stat_result, max_bytes: int, seen_files: set[tuple[int, int]]
) -> Iterator[InputSource | Dropped]:
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO or a device would block or never end.
        yield Dropped("not a regular file", name)
        return
    if (info.st_dev, info.st_ino) in seen_files:
        return
    seen_files.add((info.st_dev, info.st_ino))
    if info.st_size > max_bytes:
        yield Dropped("too large", name, f"{info.st_size} bytes > limit {max_bytes}")
        return
    try:
        with Path(name).open("rb") as handle:
            # One byte over the limit tells a file that grew since `stat` from one that fits.
            data = handle.read(max_bytes + 1)
    except OSError as err:
        yield Dropped("unreadable", name, str(err))
        return
    if len(data) > max_bytes:
        yield Dropped("too large", name, f"more than {max_bytes} bytes (limit)")
    elif not data:
        yield Dropped("empty file", name)
    else:
        yield InputSource(name=name, path=Path(name), url=None, data=data)
