"""Facts across articles: the same figure told by several outlets is one fact with all its
sources, and figures about the same thing on the same day that cannot both be true are a
disagreement.

"The same thing" is the counted noun and the kind of action ("14 people were killed", "the
death toll rose to 21" and "21 dead" are all people killed). "The same day" is the date the
sentence gives; an undated figure is taken to speak of the days just before its article
was published, so this week's toll is never weighed against last week's. Whether two
figures conflict is decided by the interval their wording allows (`numbers.compatible`):
"nearly 3,200" and "more than 3,000" can both be true, "14" and "at least 21" cannot.
A figure is `corroborated` when two or more independent outlets give it (syndicated copies
count once), `disputed` when another figure conflicts with it, else `single-source`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.model import Claim, Disagreement, Fact, FactStatus
from storyline.synthesize.facts import FactMention
from storyline.synthesize.numbers import Amount, Bound, compatible
from storyline.synthesize.parsing import StorySources
from storyline.synthesize.periods import When

# How far before its publication an undated figure may speak of (a report of the weekend).
_UNDATED_REACH = timedelta(days=4)
_PERIOD_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}


@dataclass
class _Figure:
    topic: tuple[str, str | None]
    value: float
    mentions: list[FactMention] = field(default_factory=list)

    @property
    def when(self) -> When | None:
        dated = [m.when for m in self.mentions if m.when is not None]
        return Counter(dated).most_common(1)[0][0] if dated else None

    @property
    def published(self) -> date | None:
        days = [m.published for m in self.mentions if m.published is not None]
        return max(days) if days else None

    @property
    def amount(self) -> Amount:
        bounds: Counter[Bound] = Counter(m.amount.bound for m in self.mentions)
        return Amount(self.value, bounds.most_common(1)[0][0])


def corroborate(
    mentions: list[FactMention], sources: StorySources
) -> tuple[tuple[Fact, ...], tuple[Disagreement, ...]]:
    figures = _figures(mentions)
    conflicts = _conflicts(figures)
    disputed = {id(f) for group in conflicts for f in group}
    facts = [_fact(figure, sources, id(figure) in disputed) for figure in figures]
    order = sorted(
        range(len(facts)),
        key=lambda i: (-len(facts[i].sources), _first_position(figures[i], sources.order)),
    )
    disagreements = tuple(_disagreement(group, sources) for group in conflicts)
    return tuple(facts[i] for i in order), disagreements


def _figures(mentions: list[FactMention]) -> list[_Figure]:
    figures: list[_Figure] = []
    for mention in mentions:
        topic = (mention.noun_key, mention.action_key)
        for figure in figures:
            if (
                figure.topic == topic
                and figure.value == mention.amount.value
                and _same_time(figure.when, figure.published, mention.when, mention.published)
            ):
                figure.mentions.append(mention)
                break
        else:
            figures.append(_Figure(topic, mention.amount.value, [mention]))
    return _fold_actionless(figures)


def _fold_actionless(figures: list[_Figure]) -> list[_Figure]:
    """ "14 people" with no verb joins "14 people killed" when that is the only match."""
    kept: list[_Figure] = []
    for figure in figures:
        if figure.topic[1] is None:
            matches = [
                other
                for other in figures
                if other is not figure
                and other.topic[1] is not None
                and other.topic[0] == figure.topic[0]
                and other.value == figure.value
            ]
            if len(matches) == 1:
                matches[0].mentions.extend(figure.mentions)
                continue
        kept.append(figure)
    return kept


def _same_time(
    first: When | None,
    first_published: date | None,
    second: When | None,
    second_published: date | None,
) -> bool:
    if first is not None and second is not None:
        return first == second
    if first is None and second is None:
        if first_published is None or second_published is None:
            return True
        return abs(first_published - second_published) <= _UNDATED_REACH
    dated = first if first is not None else second
    published = second_published if first is not None else first_published
    assert dated is not None
    if published is None:
        return True
    end = dated.day + timedelta(days=_PERIOD_DAYS[dated.precision] - 1)
    return dated.day <= published and end >= published - _UNDATED_REACH


def _conflicts(figures: list[_Figure]) -> list[list[_Figure]]:
    """Groups of figures on one topic and day where some cannot all be true."""
    groups: list[list[_Figure]] = []
    for index, figure in enumerate(figures):
        if figure.topic[1] is None:
            continue
        rivals = [
            other
            for other in figures[index + 1 :]
            if other.topic == figure.topic
            and _same_time(figure.when, figure.published, other.when, other.published)
            and not compatible(figure.amount, other.amount)
        ]
        if not rivals:
            continue
        for group in groups:
            if figure in group or any(r in group for r in rivals):
                group.extend(f for f in [figure, *rivals] if f not in group)
                break
        else:
            groups.append([figure, *rivals])
    return groups


def _fact(figure: _Figure, sources: StorySources, disputed: bool) -> Fact:
    articles = [m.article_id for m in figure.mentions]
    status: FactStatus
    if disputed:
        status = "disputed"
    elif sources.outlet_count(articles) >= 2:
        status = "corroborated"
    else:
        status = "single-source"
    when = figure.when
    return Fact(
        text=figure.mentions[0].text,
        subject=_most_common([m.noun for m in figure.mentions]) or figure.topic[0],
        action=_most_common([m.action for m in figure.mentions]),
        value=figure.value,
        approximate=figure.amount.approximate,
        date=when.day if when is not None and when.precision == "day" else None,
        attributed_to=_most_common([m.attributed_to for m in figure.mentions]),
        sources=sources.expand(articles),
        status=status,
        agent=_most_common([m.agent for m in figure.mentions]),
    )


def _disagreement(group: list[_Figure], sources: StorySources) -> Disagreement:
    mentions = [m for figure in group for m in figure.mentions]
    noun = _most_common([m.noun for m in mentions]) or group[0].topic[0]
    action = _most_common([m.action for m in mentions])
    when = next((f.when for f in group if f.when is not None), None)
    about = " ".join(part for part in (noun, action) if part)
    if when is not None and when.precision == "day":
        about += f" on {when.day.isoformat()}"
    claims = []
    for figure in sorted(group, key=lambda f: f.value):
        claims.append(
            Claim(
                value=figure.value,
                text=figure.mentions[0].text,
                attributed_to=_most_common([m.attributed_to for m in figure.mentions]),
                sources=sources.expand(m.article_id for m in figure.mentions),
            )
        )
    return Disagreement(about=about, claims=tuple(claims))


def _most_common(values: list[str | None]) -> str | None:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else None


def _first_position(figure: _Figure, order: tuple[str, ...]) -> tuple[int, int]:
    first = figure.mentions[0]
    article = order.index(first.article_id) if first.article_id in order else len(order)
    return (article, first.sentence)
