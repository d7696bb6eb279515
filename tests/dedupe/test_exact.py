from __future__ import annotations

from datetime import date

from storyline.dedupe import ExactDuplicateStage
from storyline.pipeline import Pipeline, RunReport
from storyline.runners import LocalRunner
from tests.conftest import make_article

TEXT = "The council voted eight to five for binding mediation on Tuesday evening."


def test_copies_point_at_the_earliest_original() -> None:
    articles = [
        make_article("late", TEXT, day=date(2026, 3, 11)),
        make_article("early", TEXT.upper().replace(" ", "  "), day=date(2026, 3, 10)),
        make_article("other", "Something else entirely happened in another town today."),
    ]
    out = LocalRunner().run(Pipeline.of(ExactDuplicateStage()), articles, RunReport())
    by_id = {a.id: a for a in out}
    assert by_id["early"].duplicate_of is None
    assert by_id["late"].duplicate_of == "early"
    assert by_id["other"].duplicate_of is None
    assert len(out) == 3
