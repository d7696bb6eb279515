"""The HTML report: one self-contained file, inline CSS, no scripts and no network assets.

Article text is untrusted: the Jinja2 environment autoescapes everything and the templates
never mark article text safe; links to articles only use urls that `display.web_url` accepts.
The Content-Security-Policy in the page head backs this up in the browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from storyline.model import Story
from storyline.report.view import report_views

STORY_TEMPLATE = "_story.html.j2"
REPORT_TEMPLATE = "report.html.j2"


@cache
def report_environment() -> Environment:
    """The Jinja2 environment holding the report templates (the web UI reuses the partial)."""
    return Environment(
        loader=PackageLoader("storyline", "report/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(stories: Sequence[Story], *, title: str = "storyline report") -> str:
    views = report_views(stories)
    template = report_environment().get_template(REPORT_TEMPLATE)
    return template.render(
        title=title,
        stories=views,
        article_count=sum(view.size for view in views),
    )
