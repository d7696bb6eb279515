"""Stores for the web tests: fully populated briefs, hostile text, and enough stories to page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from storyline.model import (
    Brief,
    Claim,
    Disagreement,
    Entity,
    Fact,
    Quote,
    Story,
    SummarySentence,
    TimelineEntry,
)
from storyline.store import open_store

from ..report.builders import article, full_story

# Each payload would leave a trace if it ever ran: a dialog, or a mark on <body>.
MARK = "document.body.setAttribute('data-pwned','1')"
SCRIPT = f"<script>alert(1);{MARK}</script>"
IMG = f'<img src=x onerror="alert(2);{MARK}">'
SVG = f"<svg onload={MARK}>"
JS_URL = f"javascript:alert(3);{MARK}"
HOSTILE_ID = '"><script>alert(4)</script>'
HOSTILE_TITLE = f"Breaking {SCRIPT} news"
FILLERS = 60


def hostile_story() -> Story:
    articles = (
        article(
            "evil-1",
            title=HOSTILE_TITLE,
            url=JS_URL,
            source=f'Evil" onmouseover="{MARK}',
            text=f"First paragraph {SCRIPT}.\n\nSecond {IMG} paragraph {SVG}.",
        ),
        article(
            f"evil-2{IMG}",
            title=f"<a href='{JS_URL}'>click me</a>",
            url=f"https://ok.example/x?q={IMG}",
            path=f"<b>{IMG}</b>.txt",
            source="Fine Outlet",
        ),
    )
    ids = tuple(a.id for a in articles)
    brief = Brief(
        summary=(SummarySentence(f"Look {IMG} here {SCRIPT}.", ids),),
        facts=(Fact(IMG, SCRIPT, SVG, 3.0, False, None, SCRIPT, ids, "disputed"),),
        disagreements=(
            Disagreement(IMG, (Claim(3.0, SCRIPT, IMG, ids[:1]), Claim(4.0, SVG, None, ids[1:]))),
        ),
        quotes=(Quote(SCRIPT, IMG, ids),),
        entities=(Entity(IMG, "person", (SCRIPT,), ids),),
        timeline=(TimelineEntry(date(2026, 3, 9), f"{SVG} {SCRIPT}", ids),),
    )
    return Story(id=HOSTILE_ID, title=HOSTILE_TITLE, articles=articles, brief=brief)


def harbour_story() -> Story:
    days = [date(2026, 1, 5) + timedelta(days=n) for n in range(5)]
    articles = tuple(
        article(f"harbour-{n}", day=day, source="Daily Planet", title=f"Harbour strike day {n}")
        for n, day in enumerate(days)
    )
    brief = Brief(summary=(SummarySentence("Dock workers walked out.", ("harbour-0",)),))
    return Story(id="harbour", title="Harbour strike", articles=articles, brief=brief)


def election_story() -> Story:
    articles = (
        article("vote-1", day=date(2026, 2, 1), source="Gazette", title="Count begins"),
        article("vote-2", day=date(2026, 2, 2), source="Gazette", title="Count ends"),
    )
    return Story(id="election", title="Election count", articles=articles)


def filler_stories() -> list[Story]:
    start = date(2025, 6, 1)
    return [
        Story(
            id=f"filler-{n:02d}",
            title=f"Filler story {n:02d}",
            articles=(
                article(f"filler-{n:02d}-a", day=start + timedelta(days=n), source="Filler Wire"),
            ),
        )
        for n in range(FILLERS)
    ]


def web_stories() -> list[Story]:
    return [full_story(), harbour_story(), election_story(), hostile_story(), *filler_stories()]


def build_store(path: Path) -> Path:
    with open_store(path) as store:
        store.replace_stories(web_stories())
    return path
