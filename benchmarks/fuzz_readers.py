"""Coverage-guided fuzzing of every reader with atheris (libFuzzer) for a fixed time.

    .venv/bin/python -m benchmarks.fuzz_readers --seconds 600

The first byte of each input picks the file name (and so the reader: text, HTML, gzip, WARC,
feed, JSON Lines), the rest are the file's bytes. Each input must give documents and named
drops that keep the readers' promises (`tests/reliability/reader_checks.py`); an exception,
a broken promise, or one input taking more than `--input-timeout` seconds is a crash, and
libFuzzer saves it under `--artifacts` (a temporary folder by default). Seeds are small
valid files of every kind. The run ends with one line: how many inputs ran in how long, and
the crashes found.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_DONE = re.compile(r"Done (\d+) runs in (\d+) second")


def _seeds() -> list[bytes]:
    from tests.ingest.builders import Response, page, warc_bytes
    from tests.reliability.bad_inputs import html_page, prose, rss_feed
    from tests.reliability.reader_checks import NAMES

    html = html_page("seed").encode()
    jsonl = b'{"id": "a", "text": "One two three four five.", "published": "2020-02-10"}\n'
    warc = warc_bytes([Response("https://s.example/", page("T", "Body text here."))], gzip=False)
    by_name = {
        "in.txt": f"date 2020-02-10\nurl https://s.example/a\n\nTitle\n\n{prose('x')}".encode(),
        "in": prose("y").encode("cp1252"),
        "in.md": b"# Title\n\nSome *text* here.",
        "in.html": html,
        "in.html.gz": gzip.compress(html),
        "in.warc": warc,
        "in.warc.gz": warc_bytes([Response("https://s.example/", html)], gzip=True),
        "in.rss": rss_feed(["a", "b"]),
        "in.xml": rss_feed(["c"]).replace(b"utf-8", b"iso-8859-1"),
        "in.jsonl": jsonl,
        "in.jsonl.gz": gzip.compress(jsonl * 3),
    }
    return [bytes([NAMES.index(name)]) + data for name, data in by_name.items()]


def _fuzz_child(seconds: int, artifacts: Path, input_timeout: int) -> None:
    """Runs inside the child process: libFuzzer exits the process when it is done."""
    import atheris  # type: ignore[import-untyped]

    # Only the readers' code (and the feed parser they lean on) is instrumented for
    # coverage; instrumenting every loaded module takes minutes before the first input.
    with atheris.instrument_imports(include=["storyline", "feedparser", "feedparser_sgmllib"]):
        from tests.reliability.reader_checks import NAMES, check_items, read

    def one_input(data: bytes) -> None:
        if not data:
            return
        name = NAMES[data[0] % len(NAMES)]
        check_items(name, read(name, data[1:]))

    corpus = Path(tempfile.mkdtemp(prefix="fuzz-readers-corpus-"))
    for number, seed in enumerate(_seeds()):
        (corpus / f"seed{number}").write_bytes(seed)
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={seconds}",
            f"-timeout={input_timeout}",
            f"-artifact_prefix={artifacts}/",
            "-max_len=65536",
            "-rss_limit_mb=3072",
            "-print_final_stats=1",
            str(corpus),
        ],
        one_input,
    )
    atheris.Fuzz()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--input-timeout", type=int, default=20)
    parser.add_argument(
        "--artifacts", type=Path, default=Path(tempfile.gettempdir()) / "storyline-fuzz-artifacts"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.artifacts.mkdir(parents=True, exist_ok=True)
    if args.child:
        _fuzz_child(args.seconds, args.artifacts.resolve(), args.input_timeout)
        return
    command = [
        sys.executable, "-m", "benchmarks.fuzz_readers", "--child",
        "--seconds", str(args.seconds), "--input-timeout", str(args.input_timeout),
        "--artifacts", str(args.artifacts),
    ]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    log = completed.stdout + completed.stderr
    (args.artifacts / "last-run.log").write_text(log)
    crashes = sorted(p.name for p in args.artifacts.glob("*-*") if p.name != "last-run.log")
    done = _DONE.search(log)
    runs = f"{done[1]} inputs in {done[2]} s" if done else "no completion line"
    print(f"atheris over the readers: {runs}, exit {completed.returncode}, crashes {crashes}")
    if completed.returncode != 0:
        print(log[-4000:])
    sys.exit(completed.returncode)


if __name__ == "__main__":
    main()
