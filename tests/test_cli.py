"""The `storyline` command end to end, in a real subprocess, on the shipped corpora."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from tests.conftest import DEMO, SCRAPED_ONE_STORY
from tests.json_contract import ARTICLE_KEYS, CONTRACT_STORY_KEYS
from tests.storyline_command import storyline


def stored_articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from articles").fetchone()[0])


def load_stories(out: Path) -> list[dict[str, Any]]:
    document = json.loads((out / "stories.json").read_text())
    assert set(document) == {"stories"}
    return list(document["stories"])


def test_five_scraped_articles_make_one_story_with_every_field(tmp_path: Path) -> None:
    inputs = tmp_path / "scraped"
    shutil.copytree(SCRAPED_ONE_STORY, inputs, ignore=shutil.ignore_patterns("README.md"))
    result = storyline("run", "scraped", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name in ("stories.json", "report.html", "report.md"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    [story] = load_stories(tmp_path / "out")
    assert set(story) >= CONTRACT_STORY_KEYS
    assert len(story["articles"]) == 5
    paths = sorted(a["path"] for a in story["articles"])
    assert paths == sorted(f"scraped/{p.name}" for p in inputs.glob("*.txt"))
    for article in story["articles"]:
        assert set(article) >= ARTICLE_KEYS
    ids = {a["id"] for a in story["articles"]}
    assert story["summary"] and all(set(s["sources"]) <= ids for s in story["summary"])
    again = storyline("ingest", "scraped", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 articles added, 5 already stored" in again.stdout
    assert stored_articles(tmp_path / "storyline.db") == 5


def test_demo_corpus_groups_three_stories_and_ids_are_stable(tmp_path: Path) -> None:
    first = storyline("run", str(DEMO), "--db", "demo.db", "--out", "out1", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    stories = load_stories(tmp_path / "out1")
    assert sum(len(s["articles"]) for s in stories) == 12
    sizes = [len(s["articles"]) for s in stories]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[:3] == [4, 4, 4]
    rerun = storyline("run", "--db", "demo.db", "--out", "out2", cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    again = load_stories(tmp_path / "out2")
    assert [s["id"] for s in again] == [s["id"] for s in stories]
    assert [sorted(a["id"] for a in s["articles"]) for s in again] == [
        sorted(a["id"] for a in s["articles"]) for s in stories
    ]


def test_given_stories_and_one_story_modes(tmp_path: Path) -> None:
    jsonl = DEMO / "jsonl" / "wire.jsonl"
    given = storyline(
        "run", str(jsonl), "--given-stories", "--db", "g.db", "--out", "g", cwd=tmp_path
    )
    assert given.returncode == 0, given.stderr
    keys = {json.loads(line)["story"] for line in jsonl.read_text().splitlines() if line.strip()}
    assert {s.get("key") for s in load_stories(tmp_path / "g")} == keys
    one = storyline("run", str(DEMO), "--one-story", "--db", "o.db", "--out", "o", cwd=tmp_path)
    assert one.returncode == 0, one.stderr
    assert [len(s["articles"]) for s in load_stories(tmp_path / "o")] == [12]


def test_summary_words_bounds_every_summary(tmp_path: Path) -> None:
    result = storyline("run", str(DEMO), "--summary-words", "30", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for story in load_stories(tmp_path / "out"):
        assert sum(len(s["text"].split()) for s in story["summary"]) <= 30


def test_bad_inputs_are_named_and_good_ones_land(tmp_path: Path) -> None:
    (tmp_path / "garbage.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "broken.jsonl").write_text(
        '{"id": "ok-1", "text": "A fine record about the harbour fire that burned all night."}\n'
        "{not json\n"
    )
    result = storyline(
        "run", "garbage.txt", "broken.jsonl", "missing.txt", "--out", "out", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("garbage.txt" in line for line in lines)
    assert any("broken.jsonl:2" in line for line in lines)
    assert any("missing.txt" in line for line in lines)
    assert stored_articles(tmp_path / "storyline.db") == 1
    piped_noise = [line for line in lines if not line.startswith("storyline: ")]
    assert piped_noise == [], "piped stderr carries only the skip reasons, no progress bars"


def test_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    nothing = storyline("run", "empty.txt", "--out", "out", cwd=tmp_path)
    assert nothing.returncode == 1
    assert "empty.txt" in nothing.stderr
    wrong = storyline("run", "--summary-words", "zero", cwd=tmp_path)
    assert wrong.returncode == 2
    both = storyline("run", str(DEMO), "--one-story", "--given-stories", cwd=tmp_path)
    assert both.returncode == 2


def test_clean_json_prints_contract_fields(tmp_path: Path) -> None:
    result = storyline("clean", str(DEMO / "text"), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5
    for record in records:
        assert set(record) == {
            "id",
            "path",
            "url",
            "title",
            "published",
            "language",
            "text",
            "sentences",
        }
        assert record["sentences"] and all(s in record["text"] for s in record["sentences"])
    assert not (tmp_path / "storyline.db").exists(), "clean stores nothing"


def test_stories_and_brief_read_the_store(tmp_path: Path) -> None:
    assert storyline("run", str(DEMO), "--out", "out", cwd=tmp_path).returncode == 0
    listed = storyline("stories", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)["stories"]
    assert len(rows) >= 3
    first_id = rows[0]["id"]
    brief = storyline("brief", first_id, "--format", "json", cwd=tmp_path)
    assert brief.returncode == 0, brief.stderr
    assert json.loads(brief.stdout)["stories"][0]["id"] == first_id
    markdown = storyline("brief", "--all", "--format", "md", cwd=tmp_path)
    assert markdown.returncode == 0 and rows[0]["title"] in markdown.stdout
    unknown = storyline("brief", "no-such-story", cwd=tmp_path)
    assert unknown.returncode == 1 and "no-such-story" in unknown.stderr
