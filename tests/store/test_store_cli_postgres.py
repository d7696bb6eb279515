"""`--db postgresql://…` end to end: the real command on the demo corpus, on a real server.

The same run on SQLite is the reference: both backends must give the same stories.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEMO
from tests.storyline_command import storyline

from .postgres_server import PostgresServer
from .raw import query


def _stories(out: Path) -> list[dict[str, Any]]:
    return list(json.loads((out / "stories.json").read_text())["stories"])


@pytest.mark.slow
def test_run_ingest_stories_and_brief_work_on_postgres(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    url = postgres_server.new_database()

    on_postgres = storyline("run", str(DEMO), "--db", url, "--out", "pg", cwd=tmp_path)
    on_sqlite = storyline("run", str(DEMO), "--db", "ref.db", "--out", "ref", cwd=tmp_path)

    assert on_postgres.returncode == 0, on_postgres.stderr
    assert on_sqlite.returncode == 0, on_sqlite.stderr
    stories = _stories(tmp_path / "pg")
    assert stories == _stories(tmp_path / "ref")
    stored = query(url, "SELECT COUNT(*) FROM articles")[0][0]
    assert stored == sum(len(story["articles"]) for story in stories) > 0

    again = storyline("ingest", str(DEMO), "--db", url, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"0 articles added, {stored} already stored")

    listed = storyline("stories", "--db", url, "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)["stories"]
    assert [row["id"] for row in rows] == [story["id"] for story in stories]

    brief = storyline("brief", rows[0]["id"], "--db", url, "--format", "json", cwd=tmp_path)
    assert brief.returncode == 0, brief.stderr
    assert json.loads(brief.stdout)["stories"] == stories[:1]
    everything = storyline("brief", "--all", "--db", url, "--format", "md", cwd=tmp_path)
    assert everything.returncode == 0, everything.stderr
    assert stories[0]["title"] in everything.stdout


def test_an_unreachable_postgres_store_is_one_clear_line(tmp_path: Path) -> None:
    # Port 9 (discard) on loopback: nothing listens there in a test machine.
    url = "postgresql://someone:pw@127.0.0.1:9/news"

    result = storyline("stories", "--db", url, cwd=tmp_path)

    assert result.returncode != 0
    assert "cannot open the store at postgresql://someone:***@127.0.0.1:9/news" in result.stderr
    assert "Traceback" not in result.stderr
    assert "pw@" not in result.stderr
