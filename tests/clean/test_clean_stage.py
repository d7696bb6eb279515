from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean import CleanStage
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


def test_html_page_debris_and_title_line_are_removed() -> None:
    page = (
        "<html><head><title>Dam holds as river falls</title>"
        '<meta property="og:title" content="Dam holds as river falls"></head><body><article>'
        "<h1>Dam holds as river falls</h1><p>By Ana Lind | Valdoria Wire</p>"
        + "".join(
            f"<p>{s} The river level fell again overnight near the dam.</p>" for s in range(5)
        )
        + "<p>Photo: J. Morel / KNA</p></article></body></html>"
    )
    [article] = CleanStage().process([_raw(page, kind="html", content_type="html")])
    assert isinstance(article, Article)
    assert article.title == "Dam holds as river falls"
    assert not article.text.startswith("Dam holds")
    assert "Ana Lind" not in article.text and "Morel" not in article.text


def test_utf8_page_read_as_latin1_is_repaired_before_extraction() -> None:
    sentence = "Zażółć gęślą jaźń, said the mayor of Łódź on Tuesday morning."
    page = "<html><body><article>" + f"<p>{sentence}</p>" * 4 + "</article></body></html>"
    misread = page.encode("utf-8").decode("latin-1")
    [article] = CleanStage().process([_raw(misread, kind="html", content_type="html")])
    assert isinstance(article, Article)
    assert sentence in article.text


def test_pages_without_text_are_dropped_with_reasons() -> None:
    empty = _raw("<html><body></body></html>", kind="html", content_type="html")
    menu = _raw("<html><body><nav>Home</nav></body></html>", kind="html", content_type="html")
    first, second = CleanStage().process([empty, menu])
    assert isinstance(first, Dropped) and first.reason == "no article text found in HTML"
    assert isinstance(second, Dropped) and second.reason == "too little text"


def test_chinese_and_japanese_text_is_not_too_short_and_splits_into_sentences() -> None:
    text = "東京では今朝、大雨のため多くの電車が止まりました。午後には運転が再開されました。"
    [article] = CleanStage().process([_raw(text)])
    assert isinstance(article, Article)
    assert [s.text for s in article.sentences] == [
        "東京では今朝、大雨のため多くの電車が止まりました。",
        "午後には運転が再開されました。",
    ]


def test_split_and_hard_wrapped_paragraphs_are_joined() -> None:
    split = (
        "The river rose more than four metres above its normal\n"
        "level on Monday, swamping farmland.\n\nOfficials said 14 people died."
    )
    article = CleanStage().clean(_raw(split))
    assert isinstance(article, Article)
    assert article.text.split("\n\n")[0] == (
        "The river rose more than four metres above its normal level on Monday, swamping farmland."
    )
    words = ("The council met on Monday and again on Tuesday to discuss the plan. " * 12).split()
    wrapped, line = [], ""
    for word in words:
        if len(line) + len(word) + 1 > 60:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    wrapped.append(line)
    article = CleanStage().clean(_raw("\n".join(wrapped)))
    assert isinstance(article, Article)
    assert article.text == " ".join(words)


def test_batch_signals_remove_an_outlet_promo_repeated_across_its_articles() -> None:
    promo = "Support independent journalism in Garrow County"
    raws = [
        _raw(
            f"Story number {n} about the council\n\n{BODY}\n\n{promo}\n\nIt ended at {n} p.m.",
            source="Garrow Courier",
            source_key=f"file:/tmp/{n}.txt",
        )
        for n in range(3)
    ]
    articles = CleanStage().process(raws)
    assert all(isinstance(a, Article) and promo not in a.text for a in articles)
    [alone] = CleanStage().process(raws[:1])
    assert isinstance(alone, Article) and promo in alone.text, "one article alone: unsure, kept"


_HTML_BITS = st.sampled_from(
    ["<p>", "</p>", "<div>", "<script>", "</html>", "&amp;", "&#", "<!--", "\x00", "\x85", "é"]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.text(max_size=40), _HTML_BITS), max_size=30).map("".join),
    st.sampled_from(["text", "html"]),
)
def test_bad_input_never_raises(content: str, content_type: str) -> None:
    raw = _raw(
        content, kind="html" if content_type == "html" else "text", content_type=content_type
    )
    [result] = CleanStage().process([raw])
    assert isinstance(result, Article | Dropped)
    if isinstance(result, Article):
        for sentence in result.sentences:
            assert result.text[sentence.start : sentence.end] == sentence.text
