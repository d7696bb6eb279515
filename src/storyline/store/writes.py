"""SQL that writes articles and stories, shared by ingest, story replacement and upserts.

Every function runs inside the caller's write transaction, which keeps other writers out,
so ingest numbers read here cannot be taken by anyone else before it commits.
"""

from __future__ import annotations

from storyline.model import Article, PublicationDate, Story
from storyline.store.base import StoreError
from storyline.store.codec import brief_to_json
from storyline.store.dialect import Session, marks
from storyline.store.rows import ARTICLE_COLUMNS, SELECT_ARTICLE, article_to_row, outlets_to_json

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, seq, ingested_at)"
    f" VALUES ({marks(len(ARTICLE_COLUMNS) + 2)})"
)
# Identity (id, source_key, content_hash) stays; stages may fill the other fields later.
_UPDATE_ARTICLE = (
    f"UPDATE articles SET {', '.join(f'{c} = ?' for c in ARTICLE_COLUMNS[3:])} WHERE id = ?"
)
_INSERT_STORY = (
    "INSERT INTO stories (id, position, title, key, first_published, last_published, size,"
    " outlets, brief) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_MEMBER = (
    "INSERT INTO story_articles (story_id, article_id, duplicate_of, position) VALUES (?, ?, ?, ?)"
)


def same_content(session: Session, source_key: str, content_hash: str) -> str | None:
    """The id of the stored article with this identity, if any."""
    dialect = session.dialect
    row = session.one(
        f"SELECT id FROM articles WHERE {dialect.same_content}",
        dialect.same_content_params(source_key, content_hash),
    )
    return row[0] if row is not None else None


def next_seq(session: Session) -> int:
    return int(session.value("SELECT COALESCE(MAX(seq), 0) FROM articles")) + 1


def insert_article(
    session: Session, article: Article, article_id: str, seq: int, ingested_at: str
) -> None:
    session.run(_INSERT_ARTICLE, (article_id, *article_to_row(article)[1:], seq, ingested_at))


def free_article_id(session: Session, article: Article) -> str:
    """The article's own id, or the suffixed id when the own one names other content."""

    def taken(candidate: str) -> bool:
        return session.one("SELECT 1 FROM articles WHERE id = ?", (candidate,)) is not None

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


def store_story_member(
    session: Session, story: Story, article: Article, seq: int, ingested_at: str
) -> bool:
    """Make the stored copy of a story member equal to it; True when it was inserted.

    Stages may fill fields after ingest, and `get_story` must give back what was stored.
    """
    stored = session.one(f"SELECT {SELECT_ARTICLE} FROM articles a WHERE a.id = ?", (article.id,))
    # As the backend stores it (PostgreSQL replaces NULs), so that equal means unchanged.
    new_row = session.dialect.clean(article_to_row(article))
    if stored is None:
        other = same_content(session, article.source_key, article.content_hash)
        if other is not None:
            raise StoreError(
                f"story {story.id!r} names article {article.id!r}, which is stored as"
                f" {other!r}; use the ids add_articles returned"
            )
        insert_article(session, article, article.id, seq, ingested_at)
        return True
    if stored == new_row:
        return False
    if stored[1:3] != new_row[1:3]:
        raise StoreError(
            f"story {story.id!r} names article {article.id!r}, but that id is stored for"
            f" different content (source_key {stored[1]!r}); use the ids add_articles returned"
        )
    session.run(_UPDATE_ARTICLE, (*new_row[3:], article.id))
    return False


def insert_story(session: Session, story: Story, position: int, seq: int, ingested_at: str) -> int:
    """Insert one story with its members; the next free article seq."""
    outlets = outlets_to_json((article.source, article.url) for article in story.articles)
    session.run(
        _INSERT_STORY,
        (
            story.id,
            position,
            story.title,
            story.key,
            _iso(story.first_published),
            _iso(story.last_published),
            len(story.articles),
            outlets,
            brief_to_json(story.brief),
        ),
    )
    for article in story.articles:
        if store_story_member(session, story, article, seq, ingested_at):
            seq += 1
    session.many(
        _INSERT_MEMBER,
        (
            (story.id, article.id, article.duplicate_of, member_position)
            for member_position, article in enumerate(story.articles)
        ),
    )
    return seq


def renumber_stories(session: Session) -> None:
    """Positions 0.. by size, largest first, then id (the order `run` stores stories in).

    Only rows whose position changes are touched; they are parked on negative positions
    first, so the UNIQUE constraint never sees two rows on one position.
    """
    rows = session.all(
        f"SELECT id, position FROM stories ORDER BY size DESC, id{session.dialect.binary_order}"
    )
    moved = [(story_id, target) for target, (story_id, now) in enumerate(rows) if now != target]
    update = "UPDATE stories SET position = ? WHERE id = ?"
    session.many(update, ((-1 - target, story_id) for story_id, target in moved))
    session.many(update, ((target, story_id) for story_id, target in moved))


def _iso(published: PublicationDate | None) -> str | None:
    return published.iso() if published is not None else None
