"""HTML fragments (feed entry bodies) to plain text with one blank line between paragraphs.

Feed entries carry a few paragraphs of markup, not whole pages, so there is no boilerplate to
remove and a full extractor would be overkill; what matters is that block elements become
paragraph breaks and scripts and styles vanish. The standard library's tokenizer does exactly
that without building a tree, so deeply nested junk cannot exhaust the recursion limit, and
it is typed (lxml is not, under `mypy --strict`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript"})
_BREAK = "\n\n"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.pieces.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.pieces.append(_BREAK)

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.pieces.append(data)


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML (or plain text) fragment, paragraphs separated by blank lines.

    A blank line in the source also separates paragraphs: feeds that send plain text, or
    markup without block tags, mark paragraphs that way.
    """
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    chunks = _BLANK_LINE.split("".join(collector.pieces))
    paragraphs = (" ".join(chunk.split()) for chunk in chunks)
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
