"""Syndicated and near-identical copies are folded; other reports of a story are not."""

from __future__ import annotations

from datetime import date

from storyline.dedupe import ExactDuplicateStage, NearDuplicateStage
from storyline.model import Article
from storyline.pipeline import Pipeline, RunReport
from storyline.runners import LocalRunner
from tests.cluster.stories import MARKET_ATTACK
from tests.conftest import make_article

WIRE = (
    "HALVIK (KNA) - Corvane Systems is recalling 48,000 Pulse 20 portable power banks after "
    "reports that the battery packs can overheat while charging, the company said on Tuesday. "
    "Customers should stop using the devices at once and return them to any Corvane store for "
    "a full refund, the company said in a statement. The Valdoria Product Safety Board said it "
    "had received eleven reports of overheating, four of which caused minor burns, and that it "
    "was reviewing how many units had been sold through online marketplaces."
)
HARBOR_EDGES = (
    "By Staff Writer | The Harbor Ledger\nHome > Business > Recalls\n",
    "\nRead more: Harbor Ledger business newsletter. Share this story.",
)
NORTHREACH_EDGES = (
    "Northreach Post - Consumer desk\n",
    "\n(c) Kestrel News Agency. Related: Valdor hits two-year high against the euro",
)


def _run(articles: list[Article]) -> dict[str, Article]:
    pipeline = Pipeline.of(ExactDuplicateStage(), NearDuplicateStage())
    return {a.id: a for a in LocalRunner().run(pipeline, articles, RunReport())}


def _edged(article_id: str, edges: tuple[str, str], day: int) -> Article:
    head, tail = edges
    return make_article(article_id, head + WIRE + tail, day=date(2026, 3, day))


def test_a_syndicated_copy_with_other_boilerplate_points_at_the_original() -> None:
    out = _run(
        [
            _edged("harbor", HARBOR_EDGES, 11),
            make_article("wire", WIRE, day=date(2026, 3, 10)),
            _edged("northreach", NORTHREACH_EDGES, 12),
        ]
    )
    assert out["wire"].duplicate_of is None
    assert out["harbor"].duplicate_of == "wire"
    assert out["northreach"].duplicate_of == "wire"


def test_different_reports_of_one_story_are_not_folded() -> None:
    articles = [
        make_article(f"m{i}", body, title=title, day=date(2026, 3, 9))
        for i, (title, body) in enumerate(MARKET_ATTACK)
    ]
    assert all(a.duplicate_of is None for a in _run(articles).values())


def test_an_exact_copy_of_a_near_copy_points_at_the_first_original() -> None:
    out = _run(
        [
            make_article("wire", WIRE, day=date(2026, 3, 10)),
            _edged("harbor", HARBOR_EDGES, 11),
            _edged("harbor-again", HARBOR_EDGES, 12),
        ]
    )
    assert out["harbor"].duplicate_of == "wire"
    assert out["harbor-again"].duplicate_of == "wire"


def test_short_and_empty_texts_pass_through_untouched() -> None:
    out = _run([make_article("a", "Brief notice."), make_article("b", ""), make_article("c", "")])
    assert out["a"].duplicate_of is None
    assert {out["b"].duplicate_of, out["c"].duplicate_of} == {None, "b"}


def test_a_folded_copy_sits_in_its_originals_story() -> None:
    from storyline.cluster import ClusterStage
    from tests.cluster.stories import week_of_news

    articles = [
        *week_of_news(),
        make_article("wire", WIRE, day=date(2026, 3, 10)),
        _edged("harbor", HARBOR_EDGES, 11),
    ]
    pipeline = Pipeline.of(ExactDuplicateStage(), NearDuplicateStage(), ClusterStage())
    stories = LocalRunner().run(pipeline, articles, RunReport())
    [recall] = [s for s in stories if any(a.id == "wire" for a in s.articles)]
    assert {a.id: a.duplicate_of for a in recall.articles} == {"wire": None, "harbor": "wire"}
