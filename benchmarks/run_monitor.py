"""Runs one `storyline run` in a subprocess and watches it: memory, CPU and stage progress.

The throughput harnesses (`pipeline_throughput.py`, `warc_throughput.py`) share this.

- Memory: the RSS of the command's whole process tree (the command and every descendant, so
  a process pool or Dask workers count) is sampled twice a second with psutil; the peak of
  the sum is reported with the peak of the main process alone. Summed RSS counts pages that
  forked children share with their parent once per process, so it is an upper bound; the
  summed PSS (shared pages divided among their sharers: what the tree really uses) is
  sampled every few seconds too, as it costs more to read.
- Progress: the command's stderr is a pseudo-terminal, so it draws its normal progress bars;
  they are parsed (stage name, done/total, the bar's own elapsed time) and printed every
  `every` seconds with the memory figures. A run stopped at its time limit (or by Ctrl-C)
  still reports how far each stage got and at what rate, and the RSS at that point.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import resource
import signal
import struct
import subprocess
import termios
import threading
import time
from dataclasses import dataclass, field

import psutil  # type: ignore[import-untyped]  # installed with the dask extra

_SAMPLE_SECONDS = 0.5
_PSS_EVERY = 4
"""Samples between two PSS readings (reading /proc/<pid>/smaps_rollup costs more)."""
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]")
# A rich progress line: spinner, description, bar, "done/total" (or "done/?"), h:mm:ss.
_BAR = re.compile(r"([a-z][a-z-]*)\s.*?(\d+)/(\d+|\?)\s+(\d+):(\d\d):(\d\d)")


@dataclass
class StageProgress:
    done: int
    total: int | None
    seconds: int
    """The bar's own elapsed time: from the stage's start to now, or to its end."""

    def rate(self) -> float | None:
        return self.done / self.seconds if self.seconds else None


@dataclass
class Observed:
    wall: float
    cpu: float
    """CPU seconds of the process tree (user + system)."""
    peak_tree_mb: float
    peak_tree_pss_mb: float
    peak_main_mb: float
    peak_processes: int
    finished: bool
    progress: dict[str, StageProgress] = field(default_factory=dict)


class _ProgressReader:
    """Drains the pseudo-terminal (the command would block on a full one) and keeps the
    latest state of every progress bar seen."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.stages: dict[str, StageProgress] = {}
        self.other_lines: list[str] = []
        self._lock = threading.Lock()

    def drain(self) -> None:
        pending = ""
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO once the command and its children have closed the pty
                break
            if not chunk:
                break
            pending += _ANSI.sub("", chunk.decode("utf-8", "replace"))
            *lines, pending = re.split(r"[\r\n]", pending)
            for line in lines:
                self._parse(line)

    def _parse(self, line: str) -> None:
        match = _BAR.search(line)
        if match is None:
            if line.strip() and "━" not in line:
                self.other_lines.append(line.strip())
            return
        name, done, total, hours, minutes, seconds = match.groups()
        elapsed = int(hours) * 3600 + int(minutes) * 60 + int(seconds)
        state = StageProgress(int(done), None if total == "?" else int(total), elapsed)
        with self._lock:
            self.stages[name] = state

    def snapshot(self) -> dict[str, StageProgress]:
        with self._lock:
            return dict(self.stages)


def _tree(main: psutil.Process) -> list[psutil.Process]:
    try:
        return [main, *main.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _rss_mb(process: psutil.Process) -> float:
    try:
        return float(process.memory_info().rss) / 2**20
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0.0


def _pss_mb(process: psutil.Process) -> float:
    try:
        return float(process.memory_full_info().pss) / 2**20
    except (psutil.NoSuchProcess, psutil.AccessDenied, AttributeError):
        return 0.0


def _tree_cpu(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        # children_* covers descendants already reaped, e.g. finished pool workers.
        total += times.user + times.system + times.children_user + times.children_system
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def describe(progress: dict[str, StageProgress]) -> str:
    parts = []
    for name, state in progress.items():
        total = "?" if state.total is None else str(state.total)
        rate = state.rate()
        per_second = f" {rate:.1f}/s" if rate is not None else ""
        parts.append(f"{name} {state.done}/{total} in {state.seconds}s{per_second}")
    return "; ".join(parts) or "no progress bar yet"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def watch(command: list[str], time_limit: float | None, every: float) -> Observed:
    """Run `command` to its end, or until `time_limit` seconds, printing progress lines."""
    # A background job starts with SIGINT ignored: `kill -INT` or `kill` (SIGTERM) must still
    # stop the run the way the time limit does, with the partial figures printed.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    master, terminal = pty.openpty()
    # A wide terminal keeps each bar on one line, so the parser sees it whole.
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    env = os.environ | {"TERM": "xterm", "COLUMNS": "200"}
    cpu_before = _children_cpu()
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        env=env,
        start_new_session=True,  # its own process group, so a stop reaches its workers too
    )
    os.close(terminal)
    reader = _ProgressReader(master)
    draining = threading.Thread(target=reader.drain, daemon=True)
    draining.start()
    main = psutil.Process(child.pid)
    peak_tree = peak_main = peak_pss = pss = 0.0
    samples = 0
    peak_processes = 0
    last_cpu = 0.0
    next_print = started + every
    finished = True
    try:
        while child.poll() is None:
            processes = _tree(main)
            sizes = [_rss_mb(p) for p in processes]
            if sizes:
                peak_tree = max(peak_tree, sum(sizes))
                peak_main = max(peak_main, sizes[0])
                peak_processes = max(peak_processes, len(processes))
                last_cpu = max(last_cpu, _tree_cpu(processes))
                if samples % _PSS_EVERY == 0:
                    pss = sum(_pss_mb(p) for p in processes)
                    peak_pss = max(peak_pss, pss)
            samples += 1
            now = time.perf_counter()
            if time_limit is not None and now - started > time_limit:
                finished = False
                break
            if now >= next_print:
                next_print += every
                print(
                    f"[{now - started:7.0f} s] PSS {pss:6.0f} MB, RSS {sum(sizes):6.0f} MB tree "
                    f"(main {sizes[0] if sizes else 0:.0f} MB, {len(processes)} processes), "
                    f"CPU {last_cpu:.0f} s; {describe(reader.snapshot())}",
                    flush=True,
                )
            time.sleep(_SAMPLE_SECONDS)
    except KeyboardInterrupt:
        finished = False
    if not finished:
        os.killpg(child.pid, signal.SIGTERM)
    child.wait()
    wall = time.perf_counter() - started
    draining.join(timeout=5)
    os.close(master)
    # A finished run's CPU is exact from the kernel (reaped descendants included); a stopped
    # one keeps the last sample, since its workers may not have been reaped through it.
    cpu = _children_cpu() - cpu_before if finished else last_cpu
    if finished and child.returncode != 0:
        tail = "\n".join(reader.other_lines[-20:])
        raise RuntimeError(f"storyline run exited with {child.returncode}:\n{tail}")
    return Observed(
        wall, cpu, peak_tree, peak_pss, peak_main, peak_processes, finished, reader.snapshot()
    )
