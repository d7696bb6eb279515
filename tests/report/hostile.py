"""A story whose article strings try to break out of HTML and Markdown."""

from __future__ import annotations

from storyline.model import Brief, Fact, Quote, Story, SummarySentence

from .builders import article

SCRIPT_TITLE = "<script>alert(1)</script>"
IMG_TEXT = "Look <img src=x onerror=alert(1)> here | and\nthere"
JS_URL = "javascript:alert(1)"


def hostile_story() -> Story:
    articles = (
        article("h1", title=SCRIPT_TITLE, url=JS_URL, source='Evil" onmouseover="alert(1)'),
        article("h2", title="Fine", url="https://ok.example/x", path="<b>path</b>.txt"),
    )
    brief = Brief(
        summary=(SummarySentence(IMG_TEXT, ("h1", "h2")),),
        facts=(
            Fact(IMG_TEXT, "x", None, 3.0, False, None, SCRIPT_TITLE, ("h1",), "single-source"),
        ),
        quotes=(Quote(SCRIPT_TITLE, IMG_TEXT, ("h1",)),),
    )
    return Story(
        id='"><script>alert(1)</script>', title=SCRIPT_TITLE, articles=articles, brief=brief
    )
