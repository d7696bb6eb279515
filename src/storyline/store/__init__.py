"""Where articles, stories, briefs and run reports are kept between runs.

`open_store(path)` gives a `Store`; SQLite is the default backend.
"""

from storyline.store.backends import open_store
from storyline.store.base import AddResult, Store, StoreError, StoryRow
from storyline.store.schema import LATEST_VERSION, migrate
from storyline.store.sqlite import SqliteStore

__all__ = [
    "LATEST_VERSION",
    "AddResult",
    "SqliteStore",
    "Store",
    "StoreError",
    "StoryRow",
    "migrate",
    "open_store",
]
