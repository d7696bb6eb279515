"""Multi-News clusters for the summary benchmarks, and stories built from them.

The validation split is cut in two by cluster id: the first half is where anything is fitted
(`benchmarks.summary_fit`), the second half is held apart and only ever reported on. Within
the first half, the even-numbered clusters ("train") are for fitting and the odd-numbered
ones ("tune") for choosing between designs, so that choices are never made on the data the
weights were fitted to, nor on the held half.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from benchmarks.shared_data import MULTINEWS_FULLTEXT, MULTINEWS_VAL, read_jsonl_gz
from storyline.clean import CleanStage
from storyline.cluster.stage import make_story
from storyline.model import Article, RawDocument, Story

VAL_CLUSTERS = 5622
VAL_FIT_END = VAL_CLUSTERS // 2


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    documents: tuple[str, ...]
    reference: str


def _cluster(row: dict[str, object]) -> Cluster:
    documents = row["documents"]
    assert isinstance(documents, list)
    return Cluster(
        id=str(row["id"]),
        documents=tuple(d for d in documents if isinstance(d, str) and d.strip()),
        reference=str(row["summary"]),
    )


def fulltext_clusters() -> list[Cluster]:
    return [_cluster(row) for row in read_jsonl_gz(MULTINEWS_FULLTEXT)]


def _in_part(part: str, index: int) -> bool:
    if part == "held":
        return index >= VAL_FIT_END
    if index >= VAL_FIT_END:
        return False
    return part == "fit" or index % 2 == (0 if part == "train" else 1)


def val_clusters(part: str, stride: int = 1, offset: int = 0) -> list[Cluster]:
    """`part` is "fit" (first half by id), "held" (second half), or "train" / "tune" (the
    even / odd clusters of the first half). Every `stride`-th cluster: by id for "fit" and
    "held", every `stride`-th of the part's own clusters for "train" and "tune"."""
    if part not in ("fit", "held", "train", "tune"):
        raise ValueError(f"unknown part {part!r}")
    rows = [
        (index, row)
        for index, row in enumerate(read_jsonl_gz(MULTINEWS_VAL))
        if _in_part(part, index)
    ]
    if part in ("fit", "held"):
        rows = [(i, row) for i, row in rows if i % stride == offset % stride]
    else:
        rows = rows[offset % stride :: stride]
    chosen = [_cluster(row) for _, row in rows]
    return [c for c in chosen if c.documents]


def raw_documents(cluster: Cluster) -> Iterator[RawDocument]:
    for index, text in enumerate(cluster.documents):
        yield RawDocument(
            source_key=f"bench:{cluster.id}#{index}",
            kind="jsonl",
            content_type="text",
            content=text,
            given_id=f"{cluster.id}-{index}",
            given_story=cluster.id,
        )


def story_of(cluster: Cluster, cleaner: CleanStage) -> Story | None:
    """The story storyline would brief for the cluster: its documents through the clean stage."""
    articles = [a for a in cleaner.process(list(raw_documents(cluster))) if isinstance(a, Article)]
    return make_story(tuple(articles), key=cluster.id) if articles else None
