"""A per-article parse cache, so that re-briefing a story does not parse its articles again.

The synthesize stage parses every original article paragraph by paragraph (`parsing`). The
parse of one article depends only on its text, the spaCy model and how the text is cut into
paragraphs, so it is cached under a key made of exactly those: a changed text, another model
or a new parse scheme gives a new key and the old entry is simply never read again. The
value is a spaCy `DocBin` of the article's paragraph docs, in paragraph order.

The stores implement `ParseCache` (a `parse_cache` table); the stage gets one attached at run
time (`SynthesizeStage.use_cache`), never through its constructor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

# Bump when the way an article becomes docs changes (paragraph cuts, length limit, attrs).
PARSE_SCHEME = "paragraph-docs-1"


@runtime_checkable
class ParseCache(Protocol):
    """Serialised parses by key; what a store offers the synthesize stage."""

    def cached_parses(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored parses among `keys` (missing keys are simply absent)."""
        ...

    def store_parses(self, parses: Mapping[str, bytes]) -> None:
        """Keep these parses (an existing key is overwritten)."""
        ...


class MemoryParseCache:
    """A dict-backed `ParseCache`: for one process, and to carry parses to and from a worker
    process. `stored` holds what was stored since it was made."""

    def __init__(self, parses: Mapping[str, bytes] | None = None) -> None:
        self.parses: dict[str, bytes] = dict(parses or {})
        self.stored: dict[str, bytes] = {}

    def cached_parses(self, keys: Sequence[str]) -> dict[str, bytes]:
        return {key: self.parses[key] for key in keys if key in self.parses}

    def store_parses(self, parses: Mapping[str, bytes]) -> None:
        self.parses.update(parses)
        self.stored.update(parses)


def model_id(nlp: Any) -> str:
    """What identifies the parses a pipeline makes: its package, version and components."""
    from importlib.metadata import version

    meta = nlp.meta
    return "|".join(
        (
            f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}",
            f"spacy-{version('spacy')}",
            ",".join(nlp.pipe_names),
        )
    )


def parse_key(text: str, model: str) -> str:
    """The cache key of an article's parse: its text (as parsed), the model, the scheme."""
    digest = hashlib.sha256()
    for part in (PARSE_SCHEME, model, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return "parse:" + digest.hexdigest()


def docs_to_bytes(docs: Sequence[Any]) -> bytes:
    """An article's paragraph docs as bytes (tags, parse, entities, lemmas, morphology)."""
    from spacy.tokens import DocBin

    return bytes(DocBin(docs=docs, store_user_data=False).to_bytes())


def docs_from_bytes(data: bytes, vocab: Any) -> list[Any]:
    """The docs `docs_to_bytes` wrote, over the pipeline's vocabulary."""
    from spacy.tokens import DocBin

    return list(DocBin().from_bytes(data).get_docs(vocab))
