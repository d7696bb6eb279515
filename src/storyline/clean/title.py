"""Title detection for plain-text inputs: an optional first line that reads as a headline."""

from __future__ import annotations

_MAX_TITLE_CHARS = 200
_SENTENCE_END = (".", "!", "?", ":", ";", ",")


def looks_like_headline(line: str) -> bool:
    """Short, no final sentence punctuation, some letters, and not a breadcrumb trail."""
    line = line.strip()
    if not line or len(line) > _MAX_TITLE_CHARS or line.endswith(_SENTENCE_END):
        return False
    if line.count(">") >= 2 or line.count("»") >= 2 or line.count(" / ") >= 2:
        return False
    words = line.split()
    return 2 <= len(words) <= 30 and sum(ch.isalpha() for ch in line) >= len(line) // 2


def split_title(paragraph_list: list[str]) -> tuple[str | None, list[str]]:
    """Take the first paragraph as the title when it reads as a headline and body follows."""
    if len(paragraph_list) >= 2 and looks_like_headline(paragraph_list[0]):
        return paragraph_list[0], paragraph_list[1:]
    return None, paragraph_list
