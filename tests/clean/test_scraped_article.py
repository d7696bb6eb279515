"""The issue's acceptance test: a scraped article loses all its debris and keeps its body."""

from __future__ import annotations

from storyline.clean import CleanStage
from storyline.clean.sentences import split_sentences
from storyline.model import Article, RawDocument
from tests.clean.scraped import BODY, DEBRIS, TITLE, scraped_text


def _clean(content: str, **fields: object) -> Article:
    raw = RawDocument(
        source_key="file:/news/quillon-bridge.txt",
        kind="text",
        content_type="text",
        content=content,
        path="quillon-bridge.txt",
        **fields,  # type: ignore[arg-type]
    )
    [article] = CleanStage().process([raw])
    assert isinstance(article, Article)
    return article


def test_scraped_article_loses_every_kind_of_debris_and_keeps_every_body_sentence() -> None:
    article = _clean(scraped_text())
    assert article.title == TITLE
    assert article.text.split("\n\n") == BODY
    for line, kind in DEBRIS.items():
        assert line.strip() not in article.text, f"{kind} left in: {line!r}"
    expected = [s.text for paragraph in BODY for s in split_sentences(paragraph)]
    assert [s.text for s in article.sentences] == expected
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


def test_entity_debris_is_repaired_inside_body_sentences() -> None:
    article = _clean(scraped_text())
    assert '"the only safe choice"' in article.text
    assert "city's engineering team" in article.text
    assert "quot;" not in article.text and "& #" not in article.text and "&#" not in article.text


def test_a_given_title_is_not_repeated_in_the_body() -> None:
    article = _clean(scraped_text(), title=TITLE)
    assert article.title == TITLE
    assert article.text.split("\n\n") == BODY
