"""Paths to ../shared/data and small loaders the benchmarks share."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MULTINEWS_VAL = SHARED_DATA / "multinews" / "val.jsonl.gz"
MULTINEWS_FULLTEXT = SHARED_DATA / "multinews" / "fulltext_dev100.jsonl.gz"


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"benchmark needs {path} (the shared data folder beside the repository)")
    return path


def read_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(require(path), "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def multinews_documents(limit: int, min_words: int = 20) -> list[dict[str, str]]:
    """Multi-News validation documents as storyline JSONL records, story = gold cluster id."""
    records: list[dict[str, str]] = []
    for cluster in read_jsonl_gz(MULTINEWS_VAL):
        for index, (text, keep) in enumerate(
            zip(cluster["documents"], cluster["mnplus_keep"], strict=True)
        ):
            if keep and len(text.split()) >= min_words:
                records.append(
                    {"id": f"{cluster['id']}-{index}", "text": text, "story": cluster["id"]}
                )
                if len(records) == limit:
                    return records
    return records
