"""One real `storyline run` over good inputs mixed with every kind of bad input.

The run must exit 0, store every good article exactly once, and name every bad input with
its reason on stderr, one line each, and nothing else.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline.ingest import DEFAULT_MAX_BYTES

from .bad_inputs import build_corpus, prose
from .processes import permissions_are_enforced, run_storyline, stored_texts

_SKIPPED = re.compile(r"^storyline: skipped (?P<name>.+?): (?P<reason>[^:]+)(?::|$)")
# The whole run, with a 30 MB line and a 100 MB gzip bomb among the inputs: both must be
# refused cheaply rather than ground through (measured: about 15 s and 400 MB). Processor
# time, not wall time, so that other work on the machine does not fail the test.
_MAX_CPU_SECONDS = 120
_MAX_RSS_MB = 900


def _skipped_lines(stderr: str) -> list[tuple[str, str]]:
    found = []
    for line in stderr.splitlines():
        match = _SKIPPED.match(line)
        if match is not None:
            found.append((match["name"], match["reason"]))
    return found


@pytest.mark.slow
def test_a_run_over_good_and_bad_inputs_keeps_every_good_article(tmp_path: Path) -> None:
    work = tmp_path
    corpus = build_corpus(work)
    expected_bad = list(corpus.bad)
    if permissions_are_enforced():
        expected_bad += corpus.unreadable

    # The wall-clock timeout is generous: the budget that matters is the processor time below.
    result = run_storyline(
        "run", *corpus.inputs, "--db", "store.db", "--out", "out",
        cwd=work, obey_modes=True, timeout=600,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    reported = _skipped_lines(result.stderr)
    missing = [bad for bad in expected_bad if not any(bad.matches(*r) for r in reported)]
    unexpected = [r for r in reported if not any(bad.matches(*r) for bad in expected_bad)]
    assert missing == [], result.stderr
    assert unexpected == [], result.stderr
    assert len(reported) == len(set(reported)), "an input was reported twice"
    # One line each, and nothing else: no traceback, warning or continuation line.
    assert [line for line in result.stderr.splitlines() if not _SKIPPED.match(line)] == []
    # The size limit is said, not just that the file is too large.
    assert f"skipped huge.txt: too large: {DEFAULT_MAX_BYTES + 1} bytes > limit " in result.stderr
    texts = stored_texts(work / "store.db")
    for marker in corpus.good_markers:
        holders = [text for text in texts if re.search(rf"\b{marker}\b", text)]
        assert len(holders) == 1, f"{marker} is stored {len(holders)} times"
    # Nothing from an unreadable or damaged part sneaked in.
    assert not any(re.search(r"\bmk(secret|closed|cutwarclost)\b", text) for text in texts)
    stories = json.loads((work / "out" / "stories.json").read_text())["stories"]
    assert sum(len(story["articles"]) for story in stories) == len(texts)
    assert result.cpu_seconds < _MAX_CPU_SECONDS
    assert result.peak_rss_mb < _MAX_RSS_MB


def test_latin1_and_windows_1252_text_is_decoded_not_garbled(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes(
        f"date 2020-02-10\n\nCafé naïve. {prose('mklatin')}\n".encode("latin-1")
    )
    (tmp_path / "cp1252.txt").write_bytes(
        f"“Quoted” words. {prose('mkwindows')} – said the mayor’s aide.\n".encode("cp1252")
    )

    result = run_storyline("clean", "latin1.txt", "cp1252.txt", "--json", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    latin1, windows = (json.loads(line) for line in result.stdout.splitlines())
    assert "Café naïve" in latin1["text"]
    assert latin1["published"] == "2020-02-10"
    assert "“Quoted”" in windows["text"]
    assert "mayor’s aide" in windows["text"]
