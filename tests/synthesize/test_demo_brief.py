"""The briefs of the invented demo corpus (examples/README.md lists its facts)."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline.model import Brief, Story
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Brief]:
    db = Path(tmp_path_factory.mktemp("demo")) / "demo.db"
    result = storyline.run([str(DEMO)], db=db, out=None)

    def topic(story: Story) -> str:
        text = " ".join(a.text for a in story.articles)
        return next(t for t in ("Ossen", "Corvane", "Port Elsin") if t in text)

    return {topic(story): story.brief for story in result.stories}


def claims(brief: Brief) -> list[dict[float, str | None]]:
    return [{c.value: c.attributed_to for c in d.claims} for d in brief.disagreements]


def test_floods_death_toll_disagreement_quotes_and_governor(briefs: dict[str, Brief]) -> None:
    floods = briefs["Ossen"]
    assert {14: "interior ministry", 21: "Ossen Valley Relief Network"} in claims(floods)
    governor = [e for e in floods.entities if "Danescu" in e.name or "Dănescu" in e.name]
    assert len(governor) == 1
    assert {"Mirela Danescu", "Mirela Dănescu"} <= {governor[0].name, *governor[0].aliases}
    speakers = {q.speaker for q in floods.quotes}
    assert {governor[0].name, "Tomas Varga", "Aurel Penn", "Ilka Moravec"} <= speakers
    dates = {e.date.isoformat() for e in floods.timeline}
    assert {"2026-03-09", "2026-03-02"} <= dates  # the floods on Monday; the March 2 report


def test_recall_figures_disagree(briefs: dict[str, Brief]) -> None:
    values = [set(c) for c in claims(briefs["Corvane"])]
    assert {48000, 61500} in values and {3, 11} in values


def test_strike_count_disagreement_and_dates(briefs: dict[str, Brief]) -> None:
    strike = briefs["Port Elsin"]
    assert {
        1900: "Port Elsin Transit Authority",
        2400: "Port Elsin Transit Workers' Union",
    } in claims(strike)
    dates = {e.date.isoformat() for e in strike.timeline}
    assert {"2026-03-07", "2026-03-12"} <= dates  # started Saturday; mediation on Thursday
    assert "Rosa Quillan" in {q.speaker for q in strike.quotes}
