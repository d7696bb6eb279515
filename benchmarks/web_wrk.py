"""Running `wrk` (Debian's `wrk` package) for the web load benchmark.

A Lua script cycles through the given paths (each wrk connection starts at a different one)
and prints wrk's own summary as one JSON line when the run is done.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nRESULT {"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d,'
    .. ' "write": %%d, "status": %%d, "timeout": %%d, "p50_us": %%d, "p90_us": %%d,'
    .. ' "p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max))
end
"""


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run_wrk(base_url: str, paths: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """wrk's summary: requests, duration, bytes, error counts by kind, latency percentiles."""
    wrk = wrk_path()
    if wrk is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk)")
    quoted = ", ".join(json.dumps(path) for path in paths)  # JSON strings are Lua strings
    with tempfile.TemporaryDirectory(prefix="storyline-wrk-") as work:
        script = Path(work) / "paths.lua"
        script.write_text(_SCRIPT % {"paths": quoted})
        result = subprocess.run(
            [
                wrk,
                "--threads",
                "2",
                "--connections",
                str(clients),
                "--duration",
                f"{max(1, round(seconds))}s",
                "--timeout",
                "60s",  # wrk's default of 2 s would count a slow answer as an error
                "--script",
                str(script),
                base_url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 120,
        )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    summary: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return summary
