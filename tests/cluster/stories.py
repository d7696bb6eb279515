"""Invented articles for the clustering tests: every place, person and outlet is made up.

Two attacks in the same province in the same week (they must stay two stories), a flood
story with a follow-up days later, and a strike, each told by several outlets in their own
words.
"""

from __future__ import annotations

from datetime import date

from storyline.model import Article
from tests.conftest import make_article

MARKET_ATTACK = [
    (
        "Bomb kills nine at Duvras market in Kelmar province",
        "A bomb hidden in a vegetable cart exploded at the crowded Duvras market in Kelmar "
        "province on Monday morning, killing nine shoppers and wounding more than thirty, the "
        "provincial police chief Arvid Holm said. The blast tore through fruit stalls near the "
        "old clock tower. No group has claimed the market bombing. Ambulances carried the "
        "wounded to the Duvras district hospital, where doctors appealed for blood donors.",
    ),
    (
        "Market bombing in Duvras leaves nine dead",
        "Nine people died when an explosive device planted in a vegetable cart went off in "
        "the Duvras market on Monday, Kelmar police said. Witnesses described stalls and the "
        "clock tower square covered in smoke. More than thirty wounded shoppers were taken to "
        "the Duvras district hospital, which asked residents to donate blood. Police chief "
        "Arvid Holm said investigators were examining the remains of the cart.",
    ),
    (
        "Duvras market blast: death toll stays at nine as hospital appeals for blood",
        "Doctors at the Duvras district hospital treated dozens of people wounded in Monday's "
        "market bombing, which killed nine. The bomb had been hidden in a vegetable cart near "
        "the clock tower, according to police chief Arvid Holm. Market traders in Duvras "
        "kept their stalls shut on Tuesday.",
    ),
]
CONVOY_ATTACK = [
    (
        "Gunmen ambush army convoy on Kelmar mountain road, six soldiers killed",
        "Gunmen firing from the ridges above the Serrat pass ambushed an army supply convoy in "
        "Kelmar province on Thursday, killing six soldiers and burning three fuel trucks, the "
        "defence ministry said. Army spokesman Colonel Petra Lind said the attackers fled "
        "toward the border forests after a two-hour firefight. The convoy was carrying fuel "
        "and rations to the garrison at Ostrel.",
    ),
    (
        "Six soldiers die in Serrat pass ambush",
        "Six soldiers were killed when insurgents attacked a military convoy at the Serrat "
        "pass on Thursday, Colonel Petra Lind told reporters. Three fuel trucks bound for the "
        "Ostrel garrison were set on fire during the firefight, which lasted about two hours "
        "before the gunmen withdrew into the forests near the border.",
    ),
]
FLOOD = [
    (
        "Ossen river bursts its banks in Tarvel, 14 dead",
        "The Ossen river burst its banks in Tarvel province on Monday after four days of rain, "
        "flooding a dozen villages and killing 14 people, the interior ministry said. "
        "Governor Mirela Danescu ordered the evacuation of riverside hamlets below the "
        "Brannock dam, where engineers were checking for seepage.",
    ),
    (
        "Tarvel floods: thousands displaced as Ossen waters rise",
        "More than 3,000 people were forced from their homes in Tarvel province as the Ossen "
        "river flooded villages below the Brannock dam, Governor Mirela Danescu said. The "
        "interior ministry put the death toll at 14, while the Ossen Valley Relief Network "
        "said at least 21 people had died in the floods.",
    ),
]
FLOOD_FOLLOW_UP = (
    "Inquiry opens into Brannock dam seepage after Tarvel floods",
    "Governor Mirela Danescu on Monday opened an inquiry into why warnings about seepage at "
    "the Brannock dam were ignored before the Ossen river flooded Tarvel province last week, "
    "killing at least 14 people. Families displaced by the floods are still in shelters, "
    "and the Ossen Valley Relief Network says its count of 21 dead has not changed.",
)
STRIKE = [
    (
        "Port Elsin transit strike enters fourth day",
        "Buses and trams stayed in their depots in Port Elsin on Tuesday as the transit "
        "workers' union rejected the city's pay offer for a fourth day of the strike. Union "
        "leader Oren Vasch said drivers wanted a nine percent rise.",
    ),
    (
        "Port Elsin commuters turn to ferries as strike drags on",
        "With the transit strike in Port Elsin in its fourth day, commuters crowded harbour "
        "ferries and cycled to work. The union, led by Oren Vasch, is holding out for a nine "
        "percent pay rise for bus and tram drivers.",
    ),
]

WEEK = date(2026, 3, 9)  # a Monday


def _dated(prefix: str, stories: list[tuple[str, str]], days: list[int]) -> list[Article]:
    return [
        make_article(f"{prefix}{i}", body, title=title, day=WEEK.replace(day=WEEK.day + days[i]))
        for i, (title, body) in enumerate(stories)
    ]


def week_of_news() -> list[Article]:
    """The two Kelmar attacks, the Tarvel flood and the Port Elsin strike, one week."""
    return (
        _dated("market", MARKET_ATTACK, [0, 0, 1])
        + _dated("convoy", CONVOY_ATTACK, [3, 3])
        + _dated("flood", FLOOD, [0, 1])
        + _dated("strike", STRIKE, [1, 1])
    )


def flood_follow_up(days_later: int) -> Article:
    title, body = FLOOD_FOLLOW_UP
    return make_article(
        "flood-follow-up", body, title=title, day=WEEK.replace(day=WEEK.day + 1 + days_later)
    )
