"""A real server over a populated store on a free loopback port, shared by a test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.web import running_server

from .stories import build_store


@pytest.fixture(scope="package")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "stories.db")


@pytest.fixture(scope="package")
def base_url(store_path: Path) -> Iterator[str]:
    with running_server(store_path) as url:
        yield url
