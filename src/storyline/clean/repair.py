"""Text repair: mojibake, entity debris and whitespace, keeping paragraphs as blank-line blocks."""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

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
# A quote mark lost to ", quot;" (translation pipelines): opening before a word, else closing.
_COMMA_QUOTE_OPENING = re.compile(r"[ \t]*,[ \t]*quot;(?=\w)")
_COMMA_QUOTE_CLOSING = re.compile(r",[ \t]*quot;")
# Template placeholders left by publishing systems, e.g. %AUTHOR_NAME3f2a%.
_PLACEHOLDER = re.compile(r"%[A-Z][A-Z0-9_]*[0-9a-f]*%")
# Curly quotes and full-width characters are the source's own, not damage: keep them.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
# C1 controls (Windows-1252 read as Latin-1), ligatures, surrogates, terminal escapes.
_FTFY_ALSO_FIXES = re.compile("[\x80-\x9f\ufb00-\ufb06\ud800-\udfff\x1b]")
# UTF-8 read as Windows-1252 or Latin-1: a lead byte's character ("Ã", "â", "Ð") followed by
# a continuation byte's ("©", "€", "™"). A cheap look before ftfy's costlier badness test.
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)
_C1_CONTROL = re.compile("[\x80-\x9f]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_RUN = re.compile(r"\n\s*\n+")


def _decode_spaced_entity(match: re.Match[str]) -> str:
    code = match.group(1)
    try:
        value = int(code[1:], 16) if code.lower().startswith("x") else int(code)
        return chr(value)
    except (ValueError, OverflowError):
        return match.group(0)


def fix_unicode(text: str) -> str:
    """ftfy where it can find something to fix, else only NFC and control characters.

    ftfy repairs encodings only in text its badness test flags, so running it on clean
    text (most articles) buys nothing but time: about a tenth of the clean stage's.
    """
    if text.isascii():
        return _CONTROL.sub("", text)
    suspicious = _MOJIBAKE_PAIR.search(text) is not None and is_bad(text)
    if suspicious or _FTFY_ALSO_FIXES.search(text):
        return ftfy.fix_text(text, _FTFY)
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def fix_markup_encoding(markup: str) -> str:
    """Undo UTF-8 read as Latin-1 in a whole page, before the extractor drops the control
    characters that would let ftfy repair it afterwards. C1 controls never occur in real
    text, so their presence is the cheap sign; ftfy decides the rest."""
    if _C1_CONTROL.search(markup) is None:
        return markup
    return ftfy.fix_encoding(markup)


def repair_text(text: str) -> str:
    """Fix encoding and entity debris and normalise spaces; paragraphs stay blank-line blocks."""
    text = fix_unicode(text)
    text = _SPACED_ENTITY.sub(_decode_spaced_entity, text)
    text = _COMMA_QUOTE_OPENING.sub(' "', text)
    text = _COMMA_QUOTE_CLOSING.sub('"', text)
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
