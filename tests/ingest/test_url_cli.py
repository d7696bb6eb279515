"""`storyline ingest` and `run` with URL inputs, against a real server on loopback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from storyline import cli

from .loopback_server import Reply, page, rss, serving

FLOODS = page(
    "Floods reach the valley",
    "Rescuers reached the flooded villages on Tuesday after the river burst its banks.",
    "The regional council opened three shelters and asked residents to stay away.",
)


def stored_titles(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("select title from articles order by seq")]


def test_ingest_refuses_loopback_urls_with_a_one_line_reason(tmp_path: Path) -> None:
    with serving() as server:
        server.routes["/feed"] = Reply(200, b"<rss/>")

        result = CliRunner().invoke(
            cli.app, ["ingest", server.url("/feed"), "--db", str(tmp_path / "s.db")]
        )

        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"storyline: skipped {server.url('/feed')}: private address refused: 127.0.0.1 is "
            "a loopback address; pass --allow-private-urls to fetch it",
            "storyline: none of the inputs could be read",
        ]
        assert server.requests == []


def test_run_fetches_a_feed_and_follows_its_links_when_allowed(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with serving() as server:
        feed = rss(
            "The Herald",
            [("Floods reach the valley", server.url("/news/floods"), "A two-line teaser.")],
        )
        server.routes["/feed"] = Reply(200, feed, {"Content-Type": "text/xml", "ETag": '"1"'})
        server.routes["/news/floods"] = Reply(200, FLOODS, {"Content-Type": "text/html"})
        arguments = ["run", server.url("/feed"), "--db", str(db), "--out", str(tmp_path / "out")]

        result = CliRunner().invoke(cli.app, [*arguments, "--allow-private-urls", "--follow-links"])

    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "1 articles (1 new), 1 stories" in result.stdout
    assert stored_titles(db) == ["Floods reach the valley"]
    assert server.paths() == ["/robots.txt", "/feed", "/news/floods"]
    story = (tmp_path / "out" / "report.md").read_text()
    assert "regional council opened three shelters" in story
    assert Path(f"{db}-fetch-cache").is_file()
