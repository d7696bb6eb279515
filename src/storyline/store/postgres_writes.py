"""SQL that writes article rows on PostgreSQL, the twin of `article_writes` for SQLite.

Every function runs inside the caller's write transaction, which holds the articles lock.
Statements are the SQLite ones with `%s` placeholders, kept apart from `article_writes`
because that module is typed and written for the sqlite3 driver.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.model import Article, PublicationDate, Story
from storyline.store.base import StoreError
from storyline.store.codec import brief_to_json
from storyline.store.rows import ARTICLE_COLUMNS, SELECT_ARTICLE, article_to_row

SAME_CONTENT = (
    "SELECT id FROM articles"
    " WHERE md5(source_key) = md5(%(key)s) AND source_key = %(key)s AND content_hash = %(hash)s"
)
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, seq, ingested_at)"
    f" VALUES ({', '.join(['%s'] * (len(ARTICLE_COLUMNS) + 2))})"
)
_UPDATE_ARTICLE = (
    f"UPDATE articles SET {', '.join(f'{c} = %s' for c in ARTICLE_COLUMNS[3:])} WHERE id = %s"
)


def text_safe(values: Sequence[Any]) -> tuple[Any, ...]:
    """The values with NUL characters, which PostgreSQL text refuses, turned into U+FFFD."""
    return tuple(
        value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value
        for value in values
    )


def same_content(source_key: str, content_hash: str) -> dict[str, str]:
    """The parameters of `SAME_CONTENT`."""
    key, digest = text_safe((source_key, content_hash))
    return {"key": key, "hash": digest}


def insert_article(
    conn: Any, article: Article, article_id: str, seq: int, ingested_at: str
) -> None:
    row = (article_id, *article_to_row(article)[1:], seq, ingested_at)
    conn.execute(_INSERT_ARTICLE, text_safe(row))


def _taken(conn: Any, article_id: str) -> bool:
    found = conn.execute("SELECT 1 FROM articles WHERE id = %s", text_safe((article_id,)))
    return found.fetchone() is not None


def free_article_id(conn: Any, article: Article) -> str:
    """The article's own id, or the suffixed id when the own one names other content."""
    if not _taken(conn, article.id):
        return article.id
    suffixed = f"{article.id}~{article.content_hash[:8]}"
    candidate, attempt = suffixed, 1
    while _taken(conn, candidate):
        attempt += 1
        candidate = f"{suffixed}-{attempt}"
    return candidate


def store_story_member(
    conn: Any, story: Story, article: Article, seq: int, ingested_at: str
) -> bool:
    """Make the stored copy of a story member equal to it; True when it was inserted."""
    stored = conn.execute(
        f"SELECT {SELECT_ARTICLE} FROM articles a WHERE a.id = %s", text_safe((article.id,))
    ).fetchone()
    new_row = text_safe(article_to_row(article))
    if stored is None:
        other = conn.execute(SAME_CONTENT, same_content(*new_row[1:3])).fetchone()
        if other is not None:
            raise StoreError(
                f"story {story.id!r} names article {article.id!r}, which is stored as"
                f" {other[0]!r}; use the ids add_articles returned"
            )
        insert_article(conn, article, article.id, seq, ingested_at)
        return True
    if tuple(stored) == new_row:
        return False
    if tuple(stored[1:3]) != new_row[1:3]:
        raise StoreError(
            f"story {story.id!r} names article {article.id!r}, but that id is stored for"
            f" different content (source_key {stored[1]!r}); use the ids add_articles returned"
        )
    conn.execute(_UPDATE_ARTICLE, (*new_row[3:], new_row[0]))
    return False


def next_seq(conn: Any) -> int:
    # Read under the table lock, so no other writer can take the same number.
    return int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]) + 1


def insert_story(conn: Any, story: Story, position: int, seq: int, ingested_at: str) -> int:
    """Insert one story with its members; the next free article seq."""
    conn.execute(
        "INSERT INTO stories (id, position, title, key, first_published,"
        " last_published, size, brief) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        text_safe(
            (
                story.id,
                position,
                story.title,
                story.key,
                _iso(story.first_published),
                _iso(story.last_published),
                len(story.articles),
                brief_to_json(story.brief),
            )
        ),
    )
    for member_position, article in enumerate(story.articles):
        if store_story_member(conn, story, article, seq, ingested_at):
            seq += 1
        conn.execute(
            "INSERT INTO story_articles (story_id, article_id, duplicate_of, position)"
            " VALUES (%s, %s, %s, %s)",
            text_safe((story.id, article.id, article.duplicate_of, member_position)),
        )
    return seq


def renumber_stories(conn: Any) -> None:
    """Positions 0.. by size, largest first, then id (the order `run` stores stories in).

    Only rows whose position changes are touched, parked on negative positions first so the
    UNIQUE constraint never sees two rows on one position.
    """
    rows = conn.execute(
        'SELECT id, position FROM stories ORDER BY size DESC, id COLLATE "C"'
    ).fetchall()
    moved = [(story_id, target) for target, (story_id, now) in enumerate(rows) if now != target]
    for story_id, target in moved:
        conn.execute("UPDATE stories SET position = %s WHERE id = %s", (-1 - target, story_id))
    for story_id, target in moved:
        conn.execute("UPDATE stories SET position = %s WHERE id = %s", (target, story_id))


def _iso(published: PublicationDate | None) -> str | None:
    return published.iso() if published is not None else None
