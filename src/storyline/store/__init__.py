"""Where articles, stories, briefs and run reports are kept between runs.

`open_store(location)` gives a `Store`: SQLite for a file path (the default), PostgreSQL for
a `postgresql://` URL (`store.postgres`, imported only then, since psycopg is optional).
"""

from storyline.store.backends import open_store
from storyline.store.base import AddResult, Store, StoreError, StoryRow
from storyline.store.migrations import LATEST_VERSION
from storyline.store.schema import migrate
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
