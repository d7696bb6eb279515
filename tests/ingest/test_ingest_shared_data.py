"""Reading real scraped pages from ../shared/data (skipped when that data is absent)."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_DATA, needs_shared_data

from .builders import read_all

EXTRACTION = SHARED_DATA / "extraction"


@pytest.mark.slow
@pytest.mark.shared_data
@needs_shared_data("extraction")
def test_every_benchmark_page_reads_as_one_html_document() -> None:
    pages = sorted(EXTRACTION.glob("*/html/*.html.gz"))

    documents, dropped = read_all(pages)

    assert dropped == []
    assert len(documents) == len(pages) > 1000
    assert all(d.kind == "html" and "<" in d.content for d in documents)
    # Stale charset declarations must not turn UTF-8 pages into mojibake ("cafÃ©", "â€™");
    # the few left are double-encoded in the pages themselves.
    mojibake = [d for d in documents if "Ã©" in d.content or "â€" in d.content]
    assert len(mojibake) < 0.01 * len(documents)
