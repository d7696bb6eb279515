"""End-to-end throughput of `storyline run`, per stage, on Multi-News validation documents.

    .venv/bin/python -m benchmarks.pipeline_throughput --articles 2000 --repeat 3

Writes the JSONL input to a temporary folder, runs the real command in a subprocess (fresh
store each time) with `--stats-json`, and prints the median seconds and items per second of
each stage, with peak memory (max RSS of the child process).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.shared_data import multinews_documents


def run_once(
    corpus: Path, work: Path, extra: list[str]
) -> tuple[float, dict[str, dict[str, float]]]:
    db = work / "bench.db"
    for stale in work.glob("bench.db*"):
        stale.unlink()
    stats = work / "stats.json"
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "storyline",
            "run",
            str(corpus),
            "--db",
            str(db),
            "--out",
            str(work / "out"),
            "--stats-json",
            str(stats),
            *extra,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    rows = json.loads(stats.read_text())["stages"]
    return wall, {row["stage"]: row for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--given-stories", action="store_true")
    args = parser.parse_args()
    records = multinews_documents(args.articles)
    extra = ["--given-stories"] if args.given_stories else []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "articles.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
        runs = [run_once(corpus, work, extra) for _ in range(args.repeat)]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    walls = [wall for wall, _ in runs]
    print(f"{len(records)} Multi-News validation articles, {args.repeat} runs, median shown")
    print(
        f"end to end: {statistics.median(walls):.2f} s wall "
        f"({len(records) / statistics.median(walls):.1f} articles/s, process start included)"
    )
    print(f"peak memory (max RSS of a run): {peak_mb:.0f} MB")
    print(f"{'stage':<12}{'in':>7}{'out':>7}{'seconds':>10}{'items/s':>10}  dropped")
    for name in runs[0][1]:
        seconds = statistics.median(r[1][name]["seconds"] for r in runs)
        row = runs[0][1][name]
        rate = row["in"] / seconds if seconds else float("inf")
        dropped = row["dropped"] or "-"
        print(f"{name:<12}{row['in']:>7}{row['out']:>7}{seconds:>10.2f}{rate:>10.0f}  {dropped}")


if __name__ == "__main__":
    main()
