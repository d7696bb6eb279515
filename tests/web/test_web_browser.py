"""A real headless Chromium against a real server: click through, keyboard, phone width, and
hostile article text that must stay inert. Screenshots go to test-artifacts/web/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from storyline.report import render_html
from tests.conftest import ROOT

from .browser import CHROMIUM_ARGS, find_chromium
from .stories import HOSTILE_ID, HOSTILE_TITLE, web_stories

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium found (install Debian's chromium: `make browser`)",
)
if CHROMIUM is not None:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

ARTIFACTS = ROOT / "test-artifacts" / "web"
DESKTOP = {"width": 1100, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Watched:
    """A page that records every dialog and console message, so a script that runs is seen."""

    def __init__(self, browser: Browser, viewport: dict[str, int], *, javascript: bool = True):
        self.context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        self.page: Page = self.context.new_page()
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.on("console", lambda message: self.console.append(_text(message)))

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str, *, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=full_page)
        assert path.stat().st_size > 5000  # a real picture, not a blank
        return path


def _text(message: ConsoleMessage) -> str:
    return f"{message.type}: {message.text}"


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Watched]:
    watched = Watched(browser, DESKTOP)
    yield watched
    watched.context.close()


def test_click_from_the_list_to_a_story_and_an_article(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Stories"
    desktop.shot("1-story-list")

    page.get_by_role("link", name="Quake hits coast").click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text() == "Quake hits coast"
    assert page.locator("table.fact-table th.outlet").all_inner_texts() == [
        "apnews.example",
        "Reuters",
        "BBC",
    ]
    assert page.locator("figure.chart svg circle.event").count() == 2
    desktop.shot("2-story-page")

    page.locator("section.summary .refs a").first.click()  # a source ref jumps to its article
    assert page.url.endswith("--a1")
    assert page.locator("li:target").inner_text().startswith("[1] Title of a1")

    page.locator("a.text-link").first.click()
    page.wait_for_url("**/articles/a1?story=*")
    assert page.locator("h1").inner_text() == "Title of a1"
    assert page.locator("article.cleaned > p").first.inner_text() == "Body text."
    desktop.shot("3-article-text")
    page.get_by_role("link", name="the story").click()
    assert page.locator("h1").inner_text() == "Quake hits coast"
    assert desktop.dialogs == [] and desktop.console == []


def test_keyboard_alone_searches_and_opens_a_story(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    _tab_until(page, "document.activeElement.id === 'q'")
    page.keyboard.type("harbour")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=harbour*")
    assert page.locator("ol.stories li").count() == 1
    _tab_until(page, "document.activeElement.classList.contains('story-link')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stories/harbour")
    assert page.locator("h1").inner_text() == "Harbour strike"
    outline = page.evaluate(
        "(() => { const a = document.querySelector('a.text-link'); a.focus();"
        " return getComputedStyle(a).outlineStyle; })()"
    )
    assert outline != "none"  # focus is visible


def _tab_until(page: Page, condition: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    raise AssertionError(f"{condition} never became true while tabbing")


def test_phone_width_pages_do_not_scroll_sideways(browser: Browser, base_url: str) -> None:
    phone = Watched(browser, PHONE)
    try:
        for name, path in [
            ("4-phone-list", "/"),
            ("5-phone-story", "/stories/" + quote("story:quake/1", safe="")),
        ]:
            phone.page.goto(base_url + path)
            width = phone.page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (path, width)
            phone.shot(name)
    finally:
        phone.context.close()


def test_pages_read_the_same_without_javascript(browser: Browser, base_url: str) -> None:
    plain = Watched(browser, DESKTOP, javascript=False)
    try:
        plain.page.goto(base_url + "/stories/harbour")
        assert plain.page.locator("section.summary p").inner_text() == "Dock workers walked out.[1]"
        assert plain.page.locator("ol.articles li").count() == 5
    finally:
        plain.context.close()


def _assert_inert(watched: Watched, where: str) -> None:
    page = watched.page
    assert watched.dialogs == [], where
    assert page.evaluate("document.body.getAttribute('data-pwned')") is None, where
    counts = page.evaluate(
        """() => ({
            scripts: document.querySelectorAll('script, iframe, object, embed').length,
            images: document.querySelectorAll('img').length,
            handlers: [...document.querySelectorAll('*')].filter(
                el => [...el.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
            jsLinks: [...document.querySelectorAll('[href]')].filter(
                el => /^\\s*javascript:/i.test(el.getAttribute('href'))).length,
        })"""
    )
    assert counts == {"scripts": 0, "images": 0, "handlers": 0, "jsLinks": 0}, where
    # a payload that the CSP had to block would have been one escaping missed
    assert not [line for line in watched.console if "Content Security Policy" in line], where


def _hover_everything(page: Page) -> None:
    """Mouse events on every element: a smuggled onmouseover or onfocus would fire now."""
    page.evaluate(
        """() => document.querySelectorAll('body *').forEach(el => {
            for (const type of ['mouseover', 'mouseenter', 'focus']) {
                el.dispatchEvent(new Event(type, {bubbles: true}));
            }
        })"""
    )


def test_hostile_articles_stay_inert_in_every_page(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    story_href = "/stories/" + quote(HOSTILE_ID, safe="")
    for path in ["/", "/?q=breaking", story_href]:
        page.goto(base_url + path)
        _assert_inert(desktop, path)
    assert page.locator("h1").inner_text() == HOSTILE_TITLE  # shown as text, escaped once
    _hover_everything(page)
    _assert_inert(desktop, "story page after hovering")
    desktop.shot("6-hostile-story")
    hrefs = [link.get_attribute("href") or "" for link in page.locator("a.text-link").all()]
    assert len(hrefs) == 2
    for href in hrefs:
        page.goto(base_url + href)
        _assert_inert(desktop, href)
        assert "<script>" in page.locator("article.cleaned").inner_text() or "<b>" in (
            page.locator("dl.details").inner_text()
        )
    desktop.shot("7-hostile-article")


def test_hostile_articles_stay_inert_in_the_html_report(desktop: Watched, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text(render_html(web_stories()), encoding="utf-8")

    desktop.page.goto(report.as_uri())
    _assert_inert(desktop, "report.html")
    _hover_everything(desktop.page)
    _assert_inert(desktop, "report.html after hovering")
    assert HOSTILE_TITLE in desktop.page.locator("nav.toc").inner_text()
    hostile = desktop.page.locator("section.story", has_text="Breaking <script>").first
    hostile.scroll_into_view_if_needed()
    desktop.shot("8-report-html", full_page=False)
