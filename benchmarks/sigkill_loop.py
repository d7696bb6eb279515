"""SIGKILL a real `storyline ingest` or `storyline run` at a random moment, again and again.

    .venv/bin/python -m benchmarks.sigkill_loop --rounds 20 --articles 2000

Each round starts from an empty SQLite store, starts the command on a generated JSON Lines
corpus, waits until a random number of articles is stored, sleeps a random time more and
kills it with SIGKILL, then runs the same command again and a briefing `storyline run`.
A round passes when every article is stored exactly once, `PRAGMA integrity_check` says ok
and the rebuilt briefs cover every article. Rounds alternate between killing `ingest` and
killing `run` (whose kill may land in ingest, grouping, synthesis or the story write). A
round whose command finished before the drawn moment is drawn again with a shorter delay
(up to three times, counted in the summary); still not killed, it counts as a failure.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from tests.reliability.sigkill import Round, kill_and_rerun, write_corpus

# How long after the chosen number of articles is stored the kill may come: `run` goes on
# to group and brief, so its window is wider.
_MAX_DELAY = {"ingest": 0.15, "run": 12.0}
_BATCH = 200  # articles per ingest transaction (api._INGEST_BATCH)
_REDRAWS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--commands", default="ingest,run", help="comma-separated, alternated")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    commands = args.commands.split(",")
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(f"seed {seed}, {args.rounds} rounds, {args.articles} articles, commands {commands}")
    print(
        "round command  kill@n  +seconds  stored@kill  killed-in  after  integrity  briefed"
        "  result  seconds"
    )
    passed = redone = 0
    with tempfile.TemporaryDirectory(prefix="sigkill-loop-") as temp:
        work = Path(temp)
        corpus = work / "corpus.jsonl"
        write_corpus(corpus, args.articles)
        for number in range(1, args.rounds + 1):
            command = commands[(number - 1) % len(commands)]
            started = time.monotonic()
            round_ = _one_round(work, corpus, command, rng, args.articles, _MAX_DELAY[command])
            # A command that finished before the drawn moment was not killed at all: the
            # round is drawn again with a shorter delay (and counted), not passed.
            for _ in range(_REDRAWS):
                if not round_.finished_before_kill:
                    break
                redone += 1
                delay = round_.killed_after_seconds / 2
                round_ = _one_round(work, corpus, command, rng, args.articles, delay)
            ok = round_.ok(args.articles)
            passed += ok
            _print_round(number, round_, ok, args.articles, time.monotonic() - started)
    print(f"{passed}/{args.rounds} rounds passed ({redone} redrawn: finished before the kill)")
    sys.exit(0 if passed == args.rounds else 1)


def _one_round(
    work: Path, corpus: Path, command: str, rng: random.Random, articles: int, max_delay: float
) -> Round:
    if command == "ingest":
        # Any moment after a batch is stored, with batches still to come (the delay is
        # shorter than a batch takes, so the kill lands mid-ingest).
        kill_at = rng.randint(1, max(1, articles - 3 * _BATCH))
    else:
        # After any number of stored articles; the delay mostly carries the kill past ingest,
        # into grouping, briefing or the story write (ingest rounds cover ingest).
        kill_at = rng.randint(1, articles)
    return kill_and_rerun(work, corpus, command, kill_at, rng.uniform(0, max_delay))


def _print_round(number: int, round_: Round, ok: bool, articles: int, seconds: float) -> None:
    # Where the kill landed: while articles were being stored, or after all of them were.
    phase = "ingest" if round_.stored_at_kill < articles else "later"
    result = "ok" if ok else ("NOT KILLED" if round_.finished_before_kill else "FAIL")
    print(
        f"{number:5d} {round_.command:8s} {round_.kill_at:6d} {round_.killed_after_seconds:9.2f}"
        f" {round_.stored_at_kill:12d} {phase:>10s} {round_.stored_after_rerun:6d}"
        f" {round_.integrity:>10s} {round_.briefed_articles:8d}  {result:6s} {seconds:8.1f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
