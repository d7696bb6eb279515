"""Language identification (py3langid ships its model inside the package)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Enough for a confident guess on news prose; the identifier's cost grows with the sample.
_SAMPLE_CHARS = 500
_MIN_CHARS = 20


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_CHARS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= 0.5 else None


def preload_language_model() -> None:
    """Load the identifier's model now (about two seconds) rather than on the first article."""
    _identifier()
