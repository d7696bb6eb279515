"""The store on a PostgreSQL server (`--db postgresql://…`), through psycopg 3.

The same tables and the same guarantees as `SqliteStore`: every write is one transaction
(all of a batch or none of it), and writers are serialised by a table lock taken first, as
`BEGIN IMMEDIATE` does for SQLite, so two ingests at once can neither store an article
twice nor hand out one ingest number twice; readers never wait for writers. Reads that run
several queries do so in one REPEATABLE READ snapshot.

PostgreSQL text cannot hold NUL characters, which SQLite text can; a NUL in a stored string
becomes U+FFFD, the character decoders put where input could not be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from storyline.store.base import StoreError
from storyline.store.dialect import POSTGRES, Session
from storyline.store.locations import redacted, scrubbed
from storyline.store.postgres_schema import migrate
from storyline.store.sql_store import SqlStore


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as error:
        raise StoreError(
            "a postgresql:// store needs psycopg: pip install 'storyline[postgres]'"
        ) from error
    return psycopg


class PostgresStore(SqlStore):
    """The `Store` protocol on a PostgreSQL database (which must exist; tables are created)."""

    def __init__(self, url: str, *, connect_timeout: float = 10.0) -> None:
        super().__init__()
        psycopg = _psycopg()
        self.location = redacted(url)
        self._url = url  # kept only to blank its password in the server's messages
        self._errors: type[Exception] = psycopg.Error
        self._integrity: type[Exception] = psycopg.IntegrityError
        self._writing = False
        # libpq knows only its own two schemes, in lower case.
        conninfo = "postgresql://" + url.partition("://")[2]
        try:
            self._conn = psycopg.connect(
                conninfo, autocommit=True, connect_timeout=max(1, int(connect_timeout))
            )
        except psycopg.Error as error:
            raise self._failure(f"cannot open the store at {self.location}", error) from error
        try:
            migrate(self._conn)
        except BaseException as error:
            self._conn.close()
            if isinstance(error, psycopg.Error):
                raise self._failure(f"cannot open the store at {self.location}", error) from error
            raise

    def _failure(self, what: str, error: BaseException) -> StoreError:
        # libpq may quote back the part of the URL it could not parse, password included,
        # and may span lines: the message is scrubbed and kept to one line.
        return StoreError(f"{what}: {scrubbed(str(error), self._url)}")

    # ------------------------------------------------------------------- transactions

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self._lock:
            conn = self._connection()
            if self._writing:
                raise StoreError("a store write was started inside another write of the store")
            self._writing = True
            try:
                with conn.transaction():
                    # Self-conflicting, so writers queue; plain reads (ACCESS SHARE) do not.
                    conn.execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")
                    yield Session(conn, POSTGRES)
            except self._integrity as error:
                raise self._failure("the store refused inconsistent data", error) from error
            except self._errors as error:
                raise self._failure(
                    f"writing to the store at {self.location} failed", error
                ) from error
            finally:
                self._writing = False

    @contextmanager
    def _read(self) -> Iterator[Session]:
        """One snapshot for several statements; joins the open write when called inside one
        (an article generator passed to `add_articles` may read the store)."""
        with self._lock:
            conn = self._connection()
            if self._writing:
                yield Session(conn, POSTGRES)
                return
            try:
                with conn.transaction():
                    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    yield Session(conn, POSTGRES)
            except self._errors as error:
                raise self._failure(
                    f"reading the store at {self.location} failed", error
                ) from error
