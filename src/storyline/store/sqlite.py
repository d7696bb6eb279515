"""The default store: one SQLite file in WAL mode.

Every write is one explicit `BEGIN IMMEDIATE` transaction, so a batch interrupted by an
exception or by the process being killed leaves all of it or none of it. WAL lets readers (the
web UI, a second CLI) keep reading while a run writes. The connection is shared by threads
(FastAPI serves from a thread pool) behind a lock, and no transaction stays open while an
iterator is suspended, so a slow consumer never blocks writers.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.store.base import StoreError
from storyline.store.dialect import SQLITE, Session
from storyline.store.schema import migrate
from storyline.store.sql_store import SqlStore

logger = logging.getLogger(__name__)

IN_MEMORY = ":memory:"


class SqliteStore(SqlStore):
    """The `Store` protocol on a SQLite file (created with its parent directories)."""

    def __init__(self, location: str | os.PathLike[str], *, busy_timeout: float = 30.0) -> None:
        super().__init__()
        self.location = os.fspath(location)
        if self.location != IN_MEMORY:
            path = Path(self.location).expanduser()
            self.location = os.fspath(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot create the store at {path}: {error}") from error
        try:
            self._conn = sqlite3.connect(
                self.location, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the store at {self.location}: {error}") from error
        try:
            self._configure(busy_timeout)
            migrate(self._conn)
        except BaseException as error:
            self._conn.close()
            if isinstance(error, sqlite3.Error):
                raise StoreError(f"cannot open the store at {self.location}: {error}") from error
            raise

    def _configure(self, busy_timeout: float) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000):d}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal" and self.location != IN_MEMORY:
            # Still correct, only less concurrent: readers and the writer block each other.
            logger.warning("SQLite refused WAL mode for %s (mode is %s)", self.location, mode)
        # NORMAL is durable against application crashes in WAL mode; only a power loss can
        # drop the last commits, never corrupt the file.
        conn.execute("PRAGMA synchronous = NORMAL")

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self._lock:
            conn: sqlite3.Connection = self._connection()
            if conn.in_transaction:
                raise StoreError("a store write was started inside another write of the store")
            try:
                # Inside the try: a lock another process holds past the busy timeout is a
                # StoreError like any other failed write, not a raw sqlite3 error.
                conn.execute("BEGIN IMMEDIATE")
                yield Session(conn, SQLITE)
                conn.execute("COMMIT")
            except sqlite3.IntegrityError as error:
                _rollback(conn)
                raise StoreError(f"the store refused inconsistent data: {error}") from error
            except sqlite3.Error as error:
                _rollback(conn)
                raise StoreError(
                    f"writing to the store at {self.location} failed: {error}"
                ) from error
            except BaseException:
                _rollback(conn)
                raise

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._lock:
            conn: sqlite3.Connection = self._connection()
            if conn.in_transaction:
                yield Session(conn, SQLITE)
                return
            try:
                conn.execute("BEGIN")
                try:
                    yield Session(conn, SQLITE)
                finally:
                    conn.execute("COMMIT")
            except sqlite3.Error as error:
                raise StoreError(f"reading the store at {self.location} failed: {error}") from error


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite has already rolled back after some errors (a full disk, for one).
    if conn.in_transaction:
        conn.execute("ROLLBACK")
