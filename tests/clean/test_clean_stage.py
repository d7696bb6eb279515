from __future__ import annotations

from datetime import date

from storyline.clean import CleanStage
from storyline.clean.dates import parse_date
from storyline.clean.repair import repair_text
from storyline.clean.sentences import split_sentences
from storyline.model import Article, Dropped, RawDocument


def _raw(content: str, **fields: object) -> RawDocument:
    base: dict[str, object] = {
        "source_key": "file:/tmp/x.txt",
        "kind": "text",
        "content_type": "text",
        "content": content,
        "path": "x.txt",
    }
    base.update(fields)
    return RawDocument(**base)  # type: ignore[arg-type]


BODY = (
    "Floodwaters rose across the valley on Monday. The governor said 14 people died.\n\n"
    "Rescue teams reached a dozen villages by boat, officials said."
)


def test_text_with_title_line_gets_title_and_body() -> None:
    [article] = CleanStage().process([_raw("Floods hit the Ossen valley\n\n" + BODY)])
    assert isinstance(article, Article)
    assert article.title == "Floods hit the Ossen valley"
    assert article.text.startswith("Floodwaters rose")
    assert article.language == "en"


def test_text_without_title_line_keeps_first_sentence_as_body() -> None:
    [article] = CleanStage().process([_raw(BODY)])
    assert isinstance(article, Article)
    assert article.title is None
    assert article.text.startswith("Floodwaters rose")


def test_sentences_keep_offsets_into_text() -> None:
    [article] = CleanStage().process([_raw("A title here\n\n" + BODY)])
    assert isinstance(article, Article)
    assert len(article.sentences) == 3
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


def test_splitter_survives_abbreviations() -> None:
    text = "He arrived on Feb. 10 at 3 p.m. in the capital. Mr. Vance said the U.S. unit was safe."
    assert [s.text for s in split_sentences(text)] == [
        "He arrived on Feb. 10 at 3 p.m. in the capital.",
        "Mr. Vance said the U.S. unit was safe.",
    ]


def test_repair_fixes_entity_debris_and_placeholders() -> None:
    repaired = repair_text(
        "He don& # 39;t know, quot;she saidquot; %AUTHOR_NAME3f2a% caf\u00c3\u00a9"
    )
    assert "don't" in repaired
    assert '"she said"' in repaired
    assert "%AUTHOR" not in repaired
    assert repaired.endswith("café")


def test_html_is_extracted_with_metadata() -> None:
    page = (
        "<html><head><title>Dam holds | Valdoria Wire</title>"
        '<meta property="og:site_name" content="Valdoria Wire">'
        '<meta property="article:published_time" content="2026-03-11T08:30:00Z"></head>'
        "<body><nav>Home World Sport</nav><article><h1>Dam holds as river falls</h1>"
        + "".join(
            f"<p>{s} The river level fell again overnight near the dam.</p>" for s in range(6)
        )
        + "</article><footer>Copyright</footer></body></html>"
    )
    [article] = CleanStage().process([_raw(page, kind="html", content_type="html")])
    assert isinstance(article, Article)
    assert article.source == "Valdoria Wire"
    assert article.published is not None and article.published.day == date(2026, 3, 11)
    assert "Copyright" not in article.text


def test_too_little_text_is_dropped_with_reason() -> None:
    [dropped] = CleanStage().process([_raw("Just two")])
    assert isinstance(dropped, Dropped)
    assert dropped.reason == "too little text"


def test_same_raw_document_gets_same_id_and_other_source_another() -> None:
    first = CleanStage().clean(_raw(BODY))
    again = CleanStage().clean(_raw(BODY))
    elsewhere = CleanStage().clean(_raw(BODY, source_key="file:/tmp/other.txt"))
    assert isinstance(first, Article) and isinstance(again, Article)
    assert isinstance(elsewhere, Article)
    assert first.id == again.id
    assert first.id != elsewhere.id


def test_given_id_is_kept() -> None:
    article = CleanStage().clean(_raw(BODY, kind="jsonl", given_id="wire-7"))
    assert isinstance(article, Article) and article.id == "wire-7"


def test_parse_date_forms() -> None:
    iso = parse_date("2026-03-10", "header")
    assert iso is not None and iso.iso() == "2026-03-10"
    rfc = parse_date("Wed, 11 Mar 2026 09:15:00 GMT", "feed")
    assert rfc is not None and rfc.day == date(2026, 3, 11) and rfc.moment is not None
    human = parse_date("March 9, 2026", "header")
    assert human is not None and human.day == date(2026, 3, 9)
    assert parse_date("not a date at all", "header") is None
    assert parse_date("1066-10-14", "header") is None
