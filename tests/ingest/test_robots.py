"""robots.txt as RFC 9309 reads it: groups, longest match, wildcards, answers by status."""

from __future__ import annotations

from storyline.ingest.robots import RobotsCache, RobotsRules, rules_for_response

SITE = "https://news.example"


def test_longest_match_wins_so_an_allowed_section_survives_a_site_wide_disallow() -> None:
    rules = RobotsRules.parse("User-agent: *\nDisallow: /\nAllow: /news/\n", "storyline")

    assert rules.allows(f"{SITE}/news/2026/flood")
    assert not rules.allows(f"{SITE}/account/login")
    assert rules.allows(f"{SITE}/robots.txt")


def test_allow_wins_a_tie_and_wildcards_and_end_anchors_match() -> None:
    text = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /print\nAllow: /print\nDisallow: /*?s=\n"
    rules = RobotsRules.parse(text, "storyline")

    assert not rules.allows(f"{SITE}/files/report.pdf")
    assert rules.allows(f"{SITE}/files/report.pdf.html")
    assert rules.allows(f"{SITE}/print/page")
    assert not rules.allows(f"{SITE}/search?s=flood")


def test_a_group_naming_storyline_replaces_the_general_one() -> None:
    text = (
        "User-agent: *\nDisallow: /\n\n"
        "User-agent: OtherBot\nUser-agent: Storyline/2\nDisallow: /private\nCrawl-delay: 3\n"
        "Sitemap: https://news.example/sitemap.xml\n"
    )
    rules = RobotsRules.parse(text, "storyline")

    assert rules.allows(f"{SITE}/news/a")
    assert not rules.allows(f"{SITE}/private/b")
    assert rules.crawl_delay == 3.0
    assert not RobotsRules.parse(text, "someone-else").allows(f"{SITE}/news/a")


def test_answers_by_status_follow_the_rfc() -> None:
    assert rules_for_response(404, b"", "storyline").allows(f"{SITE}/a")
    assert rules_for_response(403, b"", "storyline").allows(f"{SITE}/a")
    server_error = rules_for_response(503, b"", "storyline")
    assert not server_error.allows(f"{SITE}/a")
    assert "503" in server_error.note
    assert not rules_for_response(None, b"", "storyline").allows(f"{SITE}/a")
    fetched = rules_for_response(200, b"User-agent: *\nDisallow: /x\n", "storyline")
    assert not fetched.allows(f"{SITE}/x/1") and fetched.allows(f"{SITE}/y")


def test_cache_fetches_each_site_once() -> None:
    asked: list[str] = []

    def fetch(url: str) -> tuple[int | None, bytes]:
        asked.append(url)
        return 200, b"User-agent: *\nDisallow: /secret\n"

    cache = RobotsCache(fetch, "storyline")
    assert cache.rules_for(f"{SITE}/a").allows(f"{SITE}/a")
    assert not cache.rules_for(f"{SITE}/secret").allows(f"{SITE}/secret")
    cache.rules_for("http://other.example:8080/x")

    assert asked == [f"{SITE}/robots.txt", "http://other.example:8080/robots.txt"]
