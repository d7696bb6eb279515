"""Conversions between model records and what the store keeps: JSON text and column values.

Every conversion is exact: decoding what was encoded gives an equal record, tuples and
dates included. The Brief JSON uses the field names of `stories.json` in the contract, so a
stored brief reads like the published one.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, NamedTuple, cast

from storyline.model import (
    Brief,
    Claim,
    DateMethod,
    DatePrecision,
    Disagreement,
    Entity,
    EntityType,
    Fact,
    FactStatus,
    PublicationDate,
    Quote,
    Sentence,
    SummarySentence,
    TimelineEntry,
)

# ---------------------------------------------------------------------------- Brief <-> JSON


def brief_to_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, separators=(",", ":"))


def brief_from_json(text: str) -> Brief:
    return brief_from_dict(json.loads(text))


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    return {
        "summary": [{"text": s.text, "sources": list(s.sources)} for s in brief.summary],
        "facts": [_fact_to_dict(f) for f in brief.facts],
        "disagreements": [
            {"about": d.about, "claims": [_claim_to_dict(c) for c in d.claims]}
            for d in brief.disagreements
        ],
        "quotes": [
            {"speaker": q.speaker, "text": q.text, "sources": list(q.sources)} for q in brief.quotes
        ],
        "entities": [
            {"name": e.name, "type": e.type, "aliases": list(e.aliases), "sources": list(e.sources)}
            for e in brief.entities
        ],
        "timeline": [_timeline_to_dict(t) for t in brief.timeline],
    }


def brief_from_dict(data: dict[str, Any]) -> Brief:
    # .get(): a brief written before a part existed still decodes, with that part empty.
    return Brief(
        summary=tuple(
            SummarySentence(text=s["text"], sources=tuple(s["sources"]))
            for s in data.get("summary", ())
        ),
        facts=tuple(_fact_from_dict(f) for f in data.get("facts", ())),
        disagreements=tuple(
            Disagreement(about=d["about"], claims=tuple(_claim_from_dict(c) for c in d["claims"]))
            for d in data.get("disagreements", ())
        ),
        quotes=tuple(
            Quote(speaker=q["speaker"], text=q["text"], sources=tuple(q["sources"]))
            for q in data.get("quotes", ())
        ),
        entities=tuple(
            Entity(
                name=e["name"],
                type=cast(EntityType, e["type"]),
                aliases=tuple(e["aliases"]),
                sources=tuple(e["sources"]),
            )
            for e in data.get("entities", ())
        ),
        timeline=tuple(
            TimelineEntry(
                date=date.fromisoformat(t["date"]),
                text=t["text"],
                sources=tuple(t["sources"]),
                precision=cast(DatePrecision, t.get("precision", "day")),
            )
            for t in data.get("timeline", ())
        ),
    )


def _timeline_to_dict(entry: TimelineEntry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": entry.date.isoformat(),
        "text": entry.text,
        "sources": list(entry.sources),
    }
    if entry.precision != "day":  # only when it says more than the default
        data["precision"] = entry.precision
    return data


def _fact_to_dict(fact: Fact) -> dict[str, Any]:
    return {
        "text": fact.text,
        "subject": fact.subject,
        "action": fact.action,
        "value": fact.value,
        "approximate": fact.approximate,
        "date": fact.date.isoformat() if fact.date is not None else None,
        "attributed_to": fact.attributed_to,
        "sources": list(fact.sources),
        "status": fact.status,
        "agent": fact.agent,
    }


def _fact_from_dict(data: dict[str, Any]) -> Fact:
    return Fact(
        text=data["text"],
        subject=data["subject"],
        action=data["action"],
        value=data["value"],
        approximate=data["approximate"],
        date=date.fromisoformat(data["date"]) if data["date"] is not None else None,
        attributed_to=data["attributed_to"],
        sources=tuple(data["sources"]),
        status=cast(FactStatus, data["status"]),
        agent=data.get("agent"),
    )


def _claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "value": claim.value,
        "text": claim.text,
        "attributed_to": claim.attributed_to,
        "sources": list(claim.sources),
    }


def _claim_from_dict(data: dict[str, Any]) -> Claim:
    return Claim(
        value=data["value"],
        text=data["text"],
        attributed_to=data["attributed_to"],
        sources=tuple(data["sources"]),
    )


# ----------------------------------------------------------- PublicationDate <-> columns


class PublishedColumns(NamedTuple):
    """The `published*` columns of the articles table, all None when the date is unknown."""

    published: str | None
    published_day: str | None
    published_method: str | None
    published_confidence: float | None


def published_to_columns(published: PublicationDate | None) -> PublishedColumns:
    if published is None:
        return PublishedColumns(None, None, None, None)
    return PublishedColumns(
        published=published.iso(),
        published_day=published.day.isoformat(),
        published_method=published.method,
        published_confidence=published.confidence,
    )


def published_from_columns(columns: PublishedColumns) -> PublicationDate | None:
    if columns.published_day is None:
        return None
    # `published` equals the day exactly when no moment was known (see PublicationDate.iso).
    moment = (
        datetime.fromisoformat(columns.published)
        if columns.published is not None and columns.published != columns.published_day
        else None
    )
    return PublicationDate(
        day=date.fromisoformat(columns.published_day),
        moment=moment,
        method=cast(DateMethod, columns.published_method),
        confidence=cast(float, columns.published_confidence),
    )


# ------------------------------------------------------------------ Sentences <-> JSON


def sentences_to_json(text: str, sentences: tuple[Sentence, ...]) -> str:
    """Offsets only, since the text is stored beside them; a sentence whose text is not
    exactly its slice (a splitter that trimmed or repaired it) keeps its own text."""
    encoded: list[list[int | str]] = []
    for sentence in sentences:
        if text[sentence.start : sentence.end] == sentence.text:
            encoded.append([sentence.start, sentence.end])
        else:
            encoded.append([sentence.start, sentence.end, sentence.text])
    return json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))


def sentences_from_json(text: str, encoded: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for item in json.loads(encoded):
        start, end = item[0], item[1]
        own_text = item[2] if len(item) > 2 else text[start:end]
        sentences.append(Sentence(text=own_text, start=start, end=end))
    return tuple(sentences)
