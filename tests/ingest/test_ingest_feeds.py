"""RSS and Atom feeds: one article per entry, HTML bodies turned into paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.fragments import fragment_to_text
from storyline.model import Dropped, RawDocument

from .builders import read_all, write

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Northreach Post</title>
  <link>https://northreach.example/</link>
  <item>
    <title>Floods reach Lisk</title>
    <link>https://northreach.example/floods</link>
    <guid isPermaLink="false">nr-1</guid>
    <pubDate>Wed, 11 Mar 2026 06:45:00 +0000</pubDate>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>Water rose <b>overnight</b> in the caf&eacute; district.</p>
      <p>Officials said 14 people died.</p><script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Strike enters day three</title>
    <guid isPermaLink="false">nr-2</guid>
    <description>&lt;p&gt;Buses stayed in depots.&lt;/p&gt;
      &lt;p&gt;Ferries were full.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo gallery</title>
    <description></description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valdoria Wire</title>
  <id>urn:valdoria</id>
  <updated>2026-03-12T08:00:00Z</updated>
  <entry>
    <title>Corvane shares slide</title>
    <link href="https://valdoria.example/corvane"/>
    <id>urn:valdoria:1</id>
    <updated>2026-03-12T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Shares fell 6 percent.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_rss_entries_become_documents_with_feed_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "northreach.rss", RSS)

    documents, dropped = read_all([path])

    origin = "file:" + str(path.resolve())
    assert documents == [
        RawDocument(
            source_key="https://northreach.example/floods",
            kind="feed",
            content_type="text",
            content="Water rose overnight in the caf\u00e9 district.\n\n"
            "Officials said 14 people died.",
            path=str(path),
            url="https://northreach.example/floods",
            title="Floods reach Lisk",
            source="Northreach Post",
            published="Wed, 11 Mar 2026 06:45:00 +0000",
        ),
        RawDocument(
            source_key=f"{origin}#id=nr-2",
            kind="feed",
            content_type="text",
            content="Buses stayed in depots.\n\nFerries were full.",
            path=str(path),
            title="Strike enters day three",
            source="Northreach Post",
        ),
    ]
    assert dropped == [Dropped("feed entry without text", f"{path}#3")]


def test_atom_entries_use_link_content_and_updated(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.atom", ATOM)

    (document,), dropped = read_all([path])

    assert dropped == []
    assert document.url == "https://valdoria.example/corvane"
    assert document.content == "Shares fell 6 percent."
    assert document.published == "2026-03-12T08:00:00Z"
    assert document.source == "Valdoria Wire"


def test_xml_suffix_is_read_as_a_feed(tmp_path: Path) -> None:
    documents, _ = read_all([write(tmp_path / "feed.xml", ATOM)])

    assert [d.title for d in documents] == ["Corvane shares slide"]


def test_feed_ending_mid_element_keeps_the_entries_before_the_cut(tmp_path: Path) -> None:
    cut = RSS.index("<title>Strike enters") + len("<title>Strike ent")
    path = write(tmp_path / "cut.rss", RSS[:cut])

    documents, dropped = read_all([path])

    assert [d.title for d in documents] == ["Floods reach Lisk"]
    assert documents[0].content.startswith("Water rose overnight")
    # The entry cut off before its body is reported, not silently lost, and so is the cut.
    assert dropped[0] == Dropped("feed entry without text", f"{path}#2")
    assert [(d.reason, d.subject) for d in dropped[1:]] == [
        ("truncated or malformed feed", str(path))
    ]
    assert "no element found" in dropped[1].detail


def test_entry_without_a_link_or_id_is_keyed_by_position(tmp_path: Path) -> None:
    rss = (
        "<rss version='2.0'><channel><title>T</title>"
        "<item><title>A</title><description>First.</description></item>"
        "<item><title>B</title><description>Second.</description></item>"
        "</channel></rss>"
    )
    path = write(tmp_path / "plain.rss", rss)

    documents, _ = read_all([path])

    origin = "file:" + str(path.resolve())
    assert [d.source_key for d in documents] == [f"{origin}#entry=1", f"{origin}#entry=2"]


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01\x02 not xml at all \xff\xfe", b"<html><body><p>A web page</p></body></html>", b"x"],
)
def test_something_that_is_not_a_feed_is_dropped(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "broken.rss", content)

    documents, dropped = read_all([path])

    assert documents == []
    assert [(d.reason, d.subject) for d in dropped] == [("not a readable feed", str(path))]
    assert dropped[0].detail


def test_content_that_names_a_file_is_parsed_not_opened(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.rss", RSS)
    # feedparser would open a path given as bytes; the reader must pass the content itself.
    path = write(tmp_path / "pointer.rss", str(secret))

    documents, dropped = read_all([path])

    assert documents == []
    assert [d.reason for d in dropped] == ["not a readable feed"]


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("Line<br>break<br/>again", "Line\n\nbreak\n\nagain"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
        ("<h2>Head</h2>Body <i>text</i>\nwraps here", "Head\n\nBody text wraps here"),
        ("<div>x<style>p{color:red}</style><script>alert(1)</script>y</div>", "xy"),
        ("Plain one.\n\nPlain two.", "Plain one.\n\nPlain two."),
        ("Fish &amp; chips &#8212; &lt;cheap&gt;", "Fish & chips \u2014 <cheap>"),
        ("<p>  </p><p></p>", ""),
    ],
)
def test_fragment_to_text(fragment: str, text: str) -> None:
    assert fragment_to_text(fragment) == text
