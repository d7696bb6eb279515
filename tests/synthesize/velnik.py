"""An invented story told by five outlets, for the brief's end-to-end checks.

Everything here is invented: the outlets, the people, the places and the events. Two days of
strikes on the town of Velnik (Monday 6 and Tuesday 7 April 2026); the health ministry and
the Karsk Observatory for Human Rights give different death tolls for Monday; the governor's
name is written with and without its diacritic; the observatory appears under its name and
its acronym; a third outlet republishes the Northgate Wire report word for word.

The facts the tests check:
- people killed on Monday 2026-04-06: 14 according to the health ministry (Karsk Herald,
  Velnik Daily, Eastbridge Post), at least 21 according to the observatory (Northgate Wire,
  Eastbridge Post, and Ostmark Radio's copy of the Wire). A disagreement.
- people killed on Tuesday 2026-04-07 in the hospital strike: five (Wire, Daily, Radio copy).
- three people killed in Dorn "a week earlier" than Monday: 2026-03-30 (Velnik Daily). Not a
  disagreement with Tuesday's five: another day.
- 30 people wounded on Monday (Herald, Daily): corroborated by two outlets.
- 12 children counted among the dead (the Wire and its copy only): single-source, since a
  syndicated copy is not another outlet.
- more than 200 families have fled "since Saturday": 2026-04-04 (Eastbridge Post).
- talks resume "at the end of the month": April 2026 (Eastbridge Post).
- quotes: Ilse Marković (the governor; "Ilse Markovic" in two outlets), Piet Andersz (the
  observatory's director, named after his quote), Arvo Linde (ministry spokesman, named in
  the sentence after his quote).
"""

from __future__ import annotations

from datetime import date

from storyline.model import Article
from tests.conftest import make_article

HERALD = (
    "Drone strikes on the town of Velnik killed 14 civilians on Monday, the health ministry "
    "said.\n\n"
    "The ministry said 30 people were wounded in the attack on the market district. Governor "
    "Ilse Marković visited the wounded at the regional hospital in the evening.\n\n"
    "\u201cThis was an attack on people buying bread, and it will not break this town,\u201d "
    "Marković told reporters outside the hospital.\n\n"
    "Karsk province has been under a curfew since the fighting reached its borders."
)

WIRE = (
    "At least 21 people were killed in Monday's strikes on Velnik, according to the Karsk "
    "Observatory for Human Rights (KOHR), a monitor that counts the dead through a network "
    "of doctors.\n\n"
    "\u201cWe counted the bodies ourselves, one by one, at the morgue and at the market,\u201d "
    "said Piet Andersz, the director of the observatory.\n\n"
    "On Tuesday, a second strike hit the Velnik hospital, killing five people, KOHR said.\n\n"
    "The observatory counted 12 children among the dead of Monday.\n\n"
    "Governor Ilse Markovic called the hospital strike a crime."
)

DAILY = (
    "A strike on the Velnik hospital killed five people on Tuesday, a day after drones hit the "
    "town's market.\n\n"
    "The health ministry said 14 civilians died in Monday's attack and 30 people were wounded."
    "\n\n"
    "\u201cOur teams worked through the night and we have run out of blood for transfusions.\u201d "
    "Ministry spokesman Arvo Linde said this at a briefing in the capital.\n\n"
    "A week earlier, a shell hit the nearby village of Dorn and killed three people.\n\n"
    "Linde said the ministry would publish the names of the dead."
)

POST = (
    "The Karsk Observatory for Human Rights said 21 people died in Monday's attack on Velnik, "
    "while the health ministry said 14 were killed.\n\n"
    "More than 200 families have fled the town since Saturday, local officials said.\n\n"
    "\u201cNobody is safe in Velnik any more, not in the market and not in the hospital.\u201d "
    "Governor Ilse Markovic said those words on Tuesday at a funeral.\n\n"
    "Talks between the two sides are due to resume at the end of the month."
)


def velnik_articles() -> tuple[Article, ...]:
    return (
        make_article(
            "herald",
            HERALD,
            title="Strikes kill 14 in Velnik",
            day=date(2026, 4, 6),
            source="Karsk Herald",
        ),
        make_article(
            "wire",
            WIRE,
            title="At least 21 killed in Velnik",
            day=date(2026, 4, 7),
            source="Northgate Wire",
        ),
        make_article(
            "daily",
            DAILY,
            title="Hospital hit in Velnik",
            day=date(2026, 4, 7),
            source="Velnik Daily",
        ),
        make_article(
            "post",
            POST,
            title="Families flee Velnik",
            day=date(2026, 4, 8),
            source="Eastbridge Post",
        ),
        make_article(
            "radio",
            WIRE,
            title="At least 21 killed in Velnik",
            day=date(2026, 4, 8),
            source="Ostmark Radio",
            duplicate_of="wire",
        ),
    )
