"""The outlet table of facts and the server-drawn timeline chart, in the view and the HTML."""

from __future__ import annotations

from datetime import date

import lxml.html

from storyline.model import Brief, Fact, Story, TimelineEntry
from storyline.report import render_html, story_view
from storyline.report.chart import WIDTH, timeline_chart
from storyline.report.facts import MAX_OUTLET_COLUMNS, OTHER_OUTLETS, UNKNOWN_OUTLET

from .builders import article, full_story


def _fact(text: str, subject: str, sources: tuple[str, ...]) -> Fact:
    return Fact(text, subject, None, 1.0, False, None, None, sources, "single-source")


def test_fact_rows_put_each_outlets_articles_in_its_column() -> None:
    table = story_view(full_story()).fact_table

    assert table.outlets == ("apnews.example", "Reuters", "BBC")
    cells = [[[ref.label for ref in cell] for cell in row.by_outlet] for row in table.rows]
    assert cells == [[["[2]"], ["[1]"], []], [["[2]"], [], []], [[], [], ["[3]"]]]


def test_facts_about_one_subject_sit_together_and_outlets_overflow_into_one_column() -> None:
    outlets = [f"Outlet {n}" for n in range(MAX_OUTLET_COLUMNS + 3)]
    articles = tuple(article(f"a{n}", source=name) for n, name in enumerate(outlets))
    articles += (article("anon", source=None, url="not a url"),)
    every = tuple(a.id for a in articles)
    facts = (
        _fact("toll 1", "toll", every),
        _fact("cost", "cost", ("a0",)),
        _fact("toll 2", "toll", ("a1", "anon")),
    )
    story = Story("s", "S", articles, brief=Brief(facts=facts))
    table = story_view(story).fact_table

    assert [row.fact.text for row in table.rows] == ["toll 1", "toll 2", "cost"]
    assert len(table.outlets) == MAX_OUTLET_COLUMNS
    # two facts each: first; ties keep the order of first appearance
    assert table.outlets[:3] == ("Outlet 0", "Outlet 1", UNKNOWN_OUTLET)
    assert table.outlets[-1] == OTHER_OUTLETS
    other = [ref.article_id for ref in table.rows[0].by_outlet[-1]]
    assert len(other) == len(articles) - (MAX_OUTLET_COLUMNS - 1)
    assert "anon" not in other and "a0" not in other


def test_chart_places_bars_and_numbered_events_on_a_date_axis() -> None:
    chart = timeline_chart(
        [date(2026, 3, 10), date(2026, 3, 10), date(2026, 3, 20)],
        [(date(2026, 3, 1), "Start"), (date(2026, 3, 10), "Middle"), (date(2026, 3, 10), "Same")],
    )

    assert chart is not None
    assert [bar.label for bar in chart.bars] == [
        "2 articles on 10 Mar 2026",
        "1 article on 20 Mar 2026",
    ]
    assert chart.bars[0].height > chart.bars[1].height
    assert chart.bars[0].y + chart.bars[0].height == chart.axis_y
    xs = [event.x for event in chart.events]
    assert xs[0] < xs[1] == xs[2]  # same day, same x, stacked
    assert chart.events[1].y != chart.events[2].y
    assert [event.number for event in chart.events] == [1, 2, 3]
    assert chart.ticks[0].label == "1 Mar 2026" and chart.ticks[-1].label == "20 Mar 2026"
    inside = [chart.left <= bar.x and bar.x + bar.width <= chart.right for bar in chart.bars]
    assert all(inside) and 0 < chart.left < chart.right < WIDTH
    assert "3 timeline events" in chart.description


def test_chart_of_one_day_and_of_nothing() -> None:
    single = timeline_chart([date(2026, 3, 10)], [])
    assert single is not None
    assert [tick.label for tick in single.ticks] == ["9 Mar 2026", "10 Mar 2026", "11 Mar 2026"]
    assert single.description == "Articles per day (bars), 9 Mar 2026 to 11 Mar 2026"
    assert timeline_chart([], []) is None


def test_html_draws_the_chart_links_events_to_the_list_and_offers_a_copyable_source_list() -> None:
    story = full_story()
    story = Story(
        story.id,
        story.title,
        story.articles,
        brief=Brief(timeline=(TimelineEntry(date(2026, 3, 9), "<b>Quake</b>", ("a1",)),)),
    )
    root = lxml.html.document_fromstring(render_html([story]))

    svg = root.xpath("//section[@class='timeline']/figure/svg")[0]
    assert svg.get("role") == "img"
    assert svg.xpath("string(circle/title | a/circle/title)") == "1. 9 Mar 2026: <b>Quake</b>"
    target = svg.xpath("a/@href")[0][1:]
    assert root.xpath("string(//li[@id=$id])", id=target).startswith("9 Mar 2026 — <b>Quake</b>")
    copy = root.xpath("//textarea[@class='copy']")[0]
    assert copy.get("readonly") is not None
    assert root.xpath("//label[@for=$id]/text()", id=copy.get("id")) == ["Source list to copy"]
    assert len(copy.text_content().strip().splitlines()) == 3
    # the self-contained report has no server to show cleaned text
    assert not root.xpath("//a[@class='text-link']")
