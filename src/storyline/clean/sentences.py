"""Sentence splitting that keeps each sentence's character offsets in the article text."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storyline.model import Sentence


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split each paragraph (blank-line block) into sentences; a sentence never spans paragraphs.

    Offsets are found by searching forward from the previous sentence, so they always index
    the exact characters of `text` even where the splitter trims spaces.
    """
    segmenter = _segmenter()
    sentences: list[Sentence] = []
    cursor = 0
    for block in text.split("\n\n"):
        block_start = text.find(block, cursor)
        if block_start < 0 or not block.strip():
            continue
        position = block_start
        for piece in segmenter.segment(block):
            piece = piece.strip()
            if not piece:
                continue
            start = text.find(piece, position)
            if start < 0:
                continue
            end = start + len(piece)
            sentences.append(Sentence(piece, start, end))
            position = end
        cursor = block_start + len(block)
    return tuple(sentences)
