"""Bytes to text for scraped files, whose encoding is rarely declared and often wrong.

The order is fixed and cheap: a byte-order mark wins, then UTF-8 if the bytes are valid
UTF-8, then a declared charset that decodes them, then Windows-1252 (which is what most
"Latin-1" text on the web really is: curly quotes and dashes live in its 0x80-0x9F range),
then Latin-1, which decodes any byte string.

Valid UTF-8 beats a declaration because legacy text with non-ASCII bytes almost never forms
valid UTF-8 by chance, while declarations are often stale: in the extraction benchmarks in
../shared/data, dozens of pages say ISO-8859-1 and are UTF-8. Statistical detection
(charset_normalizer) was left out: tried on short Western news sentences it named cp1250 or
cp1257 and garbled "Déjà vu", where this fallback decodes them exactly.
"""

from __future__ import annotations

import codecs
import re

_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.10

# Tab, line feed, vertical tab, form feed and carriage return occur in real text files.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r")
_CONTROL_BYTES = (frozenset(range(0x20)) - _TEXT_CONTROLS) | {0x7F}

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)

# Browsers read these labels as Windows-1252 (WHATWG Encoding Standard), and so do we: pages
# that say ISO-8859-1 routinely contain curly quotes from the 0x80-0x9F range.
_WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "ascii"})


def split_bom(data: bytes) -> tuple[str | None, bytes]:
    """The encoding named by a byte-order mark, and the data without the mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def looks_binary(data: bytes) -> bool:
    """True when the start of `data` has NUL bytes or too many control characters for text."""
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > _MAX_CONTROL_SHARE * len(sample)


def decode_legacy(data: bytes) -> str:
    """UTF-8 if it is valid, otherwise Windows-1252, otherwise Latin-1 (which cannot fail)."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def decode_text(data: bytes) -> str | None:
    """Decode a plain text file; None when the bytes are not text at all."""
    bom_encoding, body = split_bom(data)
    if bom_encoding is not None:
        return body.decode(bom_encoding, errors="replace")
    if looks_binary(body):
        return None
    return decode_legacy(body)


def decode_markup(data: bytes, declared: str | None = None) -> str | None:
    """Decode an HTML document; None when the bytes are not text at all.

    `declared` is a charset from outside the document (an HTTP header). When the bytes are
    not UTF-8, it and the document's own `<meta charset>` are tried in that order, each
    only if it decodes the bytes without error.
    """
    bom_encoding, body = split_bom(data)
    if bom_encoding is not None:
        return body.decode(bom_encoding, errors="replace")
    if looks_binary(body):
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for label in (declared, meta_charset(body)):
        encoding = _usable_encoding(label)
        if encoding is None:
            continue
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    return decode_legacy(body)


def meta_charset(data: bytes) -> str | None:
    """The charset a `<meta>` tag near the top of an HTML document declares, if any."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _usable_encoding(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page without a byte-order mark that says UTF-16 is ASCII-compatible in practice; the
    # WHATWG standard tells browsers to read it as UTF-8 for that reason.
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name
