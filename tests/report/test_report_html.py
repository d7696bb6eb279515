"""The HTML report: structure, self-containment and escaping of untrusted article text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import HtmlElement

from storyline.model import Brief, Story, SummarySentence
from storyline.report import render_html

from .builders import article, full_story, plain_story
from .hostile import IMG_TEXT, JS_URL, SCRIPT_TITLE, hostile_story

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def _parse(html: str) -> HtmlElement:
    return lxml.html.document_fromstring(html)


def _elements(root: HtmlElement) -> Iterator[HtmlElement]:
    return (el for el in root.iter() if isinstance(el.tag, str))


def _event_handlers_in_tags(html: str) -> list[str]:
    """`on...=` attributes in the raw markup, outside quoted attribute values."""
    found = []
    for tag in re.findall(r"<[A-Za-z][^>]*>", html):
        unquoted = re.sub(r"\"[^\"]*\"|'[^']*'", "", tag)
        found += re.findall(r"\son\w*\s*=", unquoted, re.IGNORECASE)
    return found


def test_event_handler_check_can_fail() -> None:
    assert _event_handlers_in_tags("<img src=x onerror=alert(1)>") == [" onerror="]
    assert _event_handlers_in_tags('<a title="x onclick=y">onload=z</a>') == []


@pytest.fixture(scope="module")
def report() -> str:
    return render_html([plain_story("small", 1), full_story(), hostile_story()])


def test_page_has_semantic_landmarks_title_and_csp(report: str) -> None:
    root = _parse(report)

    assert report.startswith("<!DOCTYPE html>")
    assert root.findtext(".//title") == "storyline report"
    assert root.xpath("string(//header/h1)") == "storyline report"
    assert len(root.xpath("//nav")) == 1 and len(root.xpath("//main")) == 1
    csp = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp == [CSP]
    assert root.xpath("//meta[@name='viewport']/@content") == [
        "width=device-width, initial-scale=1"
    ]
    assert len(root.xpath("//main/section[@class='story']")) == 3


def test_table_of_contents_links_every_story_section_in_size_order(report: str) -> None:
    root = _parse(report)

    toc_targets = root.xpath("//nav//a/@href")
    sections = root.xpath("//main/section[@class='story']")
    assert toc_targets == ["#" + section.get("id") for section in sections]
    headings = [section.xpath("string(header/h2)") for section in sections]
    assert headings == ["Quake hits coast", SCRIPT_TITLE, "Story small"]


def test_ids_are_safe_unique_and_every_fragment_link_resolves(report: str) -> None:
    root = _parse(report)

    ids = [el.get("id") for el in _elements(root) if el.get("id") is not None]
    assert len(ids) == len(set(ids))
    assert all(ID.match(identifier) for identifier in ids), ids
    fragments = [href[1:] for href in root.xpath("//a/@href") if href.startswith("#")]
    assert len(fragments) > 20
    assert set(fragments) <= set(ids)


def test_source_refs_link_to_the_cited_articles(report: str) -> None:
    root = _parse(report)
    story = root.xpath("//main/section[@class='story']")[0]

    summary_refs = story.xpath(".//section[@class='summary']//a")
    assert [a.text_content() for a in summary_refs] == ["[1]", "[2]", "[3]"]
    first = story.xpath(".//li[@id=$id]", id=summary_refs[0].get("href")[1:])[0]
    assert "Title of a1" in first.text_content()
    assert summary_refs[0].get("title") == "Reuters: Title of a1"
    facts = story.xpath(".//section[@class='facts']//table")[0]
    # one column per outlet, the outlet supporting most facts first
    outlets = [th.text_content() for th in facts.xpath("thead//th[@class='outlet']")]
    assert outlets == ["apnews.example", "Reuters", "BBC"]
    cells = [td.text_content() for td in facts.xpath("tbody/tr[1]/td[@class='cell-refs']")]
    assert cells == ["[2]", "[1]", "—"]
    assert facts.xpath("tbody/tr[1]/td[@class='cell-refs'][1]/a/@href") == [
        summary_refs[1].get("href")
    ]


def test_tables_have_scoped_headers(report: str) -> None:
    root = _parse(report)

    tables = root.xpath("//table")
    assert len(tables) >= 3
    for table in tables:
        assert table.xpath("caption")
        scopes = [th.get("scope") for th in table.xpath("thead//th")]
        assert len(scopes) >= 4 and set(scopes) == {"col"}
        assert all(th.get("scope") == "row" for th in table.xpath("tbody//th"))
        assert table.xpath("tbody/tr")


def test_sections_render_brief_items() -> None:
    root = _parse(render_html([full_story()]))

    assert root.xpath("string(//section[@class='facts']//tbody/tr[1]/td[1])") == "about 120"
    status = root.xpath("//section[@class='facts']//span[contains(@class, 'status')]/text()")
    assert status == ["corroborated", "single-source", "disputed"]
    times = root.xpath("//ol[@class='timeline']/li/time/@datetime")
    assert times == ["2026-03-09", "2026-03-11"]
    assert root.xpath("//section[@class='quotes']/h4/text()") == ["Ana Silva", "John Doe"]
    assert root.xpath("//dl[@class='entities']/dt/text()") == ["People", "Organizations", "Places"]
    duplicate = root.xpath("//ol[@class='articles']/li[3]")[0].text_content()
    assert "(duplicate of [1])" in duplicate


def test_empty_sections_say_none_found() -> None:
    root = _parse(render_html([plain_story("x", 1)]))

    nones = root.xpath("//section[@class='story']/section/p[@class='none']/..")
    assert [section.get("class") for section in nones] == [
        "summary",
        "facts",
        "disagreements",
        "quotes",
        "entities",
        "timeline",
    ]


def test_hostile_strings_appear_only_escaped(report: str) -> None:
    assert "<script" not in report.lower()
    assert _event_handlers_in_tags(report) == []
    assert 'href="javascript:' not in report.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "&lt;img src=x onerror=alert(1)&gt;" in report

    root = _parse(report)
    assert not root.xpath("//script | //img | //iframe | //object | //embed | //form")
    for element in _elements(root):
        assert not [name for name in element.attrib if name.lower().startswith("on")]
    for href in root.xpath("//@href"):
        assert href.startswith(("#", "http://", "https://")), href
    # the text round-trips: escaped exactly once, not mangled
    hostile = root.xpath("//main/section[@class='story']")[1]
    assert hostile.xpath("string(header/h2)") == SCRIPT_TITLE
    summary = hostile.xpath("string(.//section[@class='summary']/p)")
    assert summary.startswith(IMG_TEXT)
    assert JS_URL in hostile.xpath("string(.//ol[@class='articles']/li[1]/code)")
    assert not hostile.xpath(".//ol[@class='articles']/li[1]/a[not(starts-with(@href, '#'))]")


def test_page_loads_nothing_from_the_network(report: str) -> None:
    root = _parse(report)

    assert not root.xpath("//link | //script | //img | //iframe | //video | //audio | //source")
    assert all(not src for src in root.xpath("//@src | //@srcset"))
    assert re.search(r"\bsrc\s*=\s*[\"']?https?://", report, re.IGNORECASE) is None
    assert re.search(r"<link[^>]*href\s*=\s*[\"']?https?://", report, re.IGNORECASE) is None
    style = "".join(root.xpath("//style/text()"))
    assert "font-family" in style or "font:" in style  # the inline CSS is really there
    assert "url(" not in style and "@import" not in style


def test_page_title_is_escaped() -> None:
    root = _parse(render_html([], title="<b>Mine</b>"))

    assert root.findtext(".//title") == "<b>Mine</b>"
    assert not root.xpath("//b")
    assert root.xpath("string(//nav)").strip().endswith("No stories.")


_PIECES = ["<", ">", "&", '"', "'", "/", "=", " ", "script", "img", " onerror=", "b", "&amp;"]
_PIECES += ["<!--", "-->", "]]>", "é", "日本", "javascript:", "\\"]
_HOSTILE_TEXT = (
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12)
    .map("".join)
    .filter(lambda text: text.strip() == text and "  " not in text)
)


@settings(max_examples=80, deadline=None)
@given(_HOSTILE_TEXT)
def test_any_article_text_round_trips_as_text(text: str) -> None:
    story = Story(
        "s",
        text,
        (article("a1", title=text, source=text, url=text),),
        brief=Brief(summary=(SummarySentence(text, ("a1",)),)),
    )
    root = _parse(render_html([story]))

    assert not root.xpath("//script | //img | //iframe")
    assert root.xpath("string(//main/section/header/h2)") == text
    assert root.xpath("string(//section[@class='summary']/p/text()[1])") == text
    for element in _elements(root):
        assert not [name for name in element.attrib if name.lower().startswith("on")]
