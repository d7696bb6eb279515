"""The three reports as streams of text pieces, so no report is ever held as one string.

At 50,000 articles the reports of some 25,000 stories run to about 2 GB of text (and Python
stores a string at 4 bytes per character once one emoji appears in it), so the writer pipes
these pieces straight into files. Each stream joins to exactly the text of its whole-string
counterpart: `document.render_json` (plus the final newline), `markdown.render_markdown` and
`html.render_html`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import overload

from storyline.model import Story
from storyline.report.document import by_size, story_document
from storyline.report.html import REPORT_TEMPLATE, report_environment
from storyline.report.markdown import markdown_pieces
from storyline.report.view import StoryView, story_view, unique_anchors

# One story's object inside `{"stories": [...]}` at indent=2 sits two levels deep.
_STORY_INDENT = "\n    "


class StoryViews(Sequence[StoryView]):
    """The views `report_views` gives, built one at a time whenever they are read.

    All views at once take about two thirds of the reports' size, so they are not kept: each
    report reads them twice (contents, then stories), which builds each view four times in
    all; that costs a few seconds at 25,000 stories, and memory stays at one view.
    """

    def __init__(self, stories: Sequence[Story]) -> None:
        self._stories = by_size(stories)
        self._anchors = unique_anchors(self._stories)

    def __len__(self) -> int:
        return len(self._stories)

    @overload
    def __getitem__(self, index: int) -> StoryView: ...
    @overload
    def __getitem__(self, index: slice) -> list[StoryView]: ...
    def __getitem__(self, index: int | slice) -> StoryView | list[StoryView]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return story_view(self._stories[index], anchor=self._anchors[index])

    def __iter__(self) -> Iterator[StoryView]:
        for story, anchor in zip(self._stories, self._anchors, strict=True):
            yield story_view(story, anchor=anchor)

    @property
    def article_count(self) -> int:
        return sum(len(story.articles) for story in self._stories)


def stream_json(stories: Sequence[Story]) -> Iterator[str]:
    """`stories.json` story by story, byte for byte what `render_json(stories) + "\\n"` gives.

    json.dumps escapes every newline inside a string, so each newline of a story's own dump
    is layout and can be re-indented to the depth the whole document puts the story at.
    """
    ordered = by_size(stories)
    if not ordered:
        yield '{\n  "stories": []\n}\n'
        return
    yield '{\n  "stories": ['
    for number, story in enumerate(ordered):
        text = json.dumps(story_document(story), ensure_ascii=False, indent=2, allow_nan=False)
        yield ("," if number else "") + _STORY_INDENT + text.replace("\n", _STORY_INDENT)
    yield "\n  ]\n}\n"


def stream_markdown(views: StoryViews) -> Iterator[str]:
    """`report.md` story by story, the same text `render_markdown` builds in one string."""
    return markdown_pieces(views, views.article_count)


def stream_html(views: StoryViews, *, title: str = "storyline report") -> Iterator[str]:
    """`report.html` as Jinja2 generates it, the same text `render_html` returns."""
    template = report_environment().get_template(REPORT_TEMPLATE)
    return template.generate(title=title, stories=views, article_count=views.article_count)
