"""The invented Velnik story told by five outlets: the brief's facts, disagreement, quotes,
entities and timeline, through the stage and through `storyline run`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from storyline.cluster.stage import make_story
from storyline.report.document import story_document
from storyline.synthesize import SynthesizeStage
from tests.synthesize.velnik import velnik_articles


@pytest.fixture(scope="module")
def document(brief_stage: SynthesizeStage) -> dict[str, Any]:
    [story] = brief_stage.process([make_story(velnik_articles())])
    return story_document(story)  # type: ignore[arg-type]


def facts_about(document: dict[str, Any], value: float, noun: str) -> list[dict[str, Any]]:
    return [f for f in document["facts"] if f["value"] == value and noun in f["subject"].split()]


def test_each_figure_is_listed_once_with_every_article_that_gives_it(
    document: dict[str, Any],
) -> None:
    killed_14 = [f for f in document["facts"] if f["value"] == 14]
    killed_21 = [f for f in document["facts"] if f["value"] == 21]
    assert len(killed_14) == 1 and len(killed_21) == 1
    assert set(killed_14[0]["sources"]) == {"herald", "daily", "post"}
    assert set(killed_21[0]["sources"]) == {"wire", "post", "radio"}
    assert killed_14[0]["attributed_to"] == "health ministry"
    assert killed_21[0]["attributed_to"] == "Karsk Observatory for Human Rights"
    assert killed_21[0]["approximate"] is True and killed_14[0]["approximate"] is False
    assert killed_14[0]["date"] == killed_21[0]["date"] == "2026-04-06"
    [hospital] = facts_about(document, 5, "people")
    assert set(hospital["sources"]) == {"wire", "daily", "radio"}
    assert hospital["date"] == "2026-04-07" and hospital["status"] == "corroborated"
    [wounded] = facts_about(document, 30, "people")
    assert set(wounded["sources"]) == {"herald", "daily"} and wounded["status"] == "corroborated"


def test_a_syndicated_copy_does_not_make_a_second_outlet(document: dict[str, Any]) -> None:
    [children] = facts_about(document, 12, "children")
    assert set(children["sources"]) == {"wire", "radio"}
    assert children["status"] == "single-source"


def test_the_ministry_and_the_monitor_disagree_on_monday_only(document: dict[str, Any]) -> None:
    [disagreement] = document["disagreements"]
    assert "2026-04-06" in disagreement["about"]
    claims = {c["value"]: c for c in disagreement["claims"]}
    assert set(claims) == {14, 21}
    assert claims[14]["attributed_to"] == "health ministry"
    assert claims[21]["attributed_to"] == "Karsk Observatory for Human Rights"
    assert set(claims[21]["sources"]) == {"wire", "post", "radio"}
    statuses = {f["value"]: f["status"] for f in document["facts"]}
    assert statuses[14] == statuses[21] == "disputed"
    # Three killed in Dorn a week earlier is another day, not a third claim.
    [dorn] = facts_about(document, 3, "people")
    assert dorn["date"] == "2026-03-30" and dorn["status"] == "single-source"


def test_quotes_carry_their_speakers(document: dict[str, Any]) -> None:
    speakers = {q["text"].split()[0]: q["speaker"] for q in document["quotes"]}
    governor = next(e["name"] for e in document["entities"] if e["name"].startswith("Ilse"))
    assert speakers == {
        "This": governor,  # named after the quote by her surname only
        "We": "Piet Andersz",  # "…," said Piet Andersz, the director of the observatory
        "Our": "Arvo Linde",  # named in the sentence after the quote
        "Nobody": governor,  # the other spelling of her name, in the next sentence
    }
    [copied] = [q for q in document["quotes"] if q["speaker"] == "Piet Andersz"]
    assert set(copied["sources"]) == {"wire", "radio"}


def test_one_entity_per_person_whatever_the_spelling(document: dict[str, Any]) -> None:
    people = [e for e in document["entities"] if e["type"] == "person"]
    governor = [e for e in people if "Ilse" in e["name"]]
    assert len(governor) == 1
    assert {governor[0]["name"], *governor[0]["aliases"]} >= {"Ilse Marković", "Ilse Markovic"}
    assert set(governor[0]["sources"]) == {"herald", "wire", "post", "radio"}
    assert sum(1 for e in people if "Linde" in e["name"] or "Linde" in e["aliases"]) == 1
    [observatory] = [e for e in document["entities"] if "Observatory" in e["name"]]
    assert "KOHR" in observatory["aliases"]


def test_the_timeline_has_the_right_dates(document: dict[str, Any]) -> None:
    timeline = document["timeline"]
    dates = [(t["date"], t["precision"]) for t in timeline]
    assert dates == sorted(dates)
    by_date = {(t["date"], t["precision"]): t for t in timeline}
    assert "Dorn" in by_date[("2026-03-30", "day")]["text"]  # "a week earlier" than Monday
    assert "since Saturday" in by_date[("2026-04-04", "day")]["text"]
    monday = [t for t in timeline if t["date"] == "2026-04-06"]
    assert any(set(t["sources"]) == {"herald", "wire", "daily", "post", "radio"} for t in monday)
    tuesday = [t for t in timeline if t["date"] == "2026-04-07"]
    assert any("hospital" in t["text"] for t in tuesday)
    assert "end of the month" in by_date[("2026-04-01", "month")]["text"]


def test_every_sources_list_names_articles_of_the_story(document: dict[str, Any]) -> None:
    ids = {a["id"] for a in document["articles"]}
    lists = [
        item["sources"]
        for key in ("facts", "quotes", "entities", "timeline")
        for item in document[key]
    ]
    lists += [c["sources"] for d in document["disagreements"] for c in d["claims"]]
    assert lists and all(sources and set(sources) <= ids for sources in lists)


def test_storyline_run_writes_the_same_brief(tmp_path: Path) -> None:
    """End to end: text files with header lines, cleaned, deduplicated, stored, reported."""
    corpus = tmp_path / "velnik"
    corpus.mkdir()
    for article in velnik_articles():
        assert article.published is not None and article.title is not None
        header = f"date {article.published.day.isoformat()}\nsource {article.source}\n"
        (corpus / f"{article.id}.txt").write_text(f"{header}title {article.title}\n{article.text}")
    done = subprocess.run(
        [
            *(sys.executable, "-m", "storyline", "run", str(corpus), "--one-story"),
            *("--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "out")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [story] = json.loads((tmp_path / "out" / "stories.json").read_text())["stories"]
    outlet = {a["id"]: a["source"] for a in story["articles"]}
    copies = [a for a in story["articles"] if a["duplicate_of"]]
    assert [outlet[a["id"]] for a in copies] == ["Ostmark Radio"]
    [disagreement] = story["disagreements"]
    claims = {c["value"]: {outlet[s] for s in c["sources"]} for c in disagreement["claims"]}
    assert claims == {
        14: {"Karsk Herald", "Velnik Daily", "Eastbridge Post"},
        21: {"Northgate Wire", "Eastbridge Post", "Ostmark Radio"},
    }
    report = (tmp_path / "out" / "report.md").read_text()
    assert "Piet Andersz" in report and "Apr 2026" in report
