"""Conditional-request memory for feeds: the validators and body of the last fetch.

Feeds are polled again and again and mostly have not changed. Sending the last ETag and
Last-Modified lets the server answer "304 Not Modified" with no body; the body kept here then
stands in for it, so a run reads the same entries as before (the store folds them as already
stored) instead of losing the feed. The cache is a small SQLite file of its own next to the
store: it is safe for several processes at once, and deleting it only costs one full fetch.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    media_type TEXT,
    final_url TEXT NOT NULL,
    body BLOB NOT NULL,
    saved_at TEXT NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class CachedResponse:
    url: str
    final_url: str
    body: bytes
    media_type: str | None
    etag: str | None
    last_modified: str | None

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class FetchCache:
    """Validators and bodies by requested URL, in a SQLite file created on first write.

    A cache that cannot be opened or read (a corrupt file, a read-only folder) is treated as
    empty: it only saves bandwidth, so it must never stop a run.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._broken = False

    def _connection(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is None and not self._broken:
            if not create and not self.path.exists():
                return None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
                conn.execute(_SCHEMA)
            except sqlite3.Error:
                self._broken = True
                return None
            self._conn = conn
        return self._conn

    def get(self, url: str) -> CachedResponse | None:
        conn = self._connection(create=False)
        if conn is None:
            return None
        try:
            row = conn.execute(
                "SELECT final_url, body, media_type, etag, last_modified "
                "FROM responses WHERE url = ?",
                (url,),
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        final_url, body, media_type, etag, last_modified = row
        return CachedResponse(url, final_url, bytes(body), media_type, etag, last_modified)

    def put(self, response: CachedResponse) -> None:
        conn = self._connection(create=True)
        if conn is None:
            return
        try:
            conn.execute(
                "INSERT OR REPLACE INTO responses "
                "(url, etag, last_modified, media_type, final_url, body, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    response.url,
                    response.etag,
                    response.last_modified,
                    response.media_type,
                    response.final_url,
                    response.body,
                    datetime.now(UTC).isoformat(),
                ),
            )
        except sqlite3.Error:
            return

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
