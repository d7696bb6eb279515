"""An invented scraped article (outlet, people and places made up) with every kind of page
debris the cleaner must remove, and the body sentences it must keep word for word."""

from __future__ import annotations

TITLE = "Harbour bridge in Quillon to close for six weeks of repairs"

BODY = [
    "The Morrow Street bridge in Quillon will close to traffic for six weeks from March 16, "
    "the city's transport office said on Thursday, after inspectors found corrosion in two "
    "of its steel supports.",
    "About 18,000 vehicles cross the bridge each day. Buses will be diverted through the "
    "Saltmarsh tunnel, adding up to 20 minutes to some journeys.",
    "Dr. Ines Carbery, who leads the city's engineering team, called a six-week closure "
    '"the only safe choice" and said the supports could be saved.',
    "The repairs will cost about 2.4 million crowns, paid from the city's maintenance "
    "fund. Work will run day and night, with the noisiest tasks scheduled before 10 p.m.",
    "Shop owners on the eastern bank said the closure would hurt trade. Tomas Ferrow, who "
    "runs a bakery near the bridge, said weekday sales fell by a third during the last "
    "closure, in 2019.",
    "The bridge opened in 1962 and was last renovated in 2004. A second crossing, further "
    "upstream, is planned but has no date yet.",
]

# Each debris line, and what kind of debris it is.
DEBRIS = {
    "Home > News > Local": "breadcrumb",
    "By Maren Holt | The Quillon Courier": "byline",
    "Download our app for breaking news alerts": "app promo",
    "Get the Courier app on your phone »": "app promo",
    "1/3": "gallery counter",
    "Traffic backs up on the approach to the Morrow Street bridge.": "gallery caption",
    "Photo: L. Varga / QPA": "gallery credit",
    "2/3": "gallery counter",
    "Inspectors examine a corroded support beam.": "gallery caption",
    "Photo: L. Varga / QPA ": "gallery credit",
    "3/3": "gallery counter",
    "The bridge seen from the Saltmarsh quay at dusk. Photo: R. Imre / Quillon Courier": (
        "caption with credit"
    ),
    "The bridge seen from the Saltmarsh quay at dusk.": "caption repeated without credit",
    "Share this article: Facebook Twitter Email": "share prompt",
    "Leave a comment": "comment form",
    "Your email address will not be published. Required fields are marked *": "comment form",
    "Name *": "comment form",
    "Email *": "comment form",
    "Post Comment": "comment form",
    "Related: New ferry timetable starts in April": "related headline",
    "Quillon library wins national design award": "unrelated headline",
    "Five weekend walks along the Saltmarsh coast": "unrelated headline",
    "Recipe: lemon and thyme roast chicken": "unrelated headline",
}


def scraped_text() -> str:
    """The article as a scraper would deliver it: title line, debris mixed into the body,
    and entity debris inside body sentences (repaired, the sentences read as in BODY)."""
    body = [
        BODY[0],
        BODY[1],
        # Entity debris: quote marks lost to ", quot;" and a spaced apostrophe entity.
        BODY[2]
        .replace('"the only', " , quot;the only")
        .replace('choice"', "choice, quot;")
        .replace("city's engineering", "city& # 39;s engineering"),
        BODY[3],
        BODY[4].replace("city's", "city&#39;s"),
        BODY[5],
    ]
    lines = [
        TITLE,
        "",
        "Home > News > Local",
        "By Maren Holt | The Quillon Courier",
        body[0],
        "",
        "Download our app for breaking news alerts",
        body[1],
        "",
        "1/3",
        "Traffic backs up on the approach to the Morrow Street bridge.",
        "Photo: L. Varga / QPA",
        "2/3",
        "Inspectors examine a corroded support beam.",
        "Photo: L. Varga / QPA ",
        "3/3",
        "The bridge seen from the Saltmarsh quay at dusk. Photo: R. Imre / Quillon Courier",
        "",
        body[2],
        "",
        "Share this article: Facebook Twitter Email",
        "",
        body[3],
        "",
        "The bridge seen from the Saltmarsh quay at dusk.",
        "Get the Courier app on your phone »",
        "",
        body[4],
        "",
        body[5],
        "",
        "Leave a comment",
        "Your email address will not be published. Required fields are marked *",
        "Name *",
        "Email *",
        "Post Comment",
        "",
        "Related: New ferry timetable starts in April",
        "Quillon library wins national design award",
        "Five weekend walks along the Saltmarsh coast",
        "Recipe: lemon and thyme roast chicken",
    ]
    return "\n".join(lines)
