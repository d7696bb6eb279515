"""A corpus of good inputs mixed with every kind of bad input the tool must survive.

Each good article carries a marker word that occurs in no other input, so a test can check
that it was stored exactly once. Each bad input is listed with the reason `storyline` must
give for it on stderr, under the name it was given (relative to the corpus's parent).
"""

from __future__ import annotations

import gzip
import io
import os
import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from storyline.ingest import DEFAULT_MAX_BYTES
from tests.ingest.builders import Response, warc_archive

LONG_LINE_BYTES = 30 * 1024 * 1024


@dataclass(frozen=True)
class BadInput:
    name: str
    reason: str
    """The reason, or a regular expression of the reasons accepted (cleaning may evolve)."""

    def matches(self, name: str, reason: str) -> bool:
        return name == self.name and re.fullmatch(self.reason, reason) is not None


@dataclass
class Corpus:
    inputs: list[str] = field(default_factory=list)
    good_markers: list[str] = field(default_factory=list)
    bad: list[BadInput] = field(default_factory=list)
    unreadable: list[BadInput] = field(default_factory=list)
    """Inputs only a process that obeys file modes must report (root reads them)."""


def prose(marker: str, sentences: int = 4) -> str:
    """A few sentences of news-like text that name `marker`."""
    lines = [
        f"The river authority confirmed the {marker} report on Tuesday morning.",
        "Engineers said the old bridge would close for repairs until the spring.",
        "Residents told reporters that the detour added twenty minutes to each trip.",
        "The mayor promised a public meeting before any final decision was taken.",
    ]
    return " ".join(lines[:sentences])


def html_page(marker: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Report {marker}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>Report {marker}</h1>"
        f"<p>{prose(marker)}</p><p>{prose(marker + 'x', 2)}</p></article></body></html>"
    )


def rss_feed(markers: list[str], cut_inside_last: bool = False) -> bytes:
    items = "".join(
        f"<item><title>Item {m}</title><link>https://feed.example/{m}</link>"
        f"<description>{prose(m)}</description></item>"
        for m in markers
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed</title>{items}</channel></rss>"
    )
    if cut_inside_last:
        # Ends mid-element: inside the last entry's description.
        feed = feed[: feed.rindex("<description>") + len("<description>") + 20]
    return feed.encode()


class _Builder:
    def __init__(self, root: Path, top: str) -> None:
        self.root = root
        self.top = top
        self.corpus = Corpus(inputs=[top])
        self.random = random.Random(9)

    def path(self, relative: str) -> Path:
        target = self.root / self.top / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def good(self, relative: str, data: bytes, *markers: str) -> None:
        self.path(relative).write_bytes(data)
        self.corpus.good_markers.extend(markers)

    def bad(self, relative: str, data: bytes | None, reason: str, subject: str = "") -> None:
        if data is not None:
            self.path(relative).write_bytes(data)
        self.corpus.bad.append(BadInput(f"{self.top}/{subject or relative}", reason))

    def noise(self, size: int) -> bytes:
        return self.random.randbytes(size)


def build_corpus(root: Path) -> Corpus:
    """Write the corpus under `root`; the run is given `corpus` plus a few explicit paths."""
    b = _Builder(root, "corpus")
    _good_inputs(b)
    _damaged_inputs(b)
    _filesystem_oddities(b)
    huge = root / "huge.txt"
    with huge.open("wb") as handle:
        # Sparse: one byte past the limit costs no disk space.
        handle.truncate(DEFAULT_MAX_BYTES + 1)
    b.corpus.inputs += ["huge.txt", "missing.txt"]
    b.corpus.bad += [BadInput("huge.txt", "too large"), BadInput("missing.txt", "no such file")]
    return b.corpus


def _good_inputs(b: _Builder) -> None:
    b.good("good/plain.txt", f"Bridge closes\n\n{prose('mkplain')}\n".encode(), "mkplain")
    b.good(
        "good/latin1.txt",
        f"date 2020-02-10\n\nCafé naïve — {prose('mklatin')}\n".replace("—", "-").encode("latin-1"),
        "mklatin",
    )
    b.good(
        "good/cp1252.txt",
        f"“Quoted” {prose('mkwindows')} – said the mayor’s aide.\n".encode("cp1252"),
        "mkwindows",
    )
    b.good("good/page.html", html_page("mkhtml").encode(), "mkhtml")
    b.good("good/feed.rss", rss_feed(["mkfeedone", "mkfeedtwo"]), "mkfeedone", "mkfeedtwo")
    # Character references to non-characters once made the feed parser raise, ending the run.
    refs = rss_feed(["mkrefs"]).replace(b"Item mkrefs", b"Item &#xD800;&#1114112;&#99999999999;")
    b.good("good/refs.rss", refs, "mkrefs")
    # Lone surrogates are valid JSON escapes; once they made the store raise.
    lone = f'{{"id": "sur\\ud800", "text": "{prose("mksurrogate")} \\udfff"}}\n'
    b.good("good/surrogates.jsonl", lone.encode(), "mksurrogate")
    responses = [
        Response(f"https://warc.example/{m}", html_page(m).encode()) for m in ("mkwarcone", "mkw2")
    ]
    b.good("good/archive.warc.gz", warc_archive(responses, gzip=True)[0], "mkwarcone", "mkw2")
    # A directory whose name looks like a file is walked like any directory.
    b.good("good/folder.txt/inside.txt", prose("mkinside").encode(), "mkinside")
    # Malformed but readable HTML: unclosed tags, stray closers, junk attributes.
    broken = (
        f"<html><body><div class=><p>{prose('mkmalformed')}<p><b>{prose('mkmalformedb', 2)}"
        "</span></i><table><tr><td>cell</div></body>"
    )
    b.good("good/malformed.html", broken.encode(), "mkmalformed")


def _damaged_inputs(b: _Builder) -> None:
    # Random bytes under every extension.
    b.bad("bad/random.txt", b.noise(4096), "binary content, not text")
    b.bad("bad/random", b.noise(4096), "binary content, not text")
    b.bad("bad/random.html", b.noise(4096), "binary content, not HTML")
    b.bad("bad/random.warc", b.noise(4096), "truncated or corrupt WARC")
    b.bad("bad/random.rss", b.noise(4096), "not a readable feed")
    b.bad("bad/random.html.gz", b"\x1f\x8b" + b.noise(4096), "truncated or corrupt gzip")
    b.bad(
        "bad/random.jsonl",
        b"\x00" + b.noise(200).replace(b"\n", b""),
        "malformed JSON Lines record",
        "bad/random.jsonl:1",
    )
    # Truncated compressed and archived data.
    page = gzip.compress(html_page("mkcutgzip").encode() * 20)
    b.bad("bad/cut.html.gz", page[: len(page) // 2], "truncated or corrupt gzip")
    bomb = io.BytesIO()
    with gzip.GzipFile(fileobj=bomb, mode="wb") as inflating:
        for _ in range(DEFAULT_MAX_BYTES // (1 << 20) + 1):
            inflating.write(b"<p>" + b" " * ((1 << 20) - 3))
    b.bad("bad/bomb.html.gz", bomb.getvalue(), "too large")
    responses = [
        Response(f"https://warc.example/{m}", html_page(m).encode())
        for m in ("mkcutwarcone", "mkcutwarctwo", "mkcutwarclost")
    ]
    archive, record_ends = warc_archive(responses, gzip=False)
    cut = (record_ends[-2] + record_ends[-1]) // 2  # inside the last response
    b.good("bad/cut.warc", archive[:cut], "mkcutwarcone", "mkcutwarctwo")
    b.bad("bad/cut.warc", None, "truncated or corrupt WARC")
    feed = rss_feed(["mkcutfeedone", "mkcutfeedtwo", "x"], cut_inside_last=True)
    b.good("bad/cut.rss", feed, "mkcutfeedone", "mkcutfeedtwo")
    b.bad("bad/cut.rss", None, "truncated or malformed feed")
    b.bad("bad/cut.rss", None, "feed entry without text", "bad/cut.rss#3")
    _jsonl_inputs(b)
    for name in ("empty.txt", "empty.jsonl", "empty.warc", "empty.html", "empty.rss"):
        b.bad(f"bad/{name}", b"", "empty file")
    b.bad("bad/blank.txt", b" \n\t\n\n", "no text")
    b.bad(
        "bad/tagsoup.html",
        b"<div><<<>>></p></span><br/><img src=x>",
        "no article text found in HTML|too little text",
    )
    b.bad("bad/image.png", b"\x89PNG\r\n\x1a\n" + b.noise(100), "unsupported file type")
    sentence = b"The council met on Tuesday and voted to repair the bridge over the river. "
    line = sentence * (LONG_LINE_BYTES // len(sentence) + 1)
    b.bad("bad/oneline.txt", line[:LONG_LINE_BYTES], "too long for an article")


def _jsonl_inputs(b: _Builder) -> None:
    lines = [
        f'{{"id": "j1", "text": "{prose("mkjsonone")}", "title": "One"}}',
        '{"id": "j2", "text": "unterminated',
        '{"id": "j3", "title": "no text field"}',
        f'{{"text": "{prose("mkjsonnoid")}"}}',
        "[1, 2, 3]",
        '{"id": "j5", "text": 42}',
        f'{{"id": "j6", "text": "{prose("mkjsonlast")}", "published": "not a date"}}',
    ]
    b.good("bad/mixed.jsonl", "\n".join(lines).encode(), "mkjsonone", "mkjsonnoid", "mkjsonlast")
    for number, reason in (
        (2, "malformed JSON Lines record"),
        (3, "record without text"),
        (5, "malformed JSON Lines record"),
        (6, "record without text"),
    ):
        b.bad("bad/mixed.jsonl", None, reason, f"bad/mixed.jsonl:{number}")
    records = "".join(
        f'{{"id": "g{n}", "text": "{prose(f"mkgz{n}")}"}}\n' for n in range(60)
    ).encode()
    compressed = gzip.compress(records)
    cut = compressed[: len(compressed) * 3 // 4]
    # Every line inflated whole before the cut is an article; a partial last one is not.
    inflated = zlib.decompressobj(31).decompress(cut)
    whole_lines = inflated.count(b"\n")
    b.good("bad/cut.jsonl.gz", cut, *(f"mkgz{n}" for n in range(whole_lines)))
    if not inflated.endswith(b"\n"):
        subject = f"bad/cut.jsonl.gz:{whole_lines + 1}"
        b.bad("bad/cut.jsonl.gz", None, "malformed JSON Lines record", subject)
    b.bad("bad/cut.jsonl.gz", None, "truncated or corrupt gzip")


def _filesystem_oddities(b: _Builder) -> None:
    top = b.root / b.top
    (top / "loops").mkdir()
    (top / "loops" / "back").symlink_to("..", target_is_directory=True)
    b.corpus.bad.append(BadInput(f"{b.top}/loops/back", "symbolic link loop"))
    (top / "loops" / "self.txt").symlink_to("self.txt")
    b.corpus.bad.append(BadInput(f"{b.top}/loops/self.txt", "unreadable"))
    (top / "loops" / "dangling.txt").symlink_to("nowhere.txt")
    b.corpus.bad.append(BadInput(f"{b.top}/loops/dangling.txt", "no such file"))
    os.mkfifo(top / "loops" / "pipe.txt")
    b.corpus.bad.append(BadInput(f"{b.top}/loops/pipe.txt", "not a regular file"))
    secret = b.path("locked/secret.txt")
    secret.write_text(prose("mksecret"))
    secret.chmod(0)
    closed = b.path("locked/closed/inner.txt")
    closed.write_text(prose("mkclosed"))
    closed.parent.chmod(0)
    b.corpus.unreadable += [
        BadInput(f"{b.top}/locked/secret.txt", "unreadable"),
        BadInput(f"{b.top}/locked/closed", "unreadable"),
    ]
