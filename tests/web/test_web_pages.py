"""The HTML pages over real HTTP: list order, search, filters, pages, a story, an article."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import httpx
import lxml.html
import pytest
from lxml.html import HtmlElement

from storyline.store import open_store
from storyline.web import CONTENT_SECURITY_POLICY, running_server

from .stories import FILLERS, HOSTILE_TITLE, harbour_story


def _get(base_url: str, path: str, **params: str) -> httpx.Response:
    return httpx.get(base_url + path, params=params or None, timeout=30)


def _page(base_url: str, path: str, **params: str) -> HtmlElement:
    response = _get(base_url, path, **params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.document_fromstring(response.text)


def _titles(root: HtmlElement) -> list[str]:
    return [a.text_content() for a in root.xpath("//ol[@class='stories']/li/a")]


def test_list_is_newest_first_with_counts_dates_and_outlets(base_url: str) -> None:
    root = _page(base_url, "/")

    titles = _titles(root)
    assert titles[:4] == ["Quake hits coast", HOSTILE_TITLE, "Election count", "Harbour strike"]
    assert len(titles) == 50  # one page
    first = root.xpath("//ol[@class='stories']/li")[0]
    meta = first.xpath("string(span[@class='meta'])")
    assert meta == "3 articles · 10 Mar 2026 – 12 Mar 2026 · Reuters, apnews.example, BBC"
    assert first.xpath("a/@href") == ["/stories/" + quote("story:quake/1", safe="")]
    total = 4 + FILLERS
    assert f"{total} stories from" in root.xpath("string(//main/p[@class='meta'])")
    assert root.xpath("string(//p[@id='count'])") == f"Stories 1–50 of {total}."


def test_largest_first_order(base_url: str) -> None:
    titles = _titles(_page(base_url, "/", sort="largest"))

    # equal sizes: the newer story first
    assert titles[:4] == ["Harbour strike", "Quake hits coast", HOSTILE_TITLE, "Election count"]


def test_pages_link_to_each_other_keeping_the_query(base_url: str) -> None:
    root = _page(base_url, "/", sort="largest")
    next_href = root.xpath("//nav[@class='pages']/a[@rel='next']/@href")[0]
    assert next_href == "/?sort=largest&page=2"

    second = _page(base_url, next_href)
    assert len(_titles(second)) == 4 + FILLERS - 50
    assert second.xpath("//ol[@class='stories']/@start") == ["51"]
    assert second.xpath("//nav[@class='pages']/a[@rel='prev']/@href") == ["/?sort=largest"]
    assert not second.xpath("//nav[@class='pages']/a[@rel='next']")


def test_search_matches_title_and_outlet_words(base_url: str) -> None:
    assert _titles(_page(base_url, "/", q="HARBOUR")) == ["Harbour strike"]
    assert _titles(_page(base_url, "/", q="gazette count")) == ["Election count"]
    root = _page(base_url, "/", q="no such words")
    assert _titles(root) == []
    assert root.xpath("string(//p[@id='count'])") == "No stories match."


def test_date_range_keeps_stories_that_overlap_it(base_url: str) -> None:
    titles = _titles(_page(base_url, "/", **{"from": "2026-01-07", "to": "2026-02-01"}))
    assert titles == ["Election count", "Harbour strike"]
    # the filters are kept in the form
    root = _page(base_url, "/", **{"from": "2026-03-11"})
    assert root.xpath("//input[@id='from']/@value") == ["2026-03-11"]
    assert _titles(root) == ["Quake hits coast"]


def test_outlet_filter_offers_every_outlet(base_url: str) -> None:
    root = _page(base_url, "/", outlet="Daily Planet")

    assert _titles(root) == ["Harbour strike"]
    options = root.xpath("//select[@id='outlet']/option/@value")
    assert {"", "Daily Planet", "Gazette", "Filler Wire", "Reuters", "BBC"} <= set(options)
    assert root.xpath("//select[@id='outlet']/option[@selected]/@value") == ["Daily Planet"]


def test_bad_query_values_are_explained_not_fatal(base_url: str) -> None:
    root = _page(base_url, "/", **{"from": "yesterday", "sort": "evil", "page": "x"})

    notices = root.xpath("//div[@class='notice']//li/text()")
    assert len(notices) == 3
    assert "not a YYYY-MM-DD date" in notices[0]
    assert len(_titles(root)) == 50


def test_story_page_shows_every_part_of_the_brief(base_url: str) -> None:
    root = _page(base_url, "/stories/" + quote("story:quake/1", safe=""))

    assert root.xpath("string(//h1)") == "Quake hits coast"
    assert root.findtext(".//title") == "Quake hits coast · storyline"
    sections = root.xpath("//section[@class='story']/section/@class")
    assert sections == [
        "summary",
        "facts",
        "disagreements",
        "quotes",
        "entities",
        "timeline",
        "articles",
    ]
    assert root.xpath("//section[@class='story']/section/h2/text()")[0] == "Summary"
    assert root.xpath("//section[@class='summary']//span[@class='refs']/a/text()") == [
        "[1]",
        "[2]",
        "[3]",
    ]
    outlets = root.xpath("//table[@class='fact-table']/thead//th[@class='outlet']/text()")
    assert outlets == ["apnews.example", "Reuters", "BBC"]
    assert root.xpath("//div[contains(@class, 'disagreement')]//th[@scope='row']/text()") == [
        "120",
        "95.5",
    ]
    assert len(root.xpath("//figure[@class='chart']/svg//circle[@class='event']")) == 2
    assert len(root.xpath("//figure[@class='chart']/svg//rect[@class='bar']")) == 2
    text_links = root.xpath("//ol[@class='articles']//a[@class='text-link']/@href")
    assert text_links[0] == "/articles/a1?story=" + quote("story:quake/1", safe="")
    copied = root.xpath("string(//textarea[@class='copy'])").strip()
    assert copied.splitlines()[0] == (
        "[1] Reuters, “Title of a1”, 10 Mar 2026, https://reuters.example/quake"
    )
    assert root.xpath("//nav[@class='crumbs']/a/@href") == [
        "/",
        "/api/stories/" + quote("story:quake/1", safe=""),
    ]


def test_article_page_shows_the_cleaned_text_in_paragraphs(base_url: str) -> None:
    root = _page(base_url, "/articles/evil-1", story="x/y")

    assert root.xpath("string(//h1)") == HOSTILE_TITLE
    paragraphs = root.xpath("//article[@class='cleaned']/p/text()")
    assert len(paragraphs) == 2 and paragraphs[0].startswith("First paragraph <script>")
    assert root.xpath("//nav[@class='crumbs']/a/@href")[:2] == ["/", "/stories/x%2Fy"]
    # a javascript: url is shown as text, never as a link
    assert root.xpath("//dl[@class='details']/dd/code/text()")[0].startswith("javascript:")


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/stories/nope", "There is no story 'nope'"), ("/articles/nope", "no article 'nope'")],
)
def test_unknown_ids_get_a_readable_404_page(base_url: str, path: str, expected: str) -> None:
    response = _get(base_url, path)

    assert response.status_code == 404
    assert expected in lxml.html.document_fromstring(response.text).text_content()
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_every_page_sends_the_security_headers(base_url: str) -> None:
    for path in ["/", "/stories/harbour", "/articles/a1", "/api/docs", "/api/stories/harbour"]:
        headers = _get(base_url, path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert "script-src" not in headers["content-security-policy"]  # default-src 'none'
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_pages_load_no_script_and_nothing_from_elsewhere(base_url: str) -> None:
    for path in ["/", "/stories/harbour", "/articles/a1", "/api/docs"]:
        html = _get(base_url, path).text
        root = lxml.html.document_fromstring(html)
        assert not root.xpath("//script | //iframe | //object | //embed | //img"), path
        assert root.xpath("//link[@rel='stylesheet']/@href") == ["/static/style.css"]
        assert re.search(r"(src|href)\s*=\s*[\"']?//", html) is None
    css = _get(base_url, "/static/style.css")
    assert css.headers["content-type"].startswith("text/css")
    assert "form.filters" in css.text and "svg .event" in css.text
    assert "url(" not in css.text and "@import" not in css.text


def test_requests_never_write_to_the_store(base_url: str, store_path: Path) -> None:
    before = store_path.stat().st_mtime_ns, _counts(store_path)
    for method in ["POST", "PUT", "DELETE", "PATCH"]:
        for path in ["/", "/api/stories", "/stories/harbour", "/api/stories/harbour"]:
            response = httpx.request(method, base_url + path, timeout=30)
            assert response.status_code == 405, (method, path)
    _get(base_url, "/api/stories")
    _get(base_url, "/stories/" + quote("https://example.com/feed.xml", safe=""))
    assert (store_path.stat().st_mtime_ns, _counts(store_path)) == before


def _counts(path: Path) -> tuple[int, int]:
    with open_store(path) as store:
        return store.count_articles(), len(store.list_stories())


def test_story_page_follows_the_store_when_a_new_run_replaces_it(tmp_path: Path) -> None:
    db = tmp_path / "changing.db"
    story = harbour_story()
    with open_store(db) as store:
        store.replace_stories([story])
    with running_server(db) as url:
        assert _page(url, "/stories/harbour").xpath("string(//h1)") == "Harbour strike"
        changed = replace(story, title="Harbour strike ends")
        with open_store(db) as store:  # a second writer, as `storyline run` would be
            store.replace_stories([changed])
        assert _page(url, "/stories/harbour").xpath("string(//h1)") == "Harbour strike ends"
        with open_store(db) as store:
            store.replace_stories([])
        assert _get(url, "/stories/harbour").status_code == 404
