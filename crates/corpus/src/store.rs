//! The SQLite store: the source of truth for documents, entities and what was extracted.
//!
//! One writer (the ingest thread) and any number of readers, in WAL mode so that readers never
//! block the writer. Every document is written with all its rows in one transaction, so after a
//! crash a document is either fully there or absent. `documents.indexed` says whether the
//! full-text index has it; rows with 0 are (re)indexed at the next open.

use crate::error::{CorpusError, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The schema version this build reads and writes. Version 2 keys `entities` by
/// `isnad_doc::identity_key` (`kb:<id>` or `<TYPE>:<name key>`); version 1 keyed unlinked
/// entities `name:<key>` without their type, so a version-1 store must be re-ingested.
pub const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    title TEXT, url TEXT, outlet TEXT, published TEXT, source TEXT,
    text TEXT NOT NULL,
    words INTEGER NOT NULL DEFAULT 0,
    indexed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(hash);
CREATE INDEX IF NOT EXISTS documents_unindexed ON documents(indexed) WHERE indexed = 0;
CREATE TABLE IF NOT EXISTS entities(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kb_id TEXT, type TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT NOT NULL,
    skeleton TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_skeleton ON entities(skeleton);
CREATE INDEX IF NOT EXISTS entities_name_en ON entities(name_en COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS aliases(
    entity INTEGER NOT NULL, alias TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY(entity, alias)
);
CREATE INDEX IF NOT EXISTS aliases_key ON aliases(key);
CREATE TABLE IF NOT EXISTS doc_entities(
    doc INTEGER NOT NULL, entity INTEGER NOT NULL, local TEXT NOT NULL, name TEXT NOT NULL,
    mentions INTEGER NOT NULL, PRIMARY KEY(doc, local)
);
CREATE INDEX IF NOT EXISTS doc_entities_entity ON doc_entities(entity);
CREATE TABLE IF NOT EXISTS mentions(
    doc INTEGER NOT NULL, entity INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);
CREATE TABLE IF NOT EXISTS relations(
    id INTEGER PRIMARY KEY, doc INTEGER NOT NULL,
    subject INTEGER NOT NULL, type TEXT NOT NULL, object INTEGER NOT NULL, negated INTEGER NOT NULL,
    asserted_by INTEGER, evidence TEXT NOT NULL, ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS relations_doc ON relations(doc);
CREATE INDEX IF NOT EXISTS relations_subject ON relations(subject);
CREATE INDEX IF NOT EXISTS relations_object ON relations(object);
CREATE TABLE IF NOT EXISTS quotes(
    id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, speaker INTEGER, speaker_text TEXT NOT NULL,
    cue TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    via TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS stories(
    id TEXT PRIMARY KEY, title TEXT NOT NULL, docs TEXT NOT NULL, size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS story_members(
    seq INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, story TEXT NOT NULL, copy_of TEXT,
    title TEXT NOT NULL, features BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story);
CREATE TABLE IF NOT EXISTS corroboration(
    kind TEXT NOT NULL, key TEXT NOT NULL, reports INTEGER NOT NULL, outlets INTEGER NOT NULL,
    independent INTEGER NOT NULL, upstreams TEXT NOT NULL, circular INTEGER NOT NULL,
    PRIMARY KEY(kind, key)
);
";

/// An open connection to the store, with the path for error messages.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and checks its schema version.
    pub fn open(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| store_err(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.init()?;
        Ok(store)
    }

    /// Opens the database at `path` for reading only: nothing is created or written, so a
    /// reader never waits on, nor blocks, the ingest writer (WAL readers), and a store on a
    /// read-only disk or directory stays readable. When SQLite cannot open the WAL index
    /// there (a read-only directory without `-shm`), the file is read as immutable: a store
    /// closed cleanly holds everything in the main file.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let store = Connection::open_with_flags(path, flags)
            .map_err(|e| store_err(path, e))
            .and_then(|conn| Store::checked_reader(conn, path))
            .or_else(|first| {
                // Only a WAL index that cannot be opened calls for the immutable reading; a
                // store that opened and is unfinished or of another version is what it is.
                if matches!(
                    first,
                    CorpusError::Unfinished { .. } | CorpusError::Schema { .. }
                ) {
                    return Err(first);
                }
                let uri = format!("file:{}?immutable=1", uri_path(path));
                Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                    .map_err(|e| store_err(path, e))
                    .and_then(|conn| Store::checked_reader(conn, path))
                    .map_err(|_| first)
            })?;
        Ok(store)
    }

    /// A reader connection whose schema version this build reads.
    fn checked_reader(conn: Connection, path: &Path) -> Result<Store> {
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store
            .conn
            .busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| store.err(e))?;
        let found: String =
            match store
                .conn
                .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                    r.get(0)
                }) {
                Ok(found) => found,
                Err(rusqlite::Error::QueryReturnedNoRows) => return Err(unfinished(path)),
                Err(e) if e.to_string().contains("no such table") => return Err(unfinished(path)),
                Err(e) => return Err(store.err(e)),
            };
        match found.parse::<i64>() {
            Ok(v) if v == SCHEMA_VERSION => Ok(store),
            _ => Err(CorpusError::Schema {
                path: path.to_path_buf(),
                found: found.parse().unwrap_or(-1),
                expected: SCHEMA_VERSION,
            }),
        }
    }

    fn init(&self) -> Result<()> {
        // WAL: readers (search) never block the ingest writer; NORMAL sync is durable at every
        // checkpoint and never corrupts on a crash, which is what "acknowledged" promises.
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| self.err(e))?;
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| self.err(e))?;
        self.conn
            .busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| self.err(e))?;
        self.conn.execute_batch(SCHEMA).map_err(|e| self.err(e))?;
        let found: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .ok();
        match found.and_then(|v| v.parse::<i64>().ok()) {
            Some(v) if v != SCHEMA_VERSION => Err(CorpusError::Schema {
                path: self.path.clone(),
                found: v,
                expected: SCHEMA_VERSION,
            }),
            Some(_) => Ok(()),
            None => {
                self.conn
                    .execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?1)",
                        [SCHEMA_VERSION.to_string()],
                    )
                    .map_err(|e| self.err(e))?;
                Ok(())
            }
        }
    }

    /// Wraps a SQLite error with this store's path.
    pub(crate) fn err(&self, e: rusqlite::Error) -> CorpusError {
        store_err(&self.path, e)
    }

    /// One number from a query without parameters (0 when the row is missing).
    pub(crate) fn count(&self, sql: &str) -> Result<i64> {
        self.conn
            .query_row(sql, [], |r| r.get::<_, Option<i64>>(0))
            .map(|v| v.unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    /// Every row of a query without parameters, mapped by `row` and collected.
    pub(crate) fn collect_rows<T, C: FromIterator<T>>(
        &self,
        sql: &str,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<C> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], row).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<C>>()
            .map_err(|e| self.err(e))
    }

    /// Deletes everything extracted from the document with this rowid (not the row itself).
    pub(crate) fn delete_extractions(conn: &Connection, rowid: i64) -> rusqlite::Result<()> {
        for table in ["doc_entities", "mentions", "relations", "quotes"] {
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE doc = ?1"))?
                .execute([rowid])?;
        }
        Ok(())
    }
}

/// A path for a `file:` URI: the characters that end or escape its path part are escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn store_err(path: &Path, e: rusqlite::Error) -> CorpusError {
    if crate::error::sqlite_is_disk_full(&e) {
        return CorpusError::DiskFull {
            path: path.to_path_buf(),
        };
    }
    if crate::error::sqlite_is_read_only(&e) {
        return CorpusError::ReadOnly {
            path: path.to_path_buf(),
        };
    }
    CorpusError::Store {
        path: path.to_path_buf(),
        source: e,
    }
}

fn unfinished(path: &Path) -> CorpusError {
    CorpusError::Unfinished {
        path: path.to_path_buf(),
    }
}
