"""Lines of repaired text, with paragraphs that extraction or wrapping split joined again.

Two kinds of split are undone:

* a line that stops mid-sentence followed by one that starts in lower case: extraction
  broke a paragraph at a link, an inline ad or a `<br>` (across a blank line too, when
  both parts are a few words long);
* hard-wrapped text (e-mail, pasted terminal output): most lines end near one width, so
  the lines of a blank-line block are one paragraph.

Each joined line remembers which input lines it came from, so a caller can say which of
the original lines survived cleaning.
"""

from __future__ import annotations

from dataclasses import dataclass

_WRAP_MIN_LINES = 6
_WRAP_MAX_WIDTH = 100
_WRAP_MIN_WIDTH = 40
_WRAP_NEAR_WIDTH = 0.7
_WRAP_SHARE = 0.6
_WRAP_OPEN_SHARE = 0.5
_MIN_SPLIT_WORDS = 4
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "'", "’", ")")


@dataclass(frozen=True, slots=True)
class SourceLine:
    """A line of the article, and the indices of the input lines it was joined from."""

    text: str
    parts: tuple[int, ...]


def _wrap_width(lines: list[str]) -> int | None:
    """The width text was hard-wrapped at, or None when it was not."""
    if len(lines) < _WRAP_MIN_LINES:
        return None
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(len(lengths) * 0.9) - 1]
    if not _WRAP_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH:
        return None
    near = [line for line in lines if width * _WRAP_NEAR_WIDTH <= len(line) <= width + 2]
    # Wrapping cuts sentences: most full-width lines stop mid-sentence. Short paragraphs of
    # even length (a list of one-sentence paragraphs) end theirs.
    open_ended = sum(1 for line in near if not line.endswith(_SENTENCE_END))
    if len(near) < len(lines) * _WRAP_SHARE or open_ended < len(near) * _WRAP_OPEN_SHARE:
        return None
    return width


def _continues(previous: str, following: str, wrap_width: int | None, after_blank: bool) -> bool:
    """`following` carries on the paragraph that the physical line `previous` left open."""
    if wrap_width is not None and not after_blank:
        # Wrapped text: a paragraph ends on a line that stops short of the width.
        return len(previous) >= wrap_width * _WRAP_NEAR_WIDTH
    if previous.endswith(_SENTENCE_END):
        return False
    first = following[:1]
    if after_blank:
        # Across a blank line only a clear case: a long line stopped mid-sentence and the
        # next goes on in lower case.
        return (
            first.islower()
            and len(previous.split()) >= _MIN_SPLIT_WORDS
            and len(following.split()) >= _MIN_SPLIT_WORDS
        )
    return first.islower() or (previous.endswith(",") and first.isalnum())


def source_lines(text: str, may_be_wrapped: bool = True) -> list[SourceLine]:
    """The non-blank lines of `text`, split paragraphs joined again. Text an extractor cut
    from a page (`may_be_wrapped` off) has a paragraph a line and is never hard-wrapped."""
    lines: list[tuple[str, bool]] = []
    after_blank = False
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            lines.append((line, after_blank))
            after_blank = False
        else:
            after_blank = bool(lines)
    wrap_width = _wrap_width([line for line, _ in lines]) if may_be_wrapped else None
    joined: list[SourceLine] = []
    previous = ""
    for position, (line, blank_before) in enumerate(lines):
        if previous and _continues(previous, line, wrap_width, blank_before):
            current = joined[-1]
            glue = "" if current.text.endswith("-") and line[:1].islower() else " "
            joined[-1] = SourceLine(current.text + glue + line, (*current.parts, position))
        else:
            joined.append(SourceLine(line, (position,)))
        previous = line
    return joined
