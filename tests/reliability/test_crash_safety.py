"""SIGKILL mid-ingest, then the same command again: nothing lost, nothing doubled, a sound
store, and the briefs rebuilt. `benchmarks/sigkill_loop.py` runs the same round many times."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from storyline.api import _INGEST_BATCH as INGEST_BATCH

from .sigkill import kill_and_rerun, write_corpus

ARTICLES = 1000
_ATTEMPTS = 5


@pytest.mark.slow
def test_an_ingest_killed_at_a_random_moment_loses_and_doubles_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    write_corpus(corpus, ARTICLES)
    rng = random.Random()
    for _ in range(_ATTEMPTS):
        # Any moment after a batch is stored, with batches still to come: wait for a random
        # number of stored articles, then a moment more (a batch takes longer than that).
        kill_at = rng.randint(1, ARTICLES - 3 * INGEST_BATCH)
        round_ = kill_and_rerun(tmp_path, corpus, "ingest", kill_at, rng.uniform(0, 0.15))
        # On a loaded machine the rest of the ingest may finish within the delay; that
        # round proves little, so it is tried again.
        if round_.stored_at_kill < ARTICLES:
            break
    assert not round_.finished_before_kill

    assert 0 < round_.stored_at_kill < ARTICLES
    # Batches are whole: what the killed process stored is a multiple of the batch size.
    assert round_.stored_at_kill % INGEST_BATCH == 0
    added = ARTICLES - round_.stored_at_kill
    assert round_.rerun_output.startswith(
        f"{added} articles added, {round_.stored_at_kill} already stored"
    )
    assert round_.stored_after_rerun == round_.distinct_sources == ARTICLES
    assert round_.integrity == "ok"
    assert round_.briefed_articles == ARTICLES
