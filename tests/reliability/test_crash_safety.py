"""SIGKILL mid-ingest, then the same command again: nothing lost, nothing doubled, a sound
store, and the briefs rebuilt. `benchmarks/sigkill_loop.py` runs the same round many times."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from .sigkill import INGEST_BATCH, MAX_KILL_DELAY, kill_and_rerun, write_corpus

ARTICLES = 1000
_ATTEMPTS = 5


@pytest.mark.slow
@pytest.mark.parametrize("in_transaction", [False, True], ids=["after-commit", "mid-write"])
def test_an_ingest_killed_at_a_random_moment_loses_and_doubles_nothing(
    tmp_path: Path, in_transaction: bool
) -> None:
    corpus = tmp_path / "big.jsonl"
    write_corpus(corpus, ARTICLES)
    rng = random.Random()
    for _ in range(_ATTEMPTS):
        # Any moment after a batch is stored, with batches still to come: wait for a random
        # number of stored articles, then a moment more (see MAX_KILL_DELAY), or until the
        # next batch's write transaction is open.
        kill_at = rng.randint(1, ARTICLES - 3 * INGEST_BATCH)
        delay = rng.uniform(0, MAX_KILL_DELAY)
        round_ = kill_and_rerun(tmp_path, corpus, "ingest", kill_at, delay, in_transaction)
        # On a loaded machine the rest of the ingest may finish within the delay; that
        # round proves little, so it is tried again.
        if round_.landed_mid_ingest(ARTICLES):
            break
    assert round_.landed_mid_ingest(ARTICLES)
    assert round_.in_transaction == in_transaction

    assert 0 < round_.stored_at_kill < ARTICLES
    assert round_.integrity_at_kill == "ok"
    # Batches are whole: what the killed process stored is a multiple of the batch size.
    assert round_.stored_at_kill % INGEST_BATCH == 0
    added = ARTICLES - round_.stored_at_kill
    assert round_.rerun_output.startswith(
        f"{added} articles added, {round_.stored_at_kill} already stored"
    )
    assert round_.stored_after_rerun == round_.distinct_sources == ARTICLES
    assert round_.integrity == "ok"
    assert round_.briefed_articles == ARTICLES
    assert round_.problems(ARTICLES) == []
