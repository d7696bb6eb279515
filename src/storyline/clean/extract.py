"""HTML main-text and metadata extraction, through trafilatura and htmldate.

The page is parsed once. Metadata is read with trafilatura's own helpers, but only what an
article needs (title, site name, canonical URL, publication date): trafilatura's full
metadata pass also looks for authors, categories, tags and licences, which cost about a
fifth of the extraction time on trafilatura's evaluation set and are not used here.

The extraction settings are the ones that scored best on the extraction benchmarks
(`benchmarks/extraction_aeb.py`, `benchmarks/extraction_trafilatura_eval.py`); see
benchmarks/README.md.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Any

import trafilatura
from htmldate import find_date
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import load_html

from storyline.clean.repair import fix_markup_encoding

# Scripts (except JSON-LD, which holds metadata), styles, inline SVG and comments: trafilatura
# discards them all, but only after parsing and copying the tree they make up half of.
_INERT_MARKUP = re.compile(
    r"<script(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style[^>]*>.*?</style\s*>"
    r"|<svg[^>]*>.*?</svg\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    sitename: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    """trafilatura's options that change what is extracted."""

    include_tables: bool = True
    favor_precision: bool = False
    favor_recall: bool = False
    fast: bool = False


DEFAULT_SETTINGS = ExtractSettings()


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None
    sitename: str | None
    date: str | None
    url: str | None


def page_metadata(tree: Any, url: str | None) -> PageMetadata:
    """Title, site name, canonical URL and publication date from the page's markup."""
    found = examine_meta(tree)
    if not (found.title and found.sitename):
        # JSON-LD is the costlier read: only when the meta tags left a gap.
        # trafilatura's JSON-LD reader fails on odd markup; the meta tags still count.
        with suppress(Exception):
            found = extract_meta_json(tree, found)
    title = found.title or extract_title(tree)
    canonical = found.url or extract_url(tree, url)
    sitename = found.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@") or None
    published = find_date(
        tree,
        extensive_search=False,
        original_date=True,
        url=canonical,
        max_date=date.today().isoformat(),
    )
    return PageMetadata(title or None, sitename, published, canonical)


def extract_html(
    markup: str, url: str | None = None, settings: ExtractSettings = DEFAULT_SETTINGS
) -> ExtractedPage | None:
    """The page's main text (one paragraph a line) and metadata, or None when there is none."""
    tree = load_html(fix_markup_encoding(_INERT_MARKUP.sub("", markup)))
    if tree is None:
        return None
    metadata = page_metadata(tree, url)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=settings.include_tables,
        favor_precision=settings.favor_precision,
        favor_recall=settings.favor_recall,
        fast=settings.fast,
        deduplicate=False,
    )
    text = (getattr(document, "text", None) or "") if document is not None else ""
    if not text.strip():
        return None
    return ExtractedPage(text, metadata.title, metadata.sitename, metadata.date, metadata.url)
