"""`storyline run` with the local runner and on Dask with 1 and 2 workers: speed and parity.

    .venv/bin/python -m benchmarks.dask_scaling --articles 1000 --repeat 3

The same Multi-News validation documents, written once as JSONL, go through the real command
in a subprocess (fresh store each time) with `--runner local`, then `--runner dask --workers
N`; the configurations take turns so that load from other processes falls on all of them.
Reports end-to-end wall time (process and cluster start included), articles per second, the
ratio to the local runner, the CPU seconds of the whole process tree (a cost that other load
on a shared machine does not inflate, unlike wall time), and for each Dask configuration the
lowest B-cubed agreement of its stories with the local runner's of the same round, and in
how many rounds stories and briefs were identical (a round that differs says where).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.shared_data import multinews_documents

Stories = list[dict[str, Any]]


@dataclass
class Measured:
    walls: list[float]
    cpus: list[float]
    stories: list[Stories]
    """The stories of each round: parity is judged round by round, so that an edit to the
    code between two rounds (an editable install) cannot pass for a runner's fault."""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(corpus: Path, work: Path, runner: list[str]) -> tuple[float, float, Stories]:
    """Wall seconds, CPU seconds of the whole process tree (Dask's worker processes are
    children of the command, reaped by it) and the stories written."""
    for stale in work.glob("bench.db*"):
        stale.unlink()
    command = [sys.executable, "-m", "storyline", "run", str(corpus)]
    places = ["--db", str(work / "bench.db"), "--out", str(work / "out")]
    cpu_before = children_cpu()
    started = time.perf_counter()
    subprocess.run([*command, *places, *runner], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    stories: Stories = json.loads((work / "out" / "stories.json").read_text())["stories"]
    return wall, children_cpu() - cpu_before, stories


def memberships(stories: Stories) -> dict[str, int]:
    return {a["id"]: n for n, story in enumerate(stories) for a in story["articles"]}


def bcubed_agreement(left: dict[str, int], right: dict[str, int]) -> float:
    """B-cubed F1 of one grouping against the other."""
    members: dict[tuple[str, int], set[str]] = {}
    for side, grouping in (("l", left), ("r", right)):
        for item, story in grouping.items():
            members.setdefault((side, story), set()).add(item)

    def precision(a: dict[str, int], b: dict[str, int], sa: str, sb: str) -> float:
        shared = (len(members[sa, a[i]] & members[sb, b[i]]) / len(members[sa, a[i]]) for i in a)
        return sum(shared) / len(a)

    p, r = precision(left, right, "l", "r"), precision(right, left, "r", "l")
    return 2 * p * r / (p + r) if p + r else 0.0


def difference(left: Stories, right: Stories) -> str | None:
    """None when the two story lists are identical, else where they first differ."""
    if len(left) != len(right):
        return f"no: {len(left)} vs {len(right)} stories"
    for mine, theirs in zip(left, right, strict=True):
        keys = mine.keys() | theirs.keys()
        fields = sorted(key for key in keys if mine.get(key) != theirs.get(key))
        if fields:
            return f"no: story {mine['id']} differs in {', '.join(fields)}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", default="1,2", help="comma-separated Dask worker counts")
    args = parser.parse_args()
    records = multinews_documents(args.articles)
    configs = {"local": ["--runner", "local"]}
    for count in args.workers.split(","):
        configs[f"dask x{count}"] = ["--runner", "dask", "--workers", count]
    measured = {name: Measured([], [], []) for name in configs}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "articles.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
        for _ in range(args.repeat):
            for name, runner in configs.items():
                wall, cpu, stories = run_once(corpus, work, runner)
                measured[name].walls.append(wall)
                measured[name].cpus.append(cpu)
                measured[name].stories.append(stories)
    print(
        f"{len(records)} Multi-News validation articles as JSONL, {args.repeat} runs each, "
        f"medians; {os.cpu_count()} cores, load average {load_before:.1f} before and "
        f"{os.getloadavg()[0]:.1f} after"
    )
    print(
        f"{'runner':<10}{'wall s':>8}{'articles/s':>12}{'vs local':>10}{'CPU s':>8}"
        f"{'art/CPU-s':>11}{'B-cubed':>9}  identical rounds"
    )
    local = measured["local"]
    for name, result in measured.items():
        wall, cpu = statistics.median(result.walls), statistics.median(result.cpus)
        rounds = list(zip(local.stories, result.stories, strict=True))
        agreement = min(bcubed_agreement(memberships(a), memberships(b)) for a, b in rounds)
        differences = [difference(a, b) for a, b in rounds]
        same = f"{differences.count(None)}/{len(rounds)}"
        print(
            f"{name:<10}{wall:>8.1f}{len(records) / wall:>12.1f}"
            f"{statistics.median(local.walls) / wall:>10.2f}{cpu:>8.1f}"
            f"{len(records) / cpu:>11.1f}{agreement:>9.3f}  {same}"
        )
        for number, problem in enumerate(differences, start=1):
            if problem is not None:
                print(f"  round {number}: {problem}")
    for name, result in measured.items():
        print(f"  {name}: wall {[round(w, 1) for w in result.walls]}")


if __name__ == "__main__":
    main()
