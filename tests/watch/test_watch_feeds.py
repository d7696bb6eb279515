"""`storyline watch FEEDS_FILE` against a real HTTP server on loopback: a feed that gains an
entry between rounds, fetched conditionally."""

from __future__ import annotations

from pathlib import Path

from storyline.watch import Watcher
from tests.conftest import DEMO
from tests.ingest.loopback_server import Reply, Seen, serving

from .articles import TRANSIT_FEED_ENTRY
from .conftest import CountingSynthesize, stored_rows, story_with_title

_ITEM = """<item><title>{title}</title><link>{link}</link><guid>{link}</guid>
<pubDate>{date}</pubDate><content:encoded><![CDATA[{body}]]></content:encoded></item>
"""


def _with_entry(feed: bytes, entry: dict[str, str]) -> bytes:
    return feed.replace(b"</channel>", _ITEM.format(**entry).encode() + b"</channel>", 1)


def test_a_new_feed_entry_joins_its_story(tmp_path: Path, synthesize: CountingSynthesize) -> None:
    versions = [(DEMO / "feeds" / "northreach.rss").read_bytes()]
    versions.append(_with_entry(versions[0], TRANSIT_FEED_ENTRY))
    current = {"version": 0}

    def feed(seen: Seen) -> Reply:
        etag = f'"v{current["version"]}"'
        if seen.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        body = versions[current["version"]]
        return Reply(200, body, {"Content-Type": "application/rss+xml", "ETag": etag})

    db = tmp_path / "s.db"
    with serving() as server:
        server.routes["/news.rss"] = feed
        feeds_file = tmp_path / "feeds.txt"
        feeds_file.write_text(
            f"# the demo outlets, one feed over HTTP and the rest as files\n"
            f"{server.url('/news.rss')}\n{DEMO / 'text'}\n{DEMO / 'html'}  # pages\n"
            f"{DEMO / 'jsonl'}\n"
        )
        watcher = Watcher(str(feeds_file), db=db, out=None, allow_private_urls=True)
        watcher.synthesize = synthesize

        first = watcher.round()
        assert first.added == 12
        before = stored_rows(db)
        transit = story_with_title(db, "Port Elsin commuters face third day")

        current["version"] = 1
        synthesize.briefed.clear()
        second = watcher.round()
        assert second.added == 1
        assert synthesize.briefed == [transit]
        assert story_with_title(db, "transit union accepts new pay offer") == transit

        synthesize.briefed.clear()
        third = watcher.round()
        feed_requests = [s for s in server.requests if s.path == "/news.rss"]

    assert (third.added, synthesize.briefed) == (0, [])
    # Rounds after the first ask conditionally; the unchanged feed costs a 304.
    assert [s.headers.get("if-none-match") for s in feed_requests] == [None, '"v0"', '"v1"']
    after = stored_rows(db)
    assert after[transit][0] == before[transit][0] + 1
    assert {k: v for k, v in after.items() if k != transit} == {
        k: v for k, v in before.items() if k != transit
    }


def test_an_unreachable_feed_is_reported_and_the_rest_read(
    tmp_path: Path, synthesize: CountingSynthesize
) -> None:
    with serving() as server:
        server.routes["/gone.rss"] = Reply(404, b"gone")
        feeds_file = tmp_path / "feeds.txt"
        feeds_file.write_text(f"{server.url('/gone.rss')}\n{DEMO / 'jsonl'}\n")
        watcher = Watcher(str(feeds_file), db=tmp_path / "s.db", out=None, allow_private_urls=True)
        watcher.synthesize = synthesize
        result = watcher.round()
    assert result.added == 2
    assert [(d.subject, d.reason) for d in result.dropped] == [
        (server.url("/gone.rss"), "fetch failed")
    ]
