"""Load on `storyline serve`: many concurrent clients on loopback against story pages.

    .venv/bin/python -m benchmarks.web_load --clients 50 --seconds 30

Builds an invented store of `--articles` articles (see benchmarks/web_corpus.py), starts the
real `storyline serve` in a subprocess on a free 127.0.0.1 port, and loads it with
`--clients` concurrent keep-alive connections for `--seconds`, each requesting the story
page of the largest story back to back (with --mix: every story's page in turn). The load
comes from `wrk` when it is installed (Debian's `wrk`; a C client that leaves the CPU to the
server), else from httpx async clients (`--tool httpx`). Prints requests per second, latency
percentiles, errors (failed requests and non-200 answers), and the server's own CPU seconds,
so that requests per server CPU-second can be compared across a busy and an idle machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from benchmarks.web_corpus import build_store
from benchmarks.web_wrk import run_wrk, wrk_path

HOST = "127.0.0.1"  # loopback only, by design: this benchmark never targets another host


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    bytes: int = 0

    def error(self, reason: str) -> None:
        self.errors[reason] = self.errors.get(reason, 0) + 1


@dataclass
class Figures:
    tool: str
    clients: int
    seconds: float
    requests: int
    errors: int
    error_reasons: dict[str, int]
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_page_kb: float
    server_cpu_seconds: float = 0.0
    requests_per_server_cpu_second: float = 0.0
    load_average_before: float = 0.0


async def client(
    http: httpx.AsyncClient, paths: list[str], offset: int, stop_at: float, tally: Tally
) -> None:
    turn = offset
    while time.monotonic() < stop_at:
        path = paths[turn % len(paths)]
        turn += 1
        started = time.perf_counter()
        try:
            response = await http.get(path)
        except httpx.HTTPError as error:
            tally.error(type(error).__name__)
            continue
        tally.latencies.append(time.perf_counter() - started)
        tally.bytes += len(response.content)
        if response.status_code != 200:
            tally.error(f"HTTP {response.status_code}")


async def load(base_url: str, paths: list[str], clients: int, seconds: float) -> Figures:
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as http:
        started = time.monotonic()
        stop_at = started + seconds
        await asyncio.gather(*(client(http, paths, n, stop_at, tally) for n in range(clients)))
        elapsed = time.monotonic() - started
    ordered = sorted(tally.latencies) or [0.0]

    def percentile(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)

    answered = len(tally.latencies)
    return Figures(
        tool="httpx",
        clients=clients,
        seconds=round(elapsed, 1),
        requests=answered,
        errors=sum(tally.errors.values()),
        error_reasons=tally.errors,
        requests_per_second=round(answered / elapsed, 1),
        p50_ms=round(statistics.median(ordered) * 1000, 1),
        p90_ms=percentile(0.90),
        p99_ms=percentile(0.99),
        max_ms=round(ordered[-1] * 1000, 1),
        mean_page_kb=round(tally.bytes / max(answered, 1) / 1024, 1),
    )


def load_with_wrk(base_url: str, paths: list[str], clients: int, seconds: float) -> Figures:
    summary = run_wrk(base_url, paths, clients, seconds)
    elapsed = summary["duration_us"] / 1e6
    kinds = ("connect", "read", "write", "status", "timeout")
    reasons = {kind: summary[kind] for kind in kinds if summary[kind]}
    return Figures(
        tool="wrk",
        clients=clients,
        seconds=round(elapsed, 1),
        requests=summary["requests"],
        errors=sum(reasons.values()),
        error_reasons=reasons,
        requests_per_second=round(summary["requests"] / elapsed, 1),
        p50_ms=round(summary["p50_us"] / 1000, 1),
        p90_ms=round(summary["p90_us"] / 1000, 1),
        p99_ms=round(summary["p99_us"] / 1000, 1),
        max_ms=round(summary["max_us"] / 1000, 1),
        mean_page_kb=round(summary["bytes"] / max(summary["requests"], 1) / 1024, 1),
    )


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of a live process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(base_url: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("storyline serve exited before answering")
        try:
            if httpx.get(base_url + "/", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit(f"storyline serve did not answer within {timeout} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--largest", type=int, default=200, help="articles in the largest story")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--mix", action="store_true", help="cycle through every story's page")
    parser.add_argument("--path", help="load this path instead, e.g. / for the story list")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--tool", choices=["wrk", "httpx"], default="wrk" if wrk_path() else "httpx"
    )
    args = parser.parse_args()
    if not 0 < args.seconds <= 300 or not 0 < args.clients <= 500:
        parser.error("keep the load bounded: 0 < seconds <= 300, 0 < clients <= 500")

    with tempfile.TemporaryDirectory(prefix="storyline-web-load-") as work:
        db = Path(work) / "bench.db"
        started = time.perf_counter()
        stories = build_store(db, args.articles, args.largest)
        built = time.perf_counter() - started
        count = sum(len(story.articles) for story in stories)
        print(f"store: {count} invented articles in {len(stories)} stories ({built:.1f} s)")
        paths = (
            [args.path]
            if args.path
            else [f"/stories/{story.id}" for story in stories]
            if args.mix
            else [f"/stories/{stories[0].id}"]
        )
        port = _free_port()
        base_url = f"http://{HOST}:{port}"
        log_path = Path(work) / "serve.log"  # uvicorn's access log, one line a request
        log = log_path.open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            try:
                _wait_until_up(base_url, server)
            except SystemExit:
                print(log_path.read_text()[-3000:], file=sys.stderr)
                raise
            asyncio.run(load(base_url, paths, args.clients, args.warmup))  # fills the caches
            load_before = os.getloadavg()[0]
            cpu_before = cpu_seconds(server.pid)
            if args.tool == "wrk":
                figures = load_with_wrk(base_url, paths, args.clients, args.seconds)
            else:
                figures = asyncio.run(load(base_url, paths, args.clients, args.seconds))
            figures.server_cpu_seconds = round(cpu_seconds(server.pid) - cpu_before, 1)
            figures.requests_per_server_cpu_second = round(
                figures.requests / max(figures.server_cpu_seconds, 0.01), 1
            )
            figures.load_average_before = round(load_before, 1)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
    target = (
        args.path
        if args.path
        else "every story page in turn"
        if args.mix
        else f"{paths[0]} ({len(stories[0].articles)} articles)"
    )
    print(f"target: {target}")
    print(json.dumps(asdict(figures), indent=2))
    if args.json is not None:
        args.json.write_text(json.dumps(asdict(figures), indent=2) + "\n")


if __name__ == "__main__":
    main()
