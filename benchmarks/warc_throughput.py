"""End-to-end throughput of `storyline run` on a WARC of news pages, per stage, with memory.

    .venv/bin/python -m benchmarks.warc_throughput --records 2000

Input: the English news pages of the extraction benchmarks, the ScrapingHub AEB pages (181,
with their URLs) and the L3S-GN1 Google News pages (621, no URL known: given
`https://l3s-gn1.example/<id>.html`), written with warcio into one gzipped WARC in a
temporary folder, one `response` record each (HTTP 200, `Content-Type: text/html`, no
charset, so the reader sniffs it as it must for many real servers), CC-NEWS style.

Sizes beyond the 802 pages are filled with replicas. Replica r (r = 1, 2, ...) of a page:
- has a fresh URL: its host becomes `replica<r>.<host>` (the path, and any date in it, is
  kept);
- has half of the lowercase words of four letters or more in its visible text (outside
  tags, comments, scripts and styles) rotated among themselves, exactly as the JSONL
  harness does (`pipeline_throughput.rotate_words`), so the markup, the amount of text and
  the extraction work are unchanged but the article text is no exact or near copy.
Unlike the JSONL replicas, their dates cannot be shifted (they come from each page's own
metadata, URL or text), so a replica usually joins its original's story: the stories are
larger than they would be for new articles, the per-article work the same.

The command runs as in `pipeline_throughput` (`run_monitor`): progress and memory every
`--every` seconds, per-stage seconds and items/s, end-to-end articles/s (wall), CPU
seconds per record of the process tree, peak RSS of the tree and of the main process.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from benchmarks.extraction_common import AEB, EXTRACTION, aeb_gold
from benchmarks.pipeline_throughput import add_run_options, measure, rotate_words
from benchmarks.shared_data import require

L3S_HTML = EXTRACTION / "l3s-gn1" / "html"
_NOT_TEXT = re.compile(
    r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_PRIVATE_USE = range(0xE000, 0xF900)
"""Candidates to join a page's text runs while its words rotate: not word characters."""


def news_pages() -> list[tuple[str, bytes]]:
    """(URL, HTML bytes) of the AEB and L3S-GN1 pages, in a fixed order."""
    gold = aeb_gold()
    pages = []
    for key in sorted(gold):
        url = gold[key].get("url") or f"https://aeb.example/{key}.html"
        pages.append((url, gzip.decompress((AEB / "html" / f"{key}.html.gz").read_bytes())))
    for path in sorted(require(L3S_HTML).glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        pages.append(
            (f"https://l3s-gn1.example/{page_id}.html", gzip.decompress(path.read_bytes()))
        )
    return pages


def replica_url(url: str, replica: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"replica{replica}.{parts.netloc}"))


def replica_markup(markup: bytes, seed: str) -> bytes:
    """The page with the words of its visible text rotated; every other byte kept."""
    # surrogateescape keeps bytes that are not UTF-8 as they were, byte for byte.
    html = markup.decode("utf-8", "surrogateescape")
    pieces = _NOT_TEXT.split(html)
    markup_runs = _NOT_TEXT.findall(html)
    # A joiner the page does not contain, so the rotated text splits back into its runs.
    joiner = next(chr(c) for c in _PRIVATE_USE if chr(c) not in html)
    rotated = rotate_words(joiner.join(pieces), seed).split(joiner)
    out = [rotated[0]]
    for tag, text in zip(markup_runs, rotated[1:], strict=True):
        out += [tag, text]
    return "".join(out).encode("utf-8", "surrogateescape")


def write_warc(path: Path, pages: list[tuple[str, bytes]], records: int) -> None:
    """Writes `records` response records: the pages, then their replicas."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for index in range(records):
            replica, position = divmod(index, len(pages))
            url, markup = pages[position]
            if replica:
                url = replica_url(url, replica)
                markup = replica_markup(markup, f"{url}-r{replica}")
            head = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html"), ("Content-Length", str(len(markup)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(markup), http_headers=head
            )
            writer.write_record(record)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=2000)
    add_run_options(parser)
    args = parser.parse_args()
    pages = news_pages()

    def write_corpus(work: Path) -> Path:
        corpus = work / "pages.warc.gz"
        write_warc(corpus, pages, args.records)
        return corpus

    replicas = (args.records - 1) // len(pages)
    label = (
        f"{args.records} WARC response records of {len(pages)} AEB and L3S-GN1 news pages "
        f"({replicas} replica(s))"
    )
    measure(label, args.records, write_corpus, args, [])


if __name__ == "__main__":
    main()
