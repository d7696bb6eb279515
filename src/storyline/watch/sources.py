"""What a watch polls: a folder (files new or changed since the last look) or a feeds file.

A folder is compared by each file's size and modification time, so an unchanged corpus
costs one directory walk per round, not a re-read. A feeds file is re-read every round,
so feeds added to it or commented out take effect without a restart; every feed in it is
polled each round (URLs conditionally, through the fetch cache beside the store).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


class WatchTargetError(ValueError):
    """The thing to watch is neither a folder nor a readable feeds file."""


def parse_interval(text: str) -> float:
    """Seconds in `10m`, `30s`, `1.5h`, `1d` or a bare number of seconds."""
    match = _INTERVAL.match(text)
    if match is None or float(match.group(1)) <= 0:
        raise ValueError(f"invalid interval {text!r}: give e.g. 30s, 10m, 1h")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]


@dataclass
class FolderSource:
    """Files under a folder (recursively, hidden entries skipped, as `run` reads a folder)."""

    folder: str
    _seen: dict[str, tuple[int, int]] = field(default_factory=dict)

    def changed_inputs(self) -> list[str]:
        """Files new or changed since the last call; the first call gives every file.

        A file that fails to read is not retried until it changes again (a file caught
        half-written changes again when its writer finishes), so it is reported once.
        """
        now: dict[str, tuple[int, int]] = {}
        for top, directories, files in os.walk(self.folder, followlinks=False):
            directories[:] = sorted(d for d in directories if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                # The same spelling as `run DIR` gives each file, so stored paths match.
                path = os.path.join(top, name)  # noqa: PTH118
                try:
                    info = Path(path).stat()
                except OSError:
                    continue  # gone since the walk listed it; the next round sees the truth
                now[path] = (info.st_mtime_ns, info.st_size)
        changed = [path for path, stamp in now.items() if self._seen.get(path) != stamp]
        self._seen = now
        return changed


@dataclass
class FeedsFileSource:
    """One feed URL or path per line; `#` starts a comment. Relative paths are taken from
    the feeds file's folder, so the file works from any working directory."""

    feeds_file: Path

    def changed_inputs(self) -> list[str]:
        try:
            lines = self.feeds_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise WatchTargetError(f"cannot read feeds file {self.feeds_file}: {error}") from error
        inputs: list[str] = []
        for line in lines:
            entry = line.split("#", 1)[0].strip() if not _is_url(line) else _url_part(line)
            if not entry:
                continue
            if _is_url(entry) or Path(entry).is_absolute():
                inputs.append(entry)
            else:
                inputs.append(os.fspath(self.feeds_file.parent / entry))
        return inputs


def _is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def _url_part(line: str) -> str:
    # A `#` inside a URL is its fragment; only ` #` (after a space) starts a comment.
    return re.split(r"\s+#", line.strip(), maxsplit=1)[0].strip()


def watch_source(target: str) -> FolderSource | FeedsFileSource:
    path = Path(target)
    if path.is_dir():
        return FolderSource(target)
    if path.is_file():
        return FeedsFileSource(path)
    raise WatchTargetError(f"no folder or feeds file at {target}")
