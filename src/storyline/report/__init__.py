"""Reports over stories: the `stories.json` contract, Markdown and a self-contained HTML page.

`document` builds the JSON contract, `view` the display models the Markdown and HTML writers
(and the web UI) share; the templates live in `report/templates/`.
"""

from storyline.report.document import render_json, stories_document, story_document
from storyline.report.html import STORY_TEMPLATE, render_html, report_environment
from storyline.report.markdown import render_markdown
from storyline.report.view import StoryView, report_views, story_view
from storyline.report.writer import ReportPaths, write_reports

__all__ = [
    "STORY_TEMPLATE",
    "ReportPaths",
    "StoryView",
    "render_html",
    "render_json",
    "render_markdown",
    "report_environment",
    "report_views",
    "stories_document",
    "story_document",
    "story_view",
    "write_reports",
]
