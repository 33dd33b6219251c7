-- isnad team mode, schema version 2: stories and corroboration (`isnad stories --db`), the
-- same rows as the embedded store's, written by crates/pg/src/stories.rs under an advisory
-- lock (one grouping at a time; docs/SCALING.md says where and why).

-- The incremental story index: one row per placed document, in placement order (`seq`).
-- `hash` is the document's content hash when it was placed: a document replaced since then
-- (another hash) makes the next grouping start over, as a re-ingested update does embedded.
CREATE TABLE story_members(
    seq BIGSERIAL PRIMARY KEY,
    doc TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    story TEXT NOT NULL,
    copy_of TEXT,
    title TEXT NOT NULL,
    features BYTEA NOT NULL
);
CREATE INDEX story_members_story ON story_members(story);

-- Each story with its members (sorted); the GIN index answers "the story of document X".
CREATE TABLE stories(
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    docs TEXT[] NOT NULL,
    size INTEGER NOT NULL
);
CREATE INDEX stories_docs ON stories USING GIN(docs);

-- How independently each relation and quote is reported, recounted after each grouping.
CREATE TABLE corroboration(
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    reports BIGINT NOT NULL,
    outlets BIGINT NOT NULL,
    independent BIGINT NOT NULL,
    upstreams JSONB NOT NULL,
    circular BOOLEAN NOT NULL,
    PRIMARY KEY(kind, key)
);
