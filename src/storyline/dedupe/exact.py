"""Exact-duplicate folding: the same body text, whatever its spacing, case or punctuation."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import ClassVar

from storyline.model import Article, Dropped, publication_order
from storyline.stage import GroupStage

_NON_WORD = re.compile(r"\W+")


def normalized_text_hash(text: str) -> str:
    """Hash of the words alone, so re-published copies with other spacing match."""
    return hashlib.sha1(_NON_WORD.sub(" ", text.casefold()).strip().encode()).hexdigest()


class ExactDuplicateStage(GroupStage[Article, Article]):
    """Marks every copy of a text as `duplicate_of` the earliest article with that text.

    The group key is the text hash itself, so groups stay as small as the copies of one text.
    """

    name = "dedupe"
    consumes: ClassVar[type] = Article
    produces: ClassVar[type] = Article

    def key(self, item: Article) -> Hashable:
        return normalized_text_hash(item.text)

    def group(self, items: Sequence[Article]) -> list[Article | Dropped]:
        ordered = sorted(items, key=publication_order)
        original = ordered[0]
        out: list[Article | Dropped] = [replace(original, duplicate_of=None)]
        out.extend(replace(copy, duplicate_of=original.id) for copy in ordered[1:])
        return out
