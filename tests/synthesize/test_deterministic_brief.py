"""A brief must not depend on the Python hash seed (the order sets iterate in)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Two bodies with the same initials and an acronym that could stand for either: which one
# "NWS" joined used to follow the order of a set of strings, so it changed with the seed.
_BRIEF_SCRIPT = """
import json
from storyline.synthesize import SynthesizeStage
from tests.synthesize.conftest import story_of

texts = (
    "The National Weather Service warned of flooding on Tuesday. The Northern Water "
    "Society said its reservoirs were full. NWS staff said 40 roads were closed.",
    "Officials at the Northern Water Society opened two spillways. The National Weather "
    "Service expects more rain, NWS forecaster Ilse Varga said on Wednesday.",
    "NWS forecasters and the Northern Water Society met in Harlow. Ilse Varga said 12 "
    "towns were on alert.",
)
brief = SynthesizeStage().brief(story_of(texts)).brief
print(json.dumps({
    "entities": [[e.name, e.type, list(e.aliases), list(e.sources)] for e in brief.entities],
    "quotes": [[q.text, q.speaker] for q in brief.quotes],
    "facts": [[f.text, f.attributed_to] for f in brief.facts],
}))
"""


def _brief_under_seed(seed: str) -> object:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _BRIEF_SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_brief_is_the_same_under_two_hash_seeds() -> None:
    first, second = _brief_under_seed("1"), _brief_under_seed("2")
    assert first == second
    names = [entity[0] for entity in first["entities"]]  # type: ignore[index]
    assert "Northern Water Society" in names and "National Weather Service" in names
