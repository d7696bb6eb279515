"""Text repair: mojibake, entity debris and whitespace, keeping paragraphs as blank-line blocks."""

from __future__ import annotations

import html
import re

import ftfy

# ftfy leaves entity debris that broken extraction and machine translation produce:
# "& # 39;" with spaces inside, and a bare entity name where the ampersand was lost.
_SPACED_ENTITY = re.compile(r"&\s*#\s*(x?[0-9a-fA-F]{1,6})\s*;")
# Quote entities also lose their ampersand right after a word ("saidquot;"); the others only
# count as debris when they stand alone, so that real words are never cut.
_BARE_ENTITY = re.compile(
    r"(?<!&)(quot|apos|rsquo|rdquo);|(?<![&\w])(amp|lt|gt|nbsp|lsquo|ldquo|mdash|ndash);"
)
_BARE_ENTITY_CHARS = {
    "quot": '"',
    "apos": "'",
    "amp": "&",
    "lt": "<",
    "gt": ">",
    "nbsp": " ",
    "rsquo": "\u2019",
    "lsquo": "\u2018",
    "rdquo": "\u201d",
    "ldquo": "\u201c",
    "mdash": "\u2014",
    "ndash": "\u2013",
}
# Template placeholders left by publishing systems, e.g. %AUTHOR_NAME3f2a%.
_PLACEHOLDER = re.compile(r"%[A-Z][A-Z0-9_]*[0-9a-f]*%")
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_RUN = re.compile(r"\n\s*\n+")


def _decode_spaced_entity(match: re.Match[str]) -> str:
    code = match.group(1)
    try:
        value = int(code[1:], 16) if code.lower().startswith("x") else int(code)
        return chr(value)
    except (ValueError, OverflowError):
        return match.group(0)


def repair_text(text: str) -> str:
    """Fix encoding and entity debris and normalise spaces; paragraphs stay blank-line blocks."""
    text = ftfy.fix_text(text, normalization="NFC")
    text = _SPACED_ENTITY.sub(_decode_spaced_entity, text)
    text = html.unescape(text)
    text = _BARE_ENTITY.sub(lambda m: _BARE_ENTITY_CHARS[m.group(1) or m.group(2)], text)
    text = _PLACEHOLDER.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def paragraphs(text: str) -> list[str]:
    """Paragraphs of repaired text: blank-line blocks, or single lines when there are no blanks."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    if len(blocks) <= 1 and "\n" in text:
        blocks = [line.strip() for line in text.split("\n") if line.strip()]
    return blocks
