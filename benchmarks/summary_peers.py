"""The summarizers storyline is compared with: lead, random, and sumy's LexRank, TextRank, LSA.

Every peer gets the cluster's documents as plain text and returns whole sentences under the
same word budget, filled by the same rule (`pack`): sentences in the peer's order of
preference, a sentence that would overflow the budget is skipped and the next one tried.
sumy's own tokenizer needs NLTK's punkt data, which cannot be downloaded here, so the sumy
peers split sentences with pysbd (as storyline does) and words with a regular expression.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

import pysbd
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

T = TypeVar("T")
Summarizer = Callable[[Sequence[str], int], list[str]]

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def words_in(sentence: str) -> int:
    return len(sentence.split())


def pack(preferred: Iterable[T], budget: int, text: Callable[[T], str] = str) -> list[T]:
    """Whole sentences in order of preference, skipping any that would overflow the budget."""
    chosen: list[T] = []
    used = 0
    for item in preferred:
        size = words_in(text(item))
        if size and used + size <= budget:
            chosen.append(item)
            used += size
    return chosen


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        if paragraph.strip():
            out.extend(s.strip() for s in _segmenter().segment(paragraph) if s.strip())
    return out


class PysbdTokenizer:
    """The two methods sumy's parsers call on a tokenizer, without NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def lead(documents: Sequence[str], budget: int) -> list[str]:
    """Round robin over the documents' sentences: every first sentence, then every second..."""
    split = [split_sentences(d) for d in documents]
    order = [s[i] for i in range(max(map(len, split), default=0)) for s in split if i < len(s)]
    return pack(order, budget)


def random_sentences(documents: Sequence[str], budget: int, seed: int = 13) -> list[str]:
    sentences = [s for d in documents for s in split_sentences(d)]
    random.Random(seed).shuffle(sentences)
    return pack(sentences, budget)


def _sumy(summarizer_class: Any) -> Summarizer:
    def summarize(documents: Sequence[str], budget: int) -> list[str]:
        summarizer = summarizer_class(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        parser = PlaintextParser.from_string("\n\n".join(documents), PysbdTokenizer())

        def best_that_fit(infos: list[Any]) -> list[Any]:
            # sumy hands the count callable its sentences best first; keep what fits.
            fitting = set(map(id, pack(infos, budget, lambda info: str(info.sentence))))
            return [info for info in infos if id(info) in fitting]

        return [str(s) for s in summarizer(parser.document, best_that_fit)]

    return summarize


PEERS: dict[str, Summarizer] = {
    "lead": lead,
    "random": random_sentences,
    "lexrank": _sumy(LexRankSummarizer),
    "textrank": _sumy(TextRankSummarizer),
    "lsa": _sumy(LsaSummarizer),
}
