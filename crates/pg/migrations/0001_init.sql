-- isnad team mode, schema version 1: documents and what was extracted from them, the search
-- keys, and the work queue. Applied once by `isnad db migrate` (crates/pg/src/migrate.rs).

-- One row per document id; `hash` is isnad_corpus::content_hash: the same id with the same
-- hash is the same document (a second write changes nothing), with another hash it replaces.
CREATE TABLE documents(
    rowid BIGSERIAL PRIMARY KEY,
    hash TEXT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    title TEXT, url TEXT, outlet TEXT, published TEXT, published_day DATE, source TEXT,
    text TEXT NOT NULL,
    words INTEGER NOT NULL DEFAULT 0,
    analysis JSONB NOT NULL,
    -- isnad's own search keys (tantivy-arabic's index mode), not PostgreSQL's parser.
    search TSVECTOR NOT NULL,
    stored_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX documents_search ON documents USING GIN(search);
CREATE INDEX documents_published ON documents(published_day);
CREATE INDEX documents_outlet ON documents(outlet);

-- Corpus entities, keyed by isnad_doc::identity_key as in the embedded store.
CREATE TABLE entities(
    id BIGSERIAL PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kb_id TEXT, type TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT NOT NULL,
    skeleton TEXT NOT NULL
);
CREATE INDEX entities_kb ON entities(kb_id);
CREATE INDEX entities_skeleton ON entities(skeleton);
CREATE INDEX entities_name_en ON entities(lower(name_en));

-- Rows extracted from one document are deleted with it (a replaced document rewrites them).
CREATE TABLE doc_entities(
    doc BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    entity BIGINT NOT NULL REFERENCES entities(id),
    local TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL,
    PRIMARY KEY(doc, local)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity);

-- `key` is the alias key (isnad_corpus::name_key of the text): aliases are counted from
-- mentions, never incremented, so re-running a document cannot count it twice.
CREATE TABLE mentions(
    doc BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    entity BIGINT NOT NULL REFERENCES entities(id),
    start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, text TEXT NOT NULL, key TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_key ON mentions(key);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE relations(
    id BIGSERIAL PRIMARY KEY,
    doc BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    subject BIGINT NOT NULL, type TEXT NOT NULL, object BIGINT NOT NULL, negated BOOLEAN NOT NULL,
    asserted_by BIGINT, evidence TEXT NOT NULL, ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
    confidence DOUBLE PRECISION NOT NULL
);
CREATE INDEX relations_doc ON relations(doc);
CREATE INDEX relations_subject ON relations(subject);
CREATE INDEX relations_object ON relations(object);

CREATE TABLE quotes(
    id BIGSERIAL PRIMARY KEY,
    doc BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    speaker BIGINT, speaker_text TEXT NOT NULL, cue TEXT NOT NULL, text TEXT NOT NULL,
    start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, via JSONB NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_speaker ON quotes(speaker);

-- The work queue: one job per document id and content hash, so enqueuing twice is one job.
-- `raw` is the parsed input as JSON bytes (BYTEA: the queue accepts any text, even one
-- PostgreSQL's TEXT refuses, so that such a document fails visibly in a worker).
CREATE TABLE jobs(
    id BIGSERIAL PRIMARY KEY,
    hash TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    raw BYTEA NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    lease_owner TEXT,
    lease_until TIMESTAMPTZ,
    enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at TIMESTAMPTZ,
    UNIQUE(doc_id, hash)
);
CREATE INDEX jobs_claimable ON jobs(id) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_state ON jobs(state);
