"""Scoring a brief against the hand annotations in benchmarks/annotations (see its README).

Story-level items are projected onto the annotated documents they cite: a fact with sources
[d0, d2] is judged once as d0's and once as d2's. Matching is one-to-one within a document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.model import Brief

_STOP = frozenset(["the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "by", "with"])


@dataclass
class Tally:
    """Counts for precision and recall of one field."""

    system: int = 0
    system_right: int = 0
    gold: int = 0
    gold_found: int = 0

    def add(self, other: Tally) -> None:
        self.system += other.system
        self.system_right += other.system_right
        self.gold += other.gold
        self.gold_found += other.gold_found

    @property
    def precision(self) -> float:
        return self.system_right / self.system if self.system else 1.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 1.0


@dataclass
class StoryScore:
    quantities: Tally = field(default_factory=Tally)
    quantity_values: Tally = field(default_factory=Tally)
    attribution: Tally = field(default_factory=Tally)  # over matched quantities
    fact_dates: Tally = field(default_factory=Tally)  # over matched quantities
    quotes: Tally = field(default_factory=Tally)
    speakers: Tally = field(default_factory=Tally)  # precision over all system quotes
    events: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)

    def add(self, other: StoryScore) -> None:
        for name in (
            "quantities",
            "quantity_values",
            "attribution",
            "fact_dates",
            "quotes",
            "speakers",
            "events",
        ):
            getattr(self, name).add(getattr(other, name))
        self.errors.extend(other.errors)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("ch", "sh", "x", "ss")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _content_words(text: str) -> set[str]:
    words = (w.removesuffix("'s") for w in normalise(text).split())
    return {_singular(w) for w in words if w not in _STOP}


def same_name(system: str | None, gold: Iterable[str | None]) -> bool:
    """A name matches when one's content words are all in the other's ("Own" and "Muneer
    Masoud Own"), or both say nobody."""
    options = list(gold)
    if system is None:
        return None in options
    mine = _content_words(system)
    for option in options:
        if option is None or not mine:
            continue
        theirs = _content_words(option)
        if theirs and (mine <= theirs or theirs <= mine):
            return True
    return False


def score_story(
    brief: Brief, annotation: dict[str, Any], doc_ids: dict[str, int], texts: dict[int, str]
) -> StoryScore:
    score = StoryScore()
    annotated = {int(d) for d in annotation["documents"]}
    fields = set(annotation.get("fields", ("quantities", "quotes", "events")))
    if "quantities" in fields:
        _score_quantities(brief, annotation, doc_ids, annotated, score)
    if "quotes" in fields:
        _score_quotes(brief, annotation, doc_ids, annotated, score)
    if "events" in fields:
        _score_events(brief, annotation, doc_ids, annotated, texts, score)
    return score


def _docs(sources: Iterable[str], doc_ids: dict[str, int], annotated: set[int]) -> list[int]:
    return sorted({doc_ids[s] for s in sources if s in doc_ids and doc_ids[s] in annotated})


def _score_quantities(
    brief: Brief,
    annotation: dict[str, Any],
    doc_ids: dict[str, int],
    annotated: set[int],
    score: StoryScore,
) -> None:
    system = [
        (doc, fact) for fact in brief.facts for doc in _docs(fact.sources, doc_ids, annotated)
    ]
    gold = list(annotation["quantities"])
    cluster = annotation["cluster"]
    for with_noun, tally in ((True, score.quantities), (False, score.quantity_values)):
        taken: set[int] = set()
        tally.system += len(system)
        tally.gold += len(gold)
        for doc, fact in system:
            index = _find_quantity(doc, fact, gold, taken, with_noun)
            if index is None:
                if with_noun:
                    score.errors.append(f"{cluster} d{doc} extra fact: {fact.value} {fact.subject}")
                continue
            taken.add(index)
            tally.system_right += 1
            tally.gold_found += 1
            if with_noun:
                item = gold[index]
                score.attribution.system += 1
                score.fact_dates.system += 1
                if same_name(fact.attributed_to, item["by"]):
                    score.attribution.system_right += 1
                else:
                    score.errors.append(
                        f"{cluster} d{doc} attribution of {fact.value} {fact.subject}: "
                        f"{fact.attributed_to!r} not in {item['by']}"
                    )
                found_day = fact.date.isoformat() if fact.date else None
                if found_day == item["date"]:
                    score.fact_dates.system_right += 1
        if with_noun:
            for index, item in enumerate(gold):
                if index not in taken:
                    score.errors.append(
                        f"{cluster} d{item['doc']} missed fact: {item['value']} {item['counts']}"
                    )


def _find_quantity(
    doc: int, fact: Any, gold: list[dict[str, Any]], taken: set[int], with_noun: bool
) -> int | None:
    nouns = _content_words(fact.subject)
    for index, item in enumerate(gold):
        if index in taken or item["doc"] != doc or fact.value is None:
            continue
        if abs(float(fact.value) - float(item["value"])) > 1e-6 * max(1.0, abs(item["value"])):
            continue
        if with_noun and not nouns & {_singular(normalise(c)) for c in item["counts"]}:
            continue
        return index
    return None


def _score_quotes(
    brief: Brief,
    annotation: dict[str, Any],
    doc_ids: dict[str, int],
    annotated: set[int],
    score: StoryScore,
) -> None:
    gold = list(annotation["quotes"])
    cluster = annotation["cluster"]
    found_gold: set[int] = set()
    right_speaker: set[int] = set()
    for quote in brief.quotes:
        text = normalise(quote.text)
        for doc in _docs(quote.sources, doc_ids, annotated):
            score.quotes.system += 1
            score.speakers.system += 1
            matches = [
                i
                for i, item in enumerate(gold)
                if item["doc"] == doc and normalise(item["anchor"]) in text
            ]
            if not matches:
                score.errors.append(f"{cluster} d{doc} extra quote: {quote.text[:40]!r}")
                continue
            score.quotes.system_right += 1
            found_gold.update(matches)
            if any(
                gold[i]["speaker"] and same_name(quote.speaker, gold[i]["speaker"]) for i in matches
            ):
                score.speakers.system_right += 1
                right_speaker.update(i for i in matches if gold[i]["speaker"])
            else:
                wanted = gold[matches[0]]["speaker"]
                score.errors.append(f"{cluster} d{doc} speaker {quote.speaker!r} not in {wanted}")
    score.quotes.gold += len(gold)
    score.quotes.gold_found += len(found_gold)
    with_speaker = [i for i, item in enumerate(gold) if item["speaker"]]
    score.speakers.gold += len(with_speaker)
    score.speakers.gold_found += len(right_speaker & set(with_speaker))
    for index, item in enumerate(gold):
        if index not in found_gold:
            score.errors.append(f"{cluster} d{item['doc']} missed quote: {item['anchor']!r}")


def _score_events(
    brief: Brief,
    annotation: dict[str, Any],
    doc_ids: dict[str, int],
    annotated: set[int],
    texts: dict[int, str],
    score: StoryScore,
) -> None:
    gold = list(annotation["events"])
    cluster = annotation["cluster"]
    taken: set[int] = set()
    for entry in brief.timeline:
        for doc in _docs(entry.sources, doc_ids, annotated):
            score.events.system += 1
            own_text = normalise(entry.text) in normalise(texts[doc])
            for index, item in enumerate(gold):
                if index in taken or item["doc"] != doc:
                    continue
                if item["date"] != entry.date.isoformat() or item["precision"] != entry.precision:
                    continue
                anchors = item["anchor"] if isinstance(item["anchor"], list) else [item["anchor"]]
                if own_text and not any(normalise(a) in normalise(entry.text) for a in anchors):
                    continue
                taken.add(index)
                score.events.system_right += 1
                break
            else:
                score.errors.append(
                    f"{cluster} d{doc} extra event: {entry.date} {entry.precision} "
                    f"{entry.text[:60]!r}"
                )
    score.events.gold += len(gold)
    score.events.gold_found += len(taken)
    for index, item in enumerate(gold):
        if index not in taken:
            score.errors.append(
                f"{cluster} d{item['doc']} missed event: {item['date']} {item['anchor']}"
            )
