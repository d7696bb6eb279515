"""The Markdown report: content, source refs, empty sections and escaping."""

from __future__ import annotations

import re
from dataclasses import replace

from storyline.model import Brief, Story, SummarySentence
from storyline.report import render_markdown
from storyline.report.markdown import md_text

from .builders import article, full_story, plain_story
from .hostile import hostile_story


def _section(markdown: str, heading: str) -> str:
    after = markdown.split(f"### {heading}\n", 1)[1]
    return after.split("\n### ", 1)[0].split("\n---", 1)[0]


def test_every_summary_sentence_appears_followed_by_its_refs() -> None:
    markdown = render_markdown([full_story()])

    assert "An earthquake struck the coast on Monday. [1][2]" in markdown
    assert "Rescue teams reached the town by night. [3]" in markdown


def test_top_list_names_each_story_with_size_dates_and_outlets() -> None:
    markdown = render_markdown([plain_story("small", 1, title="Small one"), full_story()])
    top = markdown.split("## Stories\n", 1)[1].split("---", 1)[0]

    lines = [line for line in top.splitlines() if line]
    assert lines[0] == (
        "1. **Quake hits coast** — 3 articles, 10 Mar 2026 – 12 Mar 2026; "
        "Reuters, apnews.example, BBC"
    )
    assert lines[1].startswith("2. **Small one** — 1 article, 10 Mar 2026")
    assert markdown.index("## 1. Quake hits coast") < markdown.index("## 2. Small one")


def test_facts_table_has_one_column_per_outlet() -> None:
    facts = _section(render_markdown([full_story()]), "Facts")

    header = "| Fact | Value | Status | According to | apnews.example | Reuters | BBC |"
    assert header in facts
    assert "|---|---|---|---|---|---|---|" in facts
    row = "| At least 120 people died. (9 Mar 2026) | about 120 | corroborated | the ministry "
    assert row + "| [2] | [1] | — |" in facts
    assert "| Damage is unknown. | — | disputed | — | — | — | [3] |" in facts


def test_other_sections_render_their_items() -> None:
    markdown = render_markdown([full_story()])

    disagreements = _section(markdown, "Disagreements")
    assert "- **deaths**" in disagreements
    assert "  - **120**, according to the ministry: At least 120 people died. [1]" in disagreements
    assert "  - **95.5**: 95.5 is a strange death toll. [2]" in disagreements
    quotes = _section(markdown, "Quotes")
    assert "- **Ana Silva**\n  - “We are doing everything we can.” [1][2]" in quotes
    assert "- **People:** Ana Silva (also Silva) [1][2]" in _section(markdown, "Entities")
    timeline = _section(markdown, "Timeline").strip().splitlines()
    assert timeline == [
        "- 9 Mar 2026 — The earthquake strikes. [1][2]",
        "- 11 Mar 2026 — Rescue teams arrive. [3]",
    ]
    articles = _section(markdown, "Articles").strip().splitlines()
    assert articles[0] == (
        "- [1] Title of a1 — Reuters, 10 Mar 2026, <https://reuters.example/quake>"
    )
    assert articles[2].endswith("(duplicate of [1])")


def test_empty_sections_say_none_found() -> None:
    markdown = render_markdown([plain_story("x", 1)])

    for heading in ("Summary", "Facts", "Disagreements", "Quotes", "Entities", "Timeline"):
        assert _section(markdown, heading).strip() == "_None found._"
    assert "Title of x-a1" in _section(markdown, "Articles")


def test_md_text_escapes_table_breakers_html_and_links() -> None:
    assert md_text("a | b\nc") == r"a \| b c"
    assert md_text("<b>x</b>") == r"\<b\>x\</b\>"
    assert md_text("[click](javascript:x)") == r"\[click\](javascript:x)"
    assert md_text("back\\slash `code`") == r"back\\slash \`code\`"


def test_hostile_text_cannot_break_tables_or_inject_html() -> None:
    markdown = render_markdown([hostile_story()])

    # every "<" that a Markdown renderer would read as markup is one of our http(s) autolinks
    assert re.findall(r"(?<!\\)<(?!https?://)", markdown) == []
    assert "<javascript:" not in markdown  # never an autolink
    assert r"Look \<img src=x onerror=alert(1)\> here \| and there" in markdown
    table_rows = [line for line in markdown.splitlines() if line.startswith("| Look")]
    assert len(table_rows) == 1
    # five columns (one outlet): the pipe in the fact text is escaped, so it adds no cell
    assert table_rows[0].replace(r"\|", "").count("|") == 6
    assert "- [1] \\<script\\>alert(1)\\</script\\> — " in markdown
    assert "javascript:alert(1)" in markdown  # shown as text


def test_a_summary_that_starts_like_markup_stays_a_paragraph() -> None:
    for text, expected in (("# Not a heading", "\\# Not"), ("1. Not a list", "1\\. Not")):
        story = replace(full_story(), brief=Brief(summary=(SummarySentence(text, ("a1",)),)))
        assert _section(render_markdown([story]), "Summary").strip().startswith(expected)


def test_no_stories_gives_a_short_report() -> None:
    markdown = render_markdown([])

    assert markdown.startswith("# storyline report\n")
    assert "0 stories, 0 articles." in markdown
    assert "## Stories" not in markdown


def test_one_story_one_article_counts_are_singular() -> None:
    story = Story("s", "Solo", (article("a1"),))
    assert "1 story, 1 article." in render_markdown([story])
