"""`storyline run --given-stories --summary-words 250` on invented JSON Lines, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.synthesize.test_summarize import ARTICLES

# Invented stories. The election and the strike share vocabulary (votes, percent, a city),
# and "desk-picks" groups two unrelated articles that grouping by similarity would never put
# together: the given keys must win over similarity either way.
OTHER_STORIES = {
    "desk-picks": [
        "The Merrow Falcons beat the Osland Rovers 3-1 on Saturday to win the northern league "
        "title for the first time since 1987. Striker Lene Dahl scored twice.",
        "A rare orchid thought extinct for a century was found growing on a cliff near "
        "Varnholm, botanists at the national museum said on Friday.",
    ],
    "election": [
        "Voters in the city of Merrow elected Anja Solberg as mayor on Sunday with 54 percent "
        "of the vote, the election commission said. Turnout was 61 percent, the highest in a "
        "decade. Solberg promised to build 2,000 affordable homes.",
        "Anja Solberg won the Merrow mayoral election on Sunday, taking 54 percent of the "
        "vote. Her opponent, Tor Haug, conceded late in the evening. The city council will "
        "swear her in next month.",
    ],
    "strike": [
        "Dock workers in Merrow walked off the job on Monday after the union rejected a 3 "
        "percent pay offer. The strike halted traffic at the city's container port.",
        "A strike by the Merrow dockers' union closed the container port on Monday. The union "
        "said members voted 812 to 95 to reject the port authority's pay offer of 3 percent.",
        "Ships queued outside Merrow on Tuesday as the dock strike entered its second day, "
        "and the port authority said talks would resume on Thursday.",
    ],
}


def _records() -> list[dict[str, str]]:
    records = [
        {"id": f"quake-{name}", "story": "quake", "title": f"Quake ({name})", "text": text}
        for name, text in ARTICLES.items()
    ]
    for key, texts in OTHER_STORIES.items():
        records.extend(
            {"id": f"{key}-{index}", "story": key, "title": f"{key} {index}", "text": text}
            for index, text in enumerate(texts)
        )
    return records


def test_given_stories_are_briefed_exactly_as_given(tmp_path: Path) -> None:
    records = _records()
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = subprocess.run(
        [
            *(sys.executable, "-m", "storyline", "run", str(corpus), "--given-stories"),
            *("--summary-words", "250", "--db", str(tmp_path / "s.db"), "--out", str(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    stories = json.loads((tmp_path / "stories.json").read_text())["stories"]
    expected: dict[str, set[str]] = {}
    for record in records:
        expected.setdefault(record["story"], set()).add(record["id"])
    found = sorted(sorted(a["id"] for a in story["articles"]) for story in stories)
    assert found == sorted(sorted(ids) for ids in expected.values())
    for story in stories:
        members = {a["id"] for a in story["articles"]}
        summary = story["summary"]
        assert summary, f"story {story['id']} has no summary"
        assert sum(len(s["text"].split()) for s in summary) <= 250
        for sentence in summary:
            assert sentence["sources"] and set(sentence["sources"]) <= members
