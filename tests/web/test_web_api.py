"""The JSON API over real HTTP: exactly the `stories.json` contract, and its docs page."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import httpx
import lxml.html

from storyline.report import stories_document, story_document
from storyline.store import open_store
from tests.json_contract import CONTRACT_STORY_KEYS

from .stories import FILLERS, HOSTILE_ID


def _json(base_url: str, path: str, **params: str) -> httpx.Response:
    return httpx.get(base_url + path, params=params or None, timeout=30)


def test_stories_are_the_stories_json_document_of_the_store(
    base_url: str, store_path: Path
) -> None:
    response = _json(base_url, "/api/stories")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with open_store(store_path) as store:
        expected = stories_document(list(store.iter_stories()))
    assert response.json() == expected
    stories = response.json()["stories"]
    assert len(stories) == 4 + FILLERS
    assert all(set(story) >= CONTRACT_STORY_KEYS for story in stories)
    sizes = [story["size"] for story in stories]
    assert sizes == sorted(sizes, reverse=True)
    assert response.headers["x-total-count"] == str(4 + FILLERS)


def test_one_story_is_exactly_its_contract_object(base_url: str, store_path: Path) -> None:
    for story_id in ["story:quake/1", HOSTILE_ID, "harbour"]:
        response = _json(base_url, "/api/stories/" + quote(story_id, safe=""))
        assert response.status_code == 200, story_id
        with open_store(store_path) as store:
            story = store.get_story(story_id)
        assert story is not None
        # byte-level JSON equality, not only the same keys: nothing is added or re-typed
        assert response.json() == json.loads(json.dumps(story_document(story)))
    quake = _json(base_url, "/api/stories/" + quote("story:quake/1", safe="")).json()
    assert quake["facts"][0]["value"] == 120 and quake["facts"][1]["value"] == 6.4
    assert [entry["date"] for entry in quake["timeline"]] == ["2026-03-09", "2026-03-11"]


def test_filters_and_paging_of_the_story_api(base_url: str) -> None:
    planet = _json(base_url, "/api/stories", outlet="daily planet").json()["stories"]
    assert [story["id"] for story in planet] == ["harbour"]
    window = _json(base_url, "/api/stories", **{"from": "2026-02-01", "to": "2026-02-28"})
    assert [story["id"] for story in window.json()["stories"]] == ["election"]
    page = _json(base_url, "/api/stories", limit="2", offset="1")
    assert [story["id"] for story in page.json()["stories"]] == ["story:quake/1", "election"]
    assert page.headers["x-total-count"] == str(4 + FILLERS)
    bad = _json(base_url, "/api/stories", **{"from": "last week"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["detail"]
    assert _json(base_url, "/api/stories", limit="0").status_code == 422


def test_articles_give_their_cleaned_text(base_url: str) -> None:
    article = _json(base_url, "/api/articles/evil-1").json()

    assert set(article) == {
        "id",
        "path",
        "url",
        "source",
        "title",
        "published",
        "language",
        "text",
        "sentences",
    }
    assert article["text"].startswith("First paragraph <script>")
    assert article["published"] == "2026-03-10"


def test_unknown_ids_are_json_404s(base_url: str) -> None:
    for path in ["/api/stories/nope", "/api/articles/nope", "/api/nothing-here"]:
        response = _json(base_url, path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/json"
        assert "detail" in response.json()


def test_openapi_document_describes_the_contract(base_url: str) -> None:
    document = _json(base_url, "/api/openapi.json").json()

    assert set(document["paths"]) == {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
    }
    story = document["components"]["schemas"]["StoryDocument"]
    assert set(story["properties"]) >= CONTRACT_STORY_KEYS
    fact = document["components"]["schemas"]["Fact"]
    assert fact["properties"]["status"]["enum"] == ["corroborated", "single-source", "disputed"]
    parameters = document["paths"]["/api/stories"]["get"]["parameters"]
    assert {p["name"] for p in parameters} == {"q", "from", "to", "outlet", "limit", "offset"}


def test_docs_page_is_rendered_here_without_scripts(base_url: str) -> None:
    assert httpx.get(base_url + "/docs", timeout=30).headers["location"] == "/api/docs"
    response = _json(base_url, "/api/docs")
    root = lxml.html.document_fromstring(response.text)

    routes = root.xpath("//section[@class='operation']/h3/code/text()")
    assert routes == [
        "GET /api/stories",
        "GET /api/stories/{story_id}",
        "GET /api/articles/{article_id}",
    ]
    assert "StoryDocument" in root.xpath("//section[@class='schema']/h3/code/text()")
    assert root.xpath("//a[@href='/api/openapi.json']")
    assert not root.xpath("//script")
    # every schema a response names is documented on the page
    targets = {href[1:] for href in root.xpath("//ul[@class='responses']//a/@href")}
    assert targets and targets <= set(root.xpath("//section[@class='schema']/@id"))
