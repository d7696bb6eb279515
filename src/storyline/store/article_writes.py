"""SQL that writes article rows, shared by ingest and by story replacement.

Every function runs inside the caller's write transaction.
"""

from __future__ import annotations

import sqlite3

from storyline.model import Article, Story
from storyline.store.base import StoreError
from storyline.store.rows import ARTICLE_COLUMNS, SELECT_ARTICLE, article_to_row


def store_story_member(
    conn: sqlite3.Connection, story: Story, article: Article, seq: int, ingested_at: str
) -> bool:
    """Make the stored copy of a story member equal to it; True when it was inserted.

    Stages may fill fields after ingest, and `get_story` must give back what was stored.
    """
    stored = conn.execute(
        f"SELECT {SELECT_ARTICLE} FROM articles a WHERE a.id = ?", (article.id,)
    ).fetchone()
    if stored is None:
        other = conn.execute(
            "SELECT id FROM articles WHERE source_key = ? AND content_hash = ?",
            (article.source_key, article.content_hash),
        ).fetchone()
        if other is not None:
            raise StoreError(
                f"story {story.id!r} names article {article.id!r}, which is stored as"
                f" {other[0]!r}; use the ids add_articles returned"
            )
        insert_article(conn, article, article.id, seq, ingested_at)
        return True
    new_row = article_to_row(article)
    if tuple(stored) == new_row:
        return False
    if stored[1:3] != new_row[1:3]:
        raise StoreError(
            f"story {story.id!r} names article {article.id!r}, but that id is stored for"
            f" different content (source_key {stored[1]!r}); use the ids add_articles returned"
        )
    assignments = ", ".join(f"{column} = ?" for column in ARTICLE_COLUMNS[3:])
    conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*new_row[3:], article.id))
    return False


def insert_article(
    conn: sqlite3.Connection, article: Article, article_id: str, seq: int, ingested_at: str
) -> None:
    row = (article_id, *article_to_row(article)[1:])
    columns = ", ".join(ARTICLE_COLUMNS)
    marks = ", ".join("?" * len(ARTICLE_COLUMNS))
    conn.execute(
        f"INSERT INTO articles ({columns}, seq, ingested_at) VALUES ({marks}, ?, ?)",
        (*row, seq, ingested_at),
    )


def free_article_id(conn: sqlite3.Connection, article: Article) -> str:
    """The article's own id, or the suffixed id when the own one names other content."""

    def taken(candidate: str) -> bool:
        return (
            conn.execute("SELECT 1 FROM articles WHERE id = ?", (candidate,)).fetchone() is not None
        )

    if not taken(article.id):
        return article.id
    suffixed = f"{article.id}~{article.content_hash[:8]}"
    candidate, attempt = suffixed, 1
    # Rare: the suffixed id is taken too, by the same content from another source_key, or
    # by other content whose hash starts with the same eight characters.
    while taken(candidate):
        attempt += 1
        candidate = f"{suffixed}-{attempt}"
    return candidate


def next_seq(conn: sqlite3.Connection) -> int:
    # Read inside the write transaction, so no other writer can take the same number.
    last: int = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
    return last + 1
