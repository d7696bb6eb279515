"""`storyline watch DIR`: new files update only the stories they belong to."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.model import Dropped
from storyline.watch import RoundResult, Watcher, watch
from tests.conftest import DEMO

from .articles import FLOODS_FOLLOW_UP, UNRELATED
from .conftest import CountingSynthesize, report_sizes, stored_rows, story_with_title


def _watcher(folder: Path, tmp_path: Path, synthesize: CountingSynthesize, **kw: object) -> Watcher:
    watcher = Watcher(str(folder), db=tmp_path / "s.db", out=tmp_path / "out", **kw)  # type: ignore[arg-type]
    watcher.synthesize = synthesize
    return watcher


def test_a_new_file_updates_only_its_story(tmp_path: Path, synthesize: CountingSynthesize) -> None:
    folder = tmp_path / "in"
    shutil.copytree(DEMO, folder)
    watcher = _watcher(folder, tmp_path, synthesize)
    db = tmp_path / "s.db"

    first = watcher.round()
    assert first.added == 12
    assert len(first.briefed_ids) == 3
    before = stored_rows(db)
    assert sorted(size for size, _ in before.values()) == [4, 4, 4]
    floods = story_with_title(db, "Ossen floods: death toll")

    (folder / "text" / "glenmoor-floods-recede.txt").write_text(FLOODS_FOLLOW_UP)
    synthesize.briefed.clear()
    second = watcher.round()

    assert (second.inputs, second.added) == (1, 1)
    assert synthesize.briefed == [floods]
    after = stored_rows(db)
    assert after.keys() == before.keys()
    assert after[floods][0] == 5
    assert after[floods][1] != before[floods][1]
    for story_id in before.keys() - {floods}:
        assert after[story_id] == before[story_id]  # same size, brief byte for byte
    assert story_with_title(db, "waters recede in Lisk") == floods
    assert report_sizes(tmp_path / "out")[floods] == 5

    synthesize.briefed.clear()
    third = watcher.round()
    assert (third.inputs, third.added, third.update, synthesize.briefed) == (0, 0, None, [])
    assert stored_rows(db) == after


def test_an_unrelated_file_founds_a_story_of_its_own(
    tmp_path: Path, synthesize: CountingSynthesize
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(DEMO / "text", folder)
    watcher = _watcher(folder, tmp_path, synthesize)
    watcher.round()
    before = stored_rows(tmp_path / "s.db")

    (folder / "brindlemoor-bread.txt").write_text(UNRELATED)
    synthesize.briefed.clear()
    result = watcher.round()

    bread = story_with_title(tmp_path / "s.db", "rye loaf")
    assert synthesize.briefed == [bread]
    assert result.update is not None and result.update.removed_ids == ()
    after = stored_rows(tmp_path / "s.db")
    assert after.pop(bread)[0] == 1
    assert after == before


def test_exact_and_near_copies_follow_their_originals(
    tmp_path: Path, synthesize: CountingSynthesize
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(DEMO / "text", folder)
    watcher = _watcher(folder, tmp_path, synthesize)
    watcher.round()
    corvane = story_with_title(tmp_path / "s.db", "Corvane")
    before = stored_rows(tmp_path / "s.db")

    # A re-post under another name: a new source, the same words.
    text = (folder / "kestrel-corvane.txt").read_text()
    (folder / "repost-corvane.txt").write_text(text.replace("\n\n", "\n\n\n"))
    synthesize.briefed.clear()
    result = watcher.round()

    assert result.added == 1
    assert synthesize.briefed == [corvane]
    assert result.update is not None
    (story,) = result.update.briefed
    copies = [a for a in story.articles if a.duplicate_of is not None]
    assert [a.path for a in copies] == [str(folder / "repost-corvane.txt")]
    after = stored_rows(tmp_path / "s.db")
    assert after[corvane][0] == before[corvane][0] + 1
    assert {k: v for k, v in after.items() if k != corvane} == {
        k: v for k, v in before.items() if k != corvane
    }

    # A syndicated copy: the same report under another outlet's credit, without its header.
    transit = story_with_title(tmp_path / "s.db", "Port Elsin")
    lines = (folder / "harbor-ledger-transit.txt").read_text().splitlines()
    syndicated = "\n".join(["Wire report", *lines[1:], "Distributed by the Glenmoor wire."])
    (folder / "glenmoor-wire-transit.txt").write_text(syndicated)
    synthesize.briefed.clear()
    result = watcher.round()
    assert synthesize.briefed == [transit]
    assert result.update is not None
    (story,) = result.update.briefed
    near = [a for a in story.articles if a.path == str(folder / "glenmoor-wire-transit.txt")]
    assert len(near) == 1
    assert near[0].duplicate_of is not None


def test_bad_files_and_failing_rounds_do_not_stop_the_loop(
    tmp_path: Path, synthesize: CountingSynthesize, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(DEMO / "text", folder)
    dropped: list[Dropped] = []
    errors: list[str] = []
    rounds: list[RoundResult] = []
    watcher = _watcher(folder, tmp_path, synthesize, on_dropped=dropped.append)
    stop = threading.Event()
    real_round = watcher.round

    def between_rounds(result: RoundResult) -> None:
        rounds.append(result)
        if len(rounds) == 1:
            (folder / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
            (folder / "notes.pdf").write_bytes(b"%PDF-1.7")
        if len(rounds) == 2:
            (folder / "glenmoor-floods-recede.txt").write_text(FLOODS_FOLLOW_UP)
            calls = iter([RuntimeError("disk on fire\nsecond line"), None])

            def flaky_round() -> RoundResult:
                error = next(calls, None)
                if error is not None:
                    raise error
                return real_round()

            monkeypatch.setattr(watcher, "round", flaky_round)

    ran = watch(
        watcher,
        every=0.01,
        max_rounds=4,
        on_round=between_rounds,
        on_error=errors.append,
        stop=stop,
    )

    assert ran == 4
    assert sorted(d.subject for d in dropped) == sorted(
        [str(folder / "broken.html.gz"), str(folder / "notes.pdf")]
    )
    assert all(d.reason for d in dropped)
    assert errors == ["round 3: RuntimeError: disk on fire second line"]
    assert [r.added for r in rounds] == [5, 0, 1]
    assert story_with_title(tmp_path / "s.db", "waters recede in Lisk")


def test_sigterm_ends_the_loop_after_the_round(
    tmp_path: Path, synthesize: CountingSynthesize
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    watcher = _watcher(folder, tmp_path, synthesize)
    before = signal.getsignal(signal.SIGTERM)
    ran = watch(watcher, every=3600, on_round=lambda _: os.kill(os.getpid(), signal.SIGTERM))
    assert ran == 1
    assert signal.getsignal(signal.SIGTERM) == before


def test_stop_event_ends_the_loop_between_rounds(
    tmp_path: Path, synthesize: CountingSynthesize
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    watcher = _watcher(folder, tmp_path, synthesize)
    stop = threading.Event()
    ran = watch(watcher, every=3600, on_round=lambda _: stop.set(), stop=stop)
    assert ran == 1


def test_cli_watch_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["watch", str(folder), "--db", str(db), "--once"])
    assert result.exit_code == 0, result.output
    assert db.is_file()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--every", "soon"], "invalid interval"), (["--every", "0s"], "invalid interval")],
)
def test_cli_watch_refuses_bad_arguments(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = CliRunner().invoke(app, ["watch", str(tmp_path), *arguments, "--once"])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_watch_refuses_a_missing_target(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["watch", str(tmp_path / "nowhere"), "--once"])
    assert result.exit_code == 2
    assert "no folder or feeds file" in result.output
