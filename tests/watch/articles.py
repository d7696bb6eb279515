"""Invented follow-up articles for the watch tests (every name and outlet is made up)."""

from __future__ import annotations

FLOODS_FOLLOW_UP = """date 2026-03-12
url https://glenmoor-gazette.example/2026/03/12/ossen-floods-waters-recede-lisk
Ossen floods: waters recede in Lisk as Tarvel counts the damage

Floodwater from the Ossen River began to recede in Lisk on Thursday, three days after the \
river burst its banks and forced more than 3,000 people in Tarvel Province from their homes.

The interior ministry raised its confirmed death toll to 17, while the Ossen Valley Relief \
Network said at least 23 people had died in the floods. Rescue teams reached the last of the \
cut-off villages on Wednesday evening, the ministry said.

Governor Mirela Danescu said families would be able to return to the lowest streets of Lisk \
within a week. "The water is falling, but the work of rebuilding has only started," she said.

Engineers at the Brannock Dam reduced the controlled releases from the reservoir on \
Wednesday night as the river level fell by more than a metre. Shelters in school gyms in \
Lisk still housed about 1,800 people, the relief network said, and were short of blankets.
"""

TRANSIT_FEED_ENTRY = {
    "title": "Port Elsin strike ends as transit union accepts new pay offer",
    "link": "https://northreach-post.example/news/2026/03/12/port-elsin-strike-ends",
    "date": "Thu, 12 Mar 2026 09:15:00 +0000",
    "body": (
        "<p>Buses and trams returned to the streets of Port Elsin on Thursday after the "
        "transit workers' union accepted a new pay offer, ending a strike that had left "
        "commuters without public transport for three days.</p>"
        "<p>The union said its members had voted to accept a pay rise of 6 percent over two "
        "years from the Port Elsin transit authority. Commuters had faced long walks and "
        "crowded roads during the strike, the third stoppage of buses and trams this year.</p>"
        "<p>The transit authority said services across Port Elsin would run to the normal "
        "timetable by Friday morning, and apologised to commuters for the disruption of the "
        "strike.</p>"
    ),
}

UNRELATED = """date 2026-03-12
Brindlemoor bakers crown a rye loaf the best bread of the spring fair

A dark rye loaf from a two-oven bakery in the hill town of Brindlemoor won first prize at \
the county spring fair on Thursday, beating 140 entries from bakers across the valley.

The judges praised the loaf's crust and its sour, nutty crumb. The baker, Odile Farrance, \
said she had used the same starter for nineteen years. "It is older than my apprentice," she \
said, laughing, as she accepted the ribbon and a cheque for 500 valdors.
"""
