"""Loaders, scorers and the two extractors the extraction benchmarks compare.

storyline is run the way `storyline run page.html` runs it: the reader's decoding, then the
clean stage; its output is the article text. trafilatura alone is run with its project's
canonical benchmark settings (tables included, comments excluded, fallbacks on).
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from benchmarks.shared_data import SHARED_DATA, require
from storyline.clean import CleanStage
from storyline.ingest.decoding import decode_markup
from storyline.model import Article, RawDocument

EXTRACTION = SHARED_DATA / "extraction"
AEB = EXTRACTION / "scrapinghub-aeb"
TRAFILATURA_EVAL = EXTRACTION / "trafilatura-eval"


@dataclass(frozen=True, slots=True)
class Page:
    key: str
    markup: bytes
    url: str | None


def _gunzip(path: Path) -> bytes:
    with gzip.open(path, "rb") as stream:
        return stream.read()


def _json_gz(path: Path) -> Any:
    return json.loads(_gunzip(require(path)).decode("utf-8"))


# ---- ScrapingHub article-extraction benchmark -------------------------------------------


def aeb_gold() -> dict[str, dict[str, str]]:
    gold: dict[str, dict[str, str]] = _json_gz(AEB / "ground-truth.json.gz")
    return gold


def aeb_pages(limit: int | None = None) -> list[Page]:
    gold = aeb_gold()
    keys = sorted(gold)[:limit]
    return [Page(k, _gunzip(AEB / "html" / f"{k}.html.gz"), gold[k].get("url")) for k in keys]


def aeb_reference(system: str) -> dict[str, str]:
    data = _json_gz(AEB / "reference-outputs" / f"{system}.json.gz")
    if "output" in data and isinstance(data["output"], dict):
        data = data["output"]
    return {key: (value or {}).get("articleBody") or "" for key, value in data.items()}


AEB_REFERENCE_SYSTEMS = (
    "trafilatura",
    "newspaper",
    "readability",
    "goose3",
    "justext",
    "boilerpipe",
)

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True, slots=True)
class ShingleScore:
    precision: float
    recall: float
    f1: float
    accuracy: float


def aeb_score(predicted: dict[str, str], gold: dict[str, dict[str, str]]) -> ShingleScore:
    """The benchmark's own metric: per-page shingle P/R weighted equally, F1 of the means."""
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for key, item in gold.items():
        truth = item["articleBody"]
        guess = predicted.get(key, "")
        if _TOKEN.findall(truth) == _TOKEN.findall(guess):
            exact += 1
        true_sh, pred_sh = _shingles(truth), _shingles(guess)
        tp = sum((true_sh & pred_sh).values())
        fp = sum((pred_sh - true_sh).values())
        fn = sum((true_sh - pred_sh).values())
        total = tp + fp + fn
        if total == 0:
            continue
        if fp == 0 and fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        tp_w, fp_w, fn_w = tp / total, fp / total, fn / total
        if tp_w + fp_w > 0:
            precisions.append(tp_w / (tp_w + fp_w))
        if tp_w + fn_w > 0:
            recalls.append(tp_w / (tp_w + fn_w))
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ShingleScore(precision, recall, f1, exact / len(gold))


# ---- trafilatura's evaluation set -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvalPage:
    page: Page
    with_segments: tuple[str, ...]
    without_segments: tuple[str, ...]


def trafilatura_eval_pages(limit: int | None = None) -> list[EvalPage]:
    data: dict[str, dict[str, Any]] = _json_gz(TRAFILATURA_EVAL / "evaldata.json.gz")
    stored: dict[str, str] = {}
    with (TRAFILATURA_EVAL / "file_map.tsv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            stored[row["file"]] = row["stored_path"]
    pages: list[EvalPage] = []
    for url in sorted(data)[:limit]:
        item = data[url]
        markup = _gunzip(TRAFILATURA_EVAL / stored[item["file"]])
        pages.append(EvalPage(Page(url, markup, url), tuple(item["with"]), tuple(item["without"])))
    return pages


_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class SegmentScore:
    precision: float
    recall: float
    accuracy: float
    f1: float


def segment_score(outputs: dict[str, str], pages: list[EvalPage]) -> SegmentScore:
    """trafilatura's evaluation: `with` segments found are hits, `without` found are errors."""
    tp = fn = fp = tn = 0
    for item in pages:
        text = _normalise(outputs.get(item.page.key, ""))
        for segment in item.with_segments:
            if _normalise(segment) in text:
                tp += 1
            else:
                fn += 1
        for segment in item.without_segments:
            if _normalise(segment) in text:
                fp += 1
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    accuracy = (tp + tn) / (tp + tn + fp + fn)
    f1 = 2 * tp / (2 * tp + fp + fn)
    return SegmentScore(precision, recall, accuracy, f1)


# ---- the extractors ---------------------------------------------------------------------


def trafilatura_text(page: Page) -> str:
    try:
        text = trafilatura.extract(
            page.markup, url=page.url, include_comments=False, include_tables=True
        )
    except Exception:  # a crash counts as an empty output, as in trafilatura's evaluation
        return ""
    return text or ""


# ---- running both side by side ----------------------------------------------------------


@dataclass
class SideBySide:
    """Outputs and seconds of storyline and trafilatura alone over the same pages."""

    storyline: dict[str, tuple[str | None, str]]
    trafilatura: dict[str, str]
    storyline_seconds: list[float]
    trafilatura_seconds: list[float]

    def storyline_text(self, with_title: bool = False) -> dict[str, str]:
        """storyline's article text per page, after its title line when `with_title`."""
        return {
            key: f"{title}\n{text}" if with_title and title else text
            for key, (title, text) in self.storyline.items()
        }

    def rates(self, pages: int) -> tuple[float, float, float]:
        """Median pages per second of each, and the median per-run ratio storyline/peer."""
        ours = sorted(pages / s for s in self.storyline_seconds)
        theirs = sorted(pages / s for s in self.trafilatura_seconds)
        ratios = sorted(
            t / s for s, t in zip(self.storyline_seconds, self.trafilatura_seconds, strict=True)
        )
        middle = len(ratios) // 2
        return ours[middle], theirs[middle], ratios[middle]


def side_by_side(pages: list[Page], repeat: int, batch_size: int = 25) -> SideBySide:
    """Run both over the pages `repeat` times, alternating batch by batch so that both see
    the same machine load; storyline gets whole batches, as `storyline ingest` sends them."""
    stage = CleanStage()
    stage.setup()
    warm = pages[:3]
    for page in warm:
        trafilatura_text(page)
    storyline_batch(stage, warm)
    result = SideBySide({}, {}, [], [])
    for _ in range(repeat):
        ours = theirs = 0.0
        for start in range(0, len(pages), batch_size):
            batch = pages[start : start + batch_size]
            began = time.process_time()
            for page in batch:
                result.trafilatura[page.key] = trafilatura_text(page)
            theirs += time.process_time() - began
            began = time.process_time()
            result.storyline.update(storyline_batch(stage, batch))
            ours += time.process_time() - began
        result.storyline_seconds.append(ours)
        result.trafilatura_seconds.append(theirs)
    return result


def storyline_batch(stage: CleanStage, pages: list[Page]) -> dict[str, tuple[str | None, str]]:
    """Title and article text per page key, cleaning the pages as one batch of the stage."""
    raws = []
    for page in pages:
        markup = decode_markup(page.markup) or ""
        raws.append(
            RawDocument(
                source_key=f"bench:{page.key}",
                kind="html",
                content_type="html",
                content=markup,
                url=page.url,
            )
        )
    texts: dict[str, tuple[str | None, str]] = {page.key: (None, "") for page in pages}
    keys = {raw.source_key: page.key for raw, page in zip(raws, pages, strict=True)}
    for result in stage.process(raws):
        if isinstance(result, Article):
            texts[keys[result.source_key]] = (result.title, result.text)
    return texts
