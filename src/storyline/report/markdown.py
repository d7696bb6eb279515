"""The Markdown report: a list of stories, then each story's brief with short source refs.

Article text is untrusted and reaches Markdown renderers that may pass raw HTML through, so
every piece of it goes through `md_text`: one line, with the characters that would start
HTML, links, code or table cells backslash-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from storyline.model import Story
from storyline.report.view import ArticleView, SourceRef, StoryView, report_views

NONE_FOUND = "_None found._"
_MD_SPECIAL = re.compile(r"([\\`\[\]<>|])")
_LIST_MARK = re.compile(r"(\d+)([.)])")
_AUTOLINK_SAFE = re.compile(r"[^<>\s]+\Z")


def render_markdown(stories: Sequence[Story]) -> str:
    views = report_views(stories)
    return "".join(markdown_pieces(views, sum(view.size for view in views)))


def markdown_pieces(views: Sequence[StoryView], article_count: int) -> Iterator[str]:
    """`report.md` in pieces, one per story, so that a writer never holds it whole."""
    head = ["# storyline report", ""]
    head += [f"{_count(len(views), 'story', 'stories')}, {_count(article_count, 'article')}.", ""]
    if views:
        head += ["## Stories", ""]
        head += [f"{n}. {_story_line(view)}" for n, view in enumerate(views, start=1)]
        head.append("")
    story_pieces = (
        "\n" + "\n".join(["---", "", *_story(number, view)])
        for number, view in enumerate(views, start=1)
    )
    return _ending_in_one_newline(chain(["\n".join(head)], story_pieces))


def _ending_in_one_newline(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces as `"".join(pieces).rstrip("\\n") + "\\n"` would give them, streamed: a run
    of newlines is held back until text follows it, since it may turn out to be the end."""
    pending = ""
    for piece in pieces:
        kept = piece.rstrip("\n")
        if kept:
            yield pending + kept
            pending = piece[len(kept) :]
        else:
            pending += piece
    yield "\n"


def md_text(text: str) -> str:
    """Article text made safe for one line of Markdown, inside or outside a table."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def refs(items: Iterable[SourceRef]) -> str:
    return "".join(ref.label for ref in items)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


def _story_line(view: StoryView) -> str:
    outlets = ", ".join(md_text(outlet) for outlet in view.outlets) or "outlet unknown"
    return (
        f"**{md_text(view.title)}** — {_count(view.size, 'article')}, {view.date_range}; {outlets}"
    )


def _with_refs(text: str, cited: Iterable[SourceRef]) -> str:
    tail = refs(cited)
    return f"{md_text(text)} {tail}" if tail else md_text(text)


def _story(number: int, view: StoryView) -> list[str]:
    lines = [f"## {number}. {md_text(view.title)}", ""]
    meta = [_count(view.size, "article"), view.date_range]
    if view.outlets:
        meta.append(", ".join(md_text(outlet) for outlet in view.outlets))
    meta.append(f"id {md_text(view.id)}" + (f", key {md_text(view.key)}" if view.key else ""))
    lines += [" · ".join(meta), ""]
    sections = (
        ("Summary", _summary(view)),
        ("Facts", _facts(view)),
        ("Disagreements", _disagreements(view)),
        ("Quotes", _quotes(view)),
        ("Entities", _entities(view)),
        ("Timeline", _timeline(view)),
        ("Articles", _articles(view)),
    )
    for heading, body in sections:
        lines += [f"### {heading}", "", *(body or [NONE_FOUND]), ""]
    return lines


def _summary(view: StoryView) -> list[str]:
    if not view.summary:
        return []
    paragraph = " ".join(_with_refs(s.text, s.refs) for s in view.summary)
    return [_escape_block_start(paragraph)]


def _escape_block_start(line: str) -> str:
    """Keep a paragraph that begins like a heading or a list item a plain paragraph."""
    if line[:1] in {"#", "+", "-", "=", "*"}:
        return "\\" + line
    return _LIST_MARK.sub(r"\1\\\2", line, count=1) if _LIST_MARK.match(line) else line


def _facts(view: StoryView) -> list[str]:
    table = view.fact_table
    if not table.rows:
        return []
    header = ["Fact", "Value", "Status", "According to", *map(md_text, table.outlets)]
    lines = [
        "Who reports what: one column per outlet, naming its articles that state the fact.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for row in table.rows:
        fact = row.fact
        text = md_text(fact.text) + (f" ({fact.date})" if fact.date else "")
        who = md_text(fact.attributed_to) if fact.attributed_to else "—"
        cells = [refs(cell) or "—" for cell in row.by_outlet]
        lines.append("| " + " | ".join([text, fact.value, fact.status, who, *cells]) + " |")
    return lines


def _disagreements(view: StoryView) -> list[str]:
    lines: list[str] = []
    for item in view.disagreements:
        lines.append(f"- **{md_text(item.about)}**")
        for claim in item.claims:
            who = f", according to {md_text(claim.attributed_to)}" if claim.attributed_to else ""
            lines.append(f"  - **{claim.value}**{who}: {_with_refs(claim.text, claim.refs)}")
    return lines


def _quotes(view: StoryView) -> list[str]:
    lines: list[str] = []
    for group in view.quote_groups:
        lines.append(f"- **{md_text(group.speaker)}**")
        lines += [f"  - “{md_text(q.text)}” {refs(q.refs)}".rstrip() for q in group.quotes]
    return lines


def _entities(view: StoryView) -> list[str]:
    lines = []
    for group in view.entity_groups:
        names = []
        for entity in group.entities:
            aliases = ", ".join(md_text(alias) for alias in entity.aliases)
            name = md_text(entity.name) + (f" (also {aliases})" if aliases else "")
            names.append(f"{name} {refs(entity.refs)}".rstrip())
        lines.append(f"- **{group.label}:** " + "; ".join(names))
    return lines


def _timeline(view: StoryView) -> list[str]:
    return [f"- {entry.date} — {_with_refs(entry.text, entry.refs)}" for entry in view.timeline]


def _articles(view: StoryView) -> list[str]:
    return [_article(article) for article in view.articles]


def _article(article: ArticleView) -> str:
    parts = [f"- {article.ref.label} {md_text(article.title)}"]
    details = [md_text(item) for item in (article.outlet, article.date) if item]
    if article.web_url and _AUTOLINK_SAFE.match(article.web_url):
        details.append(f"<{article.web_url}>")
    elif article.url:
        details.append(md_text(article.url))
    elif article.path:
        details.append(md_text(article.path))
    if details:
        parts.append(" — " + ", ".join(details))
    if article.duplicate_of is not None:
        parts.append(f" (duplicate of {article.duplicate_of.label})")
    elif article.duplicate_of_id is not None:
        parts.append(f" (duplicate of {md_text(article.duplicate_of_id)})")
    return "".join(parts)
