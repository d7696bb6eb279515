"""Stable article identity: the same article read twice gets the same id."""

from __future__ import annotations

import hashlib

from storyline.model import RawDocument


def content_hash(raw: RawDocument) -> str:
    """Hash of the content as read, so that improving the cleaner does not change identity."""
    return hashlib.sha256(raw.content.encode("utf-8", "surrogatepass")).hexdigest()


def article_id(raw: RawDocument, digest: str) -> str:
    """The record's own id when the input gives one, else a hash of source and content."""
    if raw.given_id:
        return raw.given_id
    key = hashlib.sha256(f"{raw.source_key}\0{digest}".encode("utf-8", "surrogatepass"))
    return "a" + key.hexdigest()[:15]
