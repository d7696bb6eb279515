"""SIGKILL a real `storyline ingest` or `storyline run` mid-ingest, again and again.

    .venv/bin/python -m benchmarks.sigkill_loop --rounds 20 --articles 2000

Each round starts from an empty SQLite store, starts the command on a generated JSON Lines
corpus, waits until a random number of articles is stored (with at least three batches
still to come), sleeps a random moment more (shorter than a batch takes) and kills it with
SIGKILL; that moment mostly falls while the next batch is being cleaned. With `--moment
in-transaction` the kill comes instead as soon as the next write transaction is seen open
(another connection finds the write lock taken), so it cuts a batch while it is written.
Then it checks the store as the kill left it (`PRAGMA integrity_check`, whole batches
only), runs the same command again and, after an ingest, a briefing `storyline run`. A
round passes when the rerun added exactly what was missing, every article is stored exactly
once, `integrity_check` says ok and the rebuilt briefs cover every article.
Rounds alternate between `ingest` and `run`.

Only rounds whose kill landed mid-ingest count: the process was still alive and had not
committed its last article. A round where the kill came too late (the process had finished,
or had stored everything) is listed as not landed, still checked, and drawn again; the
benchmark passes when `--rounds` counted rounds in a row pass and no round at all fails.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from tests.reliability.sigkill import (
    INGEST_BATCH,
    MAX_KILL_DELAY,
    Round,
    kill_and_rerun,
    write_corpus,
)

# Give up when this many rounds per counted round have not landed: the loop is not testing
# what it claims to (the machine is too fast or too loaded for the kill window).
_ATTEMPTS_PER_ROUND = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--commands", default="ingest,run", help="comma-separated, alternated")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--moment",
        choices=("after-commit", "in-transaction"),
        default="after-commit",
        help="kill a random moment after a commit, or as soon as a write transaction is open",
    )
    args = parser.parse_args()
    if args.articles < 4 * INGEST_BATCH:
        parser.error(f"--articles must be at least {4 * INGEST_BATCH} (four batches)")
    commands = args.commands.split(",")
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(
        f"seed {seed}, {args.rounds} rounds, {args.articles} articles, commands {commands},"
        f" kill {args.moment}"
    )
    print(
        "attempt command  kill@n  +seconds  stored@kill  landed  after  integrity  briefed"
        "  result  seconds"
    )
    counted = passed = attempts = 0
    not_landed: list[int] = []
    failed: list[int] = []
    with tempfile.TemporaryDirectory(prefix="sigkill-loop-") as temp:
        work = Path(temp)
        corpus = work / "corpus.jsonl"
        write_corpus(corpus, args.articles)
        while counted < args.rounds and attempts < _ATTEMPTS_PER_ROUND * args.rounds:
            attempts += 1
            command = commands[(attempts - 1) % len(commands)]
            started = time.monotonic()
            kill_at = rng.randint(1, args.articles - 3 * INGEST_BATCH)
            try:
                delay = rng.uniform(0, MAX_KILL_DELAY)
                moment = args.moment == "in-transaction"
                round_ = kill_and_rerun(work, corpus, command, kill_at, delay, moment)
            except AssertionError as error:  # the rerun or the briefing run failed
                failed.append(attempts)
                print(f"{attempts:7d} {command:8s} {kill_at:6d}  FAIL: {error}", flush=True)
                continue
            landed = round_.landed_mid_ingest(args.articles)
            problems = round_.problems(args.articles)
            counted += landed
            passed += landed and not problems
            if not landed:
                not_landed.append(attempts)
            if problems:
                failed.append(attempts)
            _print_round(attempts, round_, landed, problems, time.monotonic() - started)
    print(
        f"{passed}/{counted} counted rounds passed (of {args.rounds} asked); "
        f"{len(not_landed)} rounds not landed mid-ingest, not counted {not_landed}; "
        f"rounds with a problem: {failed}"
    )
    sys.exit(0 if counted == passed == args.rounds and not failed else 1)


def _print_round(
    attempt: int, round_: Round, landed: bool, problems: list[str], seconds: float
) -> None:
    # How long after the awaited commit the kill came, or that it cut a write transaction.
    moment = "in-write" if round_.in_transaction else f"{round_.killed_after_seconds:.2f}"
    where = "yes" if landed else ("finished" if round_.finished_before_kill else "after")
    result = "FAIL" if problems else "ok"
    print(
        f"{attempt:7d} {round_.command:8s} {round_.kill_at:6d} {moment:>9s}"
        f" {round_.stored_at_kill:12d} {where:>7s} {round_.stored_after_rerun:6d}"
        f" {round_.integrity:>10s} {round_.briefed_articles:8d}  {result:6s} {seconds:8.1f}",
        flush=True,
    )
    for problem in problems:
        print(f"        {problem}", flush=True)


if __name__ == "__main__":
    main()
