"""The schemas earlier versions of storyline created, verbatim, to build old stores from.

A store made by an earlier release must open with this one and keep its data; these are
the migration scripts those releases ran (copied from their source, never to be edited).
"""

SQLITE_V1 = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    -- Explicit ingest order: VACUUM may renumber the implicit rowid of a table like this one.
    seq INTEGER NOT NULL UNIQUE,
    source_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    path TEXT,
    url TEXT,
    source TEXT,
    title TEXT,
    -- PublicationDate.iso(): the day, or the full tz-aware moment when the time is known.
    published TEXT,
    published_day TEXT,
    published_method TEXT,
    published_confidence REAL,
    language TEXT,
    given_story TEXT,
    text TEXT NOT NULL,
    -- JSON array of [start, end] offsets into text; [start, end, text] when the sentence
    -- text is not exactly that slice.
    sentences TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (source_key, content_hash)
);
CREATE INDEX articles_published_day ON articles (published_day);
CREATE INDEX articles_given_story ON articles (given_story);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    key TEXT,
    first_published TEXT,
    last_published TEXT,
    size INTEGER NOT NULL,
    -- The Brief as JSON (see store.codec); it is always read whole, never queried into.
    brief TEXT NOT NULL
);

CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id),
    duplicate_of TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, position)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    report TEXT NOT NULL
);
"""

POSTGRES_V1 = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE,
    source_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    path TEXT,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,
    published_day TEXT,
    published_method TEXT,
    published_confidence DOUBLE PRECISION,
    language TEXT,
    given_story TEXT,
    text TEXT NOT NULL,
    sentences TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
-- On a digest of source_key: a B-tree entry holds at most 2704 bytes, and a URL or a file
-- path may be longer. Lookups name both, so the index finds the row and the text decides.
CREATE UNIQUE INDEX articles_identity ON articles (md5(source_key), content_hash);
CREATE INDEX articles_published_day ON articles (published_day);
-- A hash index has no length limit, and story keys are only ever compared for equality.
CREATE INDEX articles_given_story ON articles USING hash (given_story);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    key TEXT,
    first_published TEXT,
    last_published TEXT,
    size INTEGER NOT NULL,
    brief TEXT NOT NULL
);

CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id),
    duplicate_of TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, position)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE runs (
    id BIGSERIAL PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    report TEXT NOT NULL
)
"""

# Version 2 added the parse cache, the same on both backends but for the type of its data.
SQLITE_V2 = """
CREATE TABLE parse_cache (
    key TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
"""

POSTGRES_V2 = """
CREATE TABLE parse_cache (
    key TEXT PRIMARY KEY,
    data BYTEA NOT NULL
)
"""

SQLITE_RELEASES = (SQLITE_V1, SQLITE_V2)
POSTGRES_RELEASES = (POSTGRES_V1, POSTGRES_V2)
