"""HTML main-text and metadata extraction, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    sitename: str | None
    date: str | None
    url: str | None


def extract_html(markup: str, url: str | None = None) -> ExtractedPage | None:
    """The page's main text (paragraphs separated by blank lines) and metadata, or None."""
    document = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
        deduplicate=False,
    )
    if document is None:
        return None
    text = getattr(document, "text", None) or ""
    if not text.strip():
        return None
    return ExtractedPage(
        # trafilatura separates paragraphs with single newlines; our articles use blank lines.
        text="\n\n".join(line for line in text.split("\n") if line.strip()),
        title=getattr(document, "title", None) or None,
        sitename=getattr(document, "sitename", None) or None,
        date=getattr(document, "date", None) or None,
        url=getattr(document, "url", None) or None,
    )
