"""What differs between the SQL of SQLite and of PostgreSQL, and a session that hides it.

The store's statements are written once, with `?` placeholders, and run on either backend
through a `Session`, which turns the placeholders into the driver's and the parameters into
what the server accepts. Everything else a backend needs to differ in (column types in the
migrations, how an article's identity is indexed, how ids sort) is a field of its `Dialect`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import Any


def _unchanged(values: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(values)


def text_safe(values: Sequence[Any]) -> tuple[Any, ...]:
    """The values with NUL characters, which PostgreSQL text refuses, turned into U+FFFD."""
    return tuple(
        value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value
        for value in values
    )


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    # The driver's placeholder for `?` (sqlite3 takes `?`, psycopg `%s`).
    placeholder: str
    # Applied to every row of parameters before it reaches the driver.
    clean: Callable[[Sequence[Any]], tuple[Any, ...]]
    # Column types and index clauses, substituted into the migrations' templates by name.
    ddl: dict[str, str]
    # Finds an article by its identity; its `?`s take the source key, then the content hash
    # last (PostgreSQL names the key twice, to use its index on the key's digest).
    same_content: str
    # Appended to an ORDER BY on ids, so that both backends sort them bytewise.
    binary_order: str

    def sql(self, statement: str) -> str:
        # Our statements hold no `?` or `%` other than placeholders.
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)

    def same_content_params(self, source_key: str, content_hash: str) -> tuple[str, ...]:
        return (source_key,) * (self.same_content.count("?") - 1) + (content_hash,)


SQLITE = Dialect(
    name="sqlite",
    placeholder="?",
    clean=_unchanged,
    ddl={
        "big_integer": "INTEGER",
        "real": "REAL",
        "blob": "BLOB",
        "serial_key": "INTEGER PRIMARY KEY",
        "identity_constraint": ",\n    UNIQUE (source_key, content_hash)",
        "identity_index": "",
        "hash_index": "",
    },
    same_content="source_key = ? AND content_hash = ?",
    binary_order="",
)

POSTGRES = Dialect(
    name="postgres",
    placeholder="%s",
    clean=text_safe,
    ddl={
        "big_integer": "BIGINT",
        "real": "DOUBLE PRECISION",
        "blob": "BYTEA",
        "serial_key": "BIGSERIAL PRIMARY KEY",
        "identity_constraint": "",
        # On a digest of source_key: a B-tree entry holds at most 2704 bytes, and a URL or
        # a file path may be longer. Lookups name both, so the index finds the row and the
        # text decides.
        "identity_index": (
            "CREATE UNIQUE INDEX articles_identity ON articles (md5(source_key), content_hash);"
        ),
        # A hash index has no length limit, and story keys are only compared for equality.
        "hash_index": "USING hash ",
    },
    same_content="md5(source_key) = md5(?) AND source_key = ? AND content_hash = ?",
    binary_order=' COLLATE "C"',
)


class Session:
    """Statements of one transaction on a DB-API connection, in the store's own SQL."""

    def __init__(self, conn: Any, dialect: Dialect) -> None:
        # Any: sqlite3 and psycopg connections share `execute` and `cursor`, not a type.
        self.conn = conn
        self.dialect = dialect

    def run(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """Execute one statement; its cursor."""
        return self.conn.execute(self.dialect.sql(statement), self.dialect.clean(params))

    def one(self, statement: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.run(statement, params).fetchone()
        return tuple(row) if row is not None else None

    def all(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.run(statement, params).fetchall()]

    def value(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row (the statement must return one)."""
        row = self.one(statement, params)
        assert row is not None, statement
        return row[0]

    def many(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        clean = self.dialect.clean
        with closing(self.conn.cursor()) as cursor:
            cursor.executemany(self.dialect.sql(statement), [clean(row) for row in rows])


def marks(count: int) -> str:
    """`?, ?, …` for an IN list of `count` values."""
    return ", ".join("?" * count)
