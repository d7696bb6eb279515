"""Property tests for the cleaner, through its public functions: whatever the text, it never
raises, its sentence offsets index the text it returns, and it invents no words.

The cleaner is still changing, so the properties are the general ones any version keeps.
"""

from __future__ import annotations

import re
import time

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from storyline.clean import CleanStage
from storyline.clean.repair import repair_text
from storyline.clean.sentences import split_sentences
from storyline.model import Article, Dropped, RawDocument, Sentence

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Every code point, lone surrogates included: a RawDocument may come from any API caller.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=800)
NEWS_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            ["The mayor said.", "Mr. Smith", "U.S.", '"We won," she said.', "\n", "\n\n",
             "Feb. 10", "No. 5", "…", "!", "?", "&amp;", "quot;", "& # 39;", "\r\n", "\t",
             "%AUTHOR_NAME3f%", "Photo: AFP", "Read more", "1/12", "\u00a0", "\u200b", "é"]
        ),
        st.text(st.characters(codec="utf-8"), max_size=30),
    ),
    max_size=80,
).map(" ".join)  # fmt: skip


def check_sentences(text: str, sentences: tuple[Sentence, ...]) -> None:
    end = 0
    for sentence in sentences:
        assert end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text  # a sentence never spans paragraphs
        end = sentence.end


@FUZZ
@given(text=ANY_TEXT | NEWS_TEXT)
def test_split_sentences_offsets_index_the_text(text: str) -> None:
    check_sentences(text, split_sentences(text))


@FUZZ
@given(text=ANY_TEXT | NEWS_TEXT)
def test_repair_text_gives_tidy_storable_text(text: str) -> None:
    repaired = repair_text(text)

    repaired.encode("utf-8")
    assert "\r" not in repaired
    assert repaired == repaired.strip()
    assert "\n\n\n" not in repaired


def _raw(content: str, content_type: str = "text") -> RawDocument:
    return RawDocument(
        source_key="fuzz://1",
        kind="text" if content_type == "text" else "html",
        content_type=content_type,  # type: ignore[arg-type]
        content=content,
        path="fuzz.txt",
    )


def check_article(article: Article | Dropped) -> None:
    event("dropped" if isinstance(article, Dropped) else "article")
    if isinstance(article, Dropped):
        assert article.reason
        return
    assert article.id and article.text.strip()
    article.text.encode("utf-8")
    for value in (article.title, article.language, article.published_iso):
        if value is not None:
            value.encode("utf-8")
    check_sentences(article.text, article.sentences)


@FUZZ
@given(texts=st.lists(ANY_TEXT | NEWS_TEXT, min_size=1, max_size=4))
def test_the_clean_stage_never_raises_on_text(texts: list[str]) -> None:
    batch = [_raw(text) for text in texts]

    cleaned = CleanStage().process(batch)

    assert len(cleaned) == len(batch)
    for article in cleaned:
        check_article(article)


_PLAIN_WORDS = st.lists(
    st.sampled_from(["The", "river", "rose", "Tuesday", "said", "42", "mayor", "Lisk", "."]),
    min_size=5,
    max_size=60,
).map(" ".join)


@FUZZ
@given(paragraphs=st.lists(_PLAIN_WORDS, min_size=1, max_size=6))
def test_cleaning_plain_text_invents_no_words(paragraphs: list[str]) -> None:
    source = "\n\n".join(paragraphs)

    [article] = CleanStage().process([_raw(source)])

    if isinstance(article, Article):
        written = set(re.findall(r"\w+", source))
        assert set(re.findall(r"\w+", article.text)) <= written
        assert article.title is None or set(re.findall(r"\w+", article.title)) <= written


_TAGS = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<article>", "<h1>", "</h1>", "<script>", "</script>",
     "<br>", "<nav>", "</nav>", "<meta name='date' content='2020-02-10'>", "<title>", "</title>",
     "<!--", "-->", "&nbsp;", "&#xD800;", "<![CDATA[", "<table><tr><td>", "<html>", "<body>"]
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_TAGS | NEWS_TEXT, max_size=40))
def test_the_clean_stage_never_raises_on_html(parts: list[str]) -> None:
    [article] = CleanStage().process([_raw("".join(parts), "html")])

    check_article(article)


def test_a_long_single_line_is_cleaned_in_linear_time() -> None:
    """A scraped article with no line breaks is common (one line per article in WCEP); one
    of 200,000 characters must not take quadratic time (it once took 80 seconds)."""
    sentence = "Mr. Smith told the U.S. council on Feb. 10 that No. 5 would reopen. "
    text = (sentence * (200_000 // len(sentence)))[:200_000]

    started = time.process_time()
    [article] = CleanStage().process([_raw(text)])
    seconds = time.process_time() - started

    assert isinstance(article, Article)
    assert len(article.sentences) > 2000
    assert seconds < 20


def _split_seconds(text: str) -> float:
    started = time.process_time()
    split_sentences(text)
    return time.process_time() - started


def test_a_long_line_full_of_quotes_is_split_in_linear_time() -> None:
    """Checking every quotation for every sentence end once made this quadratic: 200,000
    characters took 3 s, the 1,000,000 a reader lets through about 75 s."""
    sentence = '"We voted. It is done," the mayor said. '
    short = sentence * 1000
    long = sentence * 4000

    ratio = _split_seconds(long) / max(_split_seconds(short), 1e-3)

    # Four times the text: about four times the time when linear, sixteen when quadratic.
    assert ratio < 8
