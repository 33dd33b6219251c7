//! `isnad check [--repair]`: verify a store against its index, and rebuild the index from the
//! store, which is the source of truth (the index holds nothing the store does not).

use crate::error::{CorpusError, Result};
use crate::index::{index_err, SearchIndex};
use crate::store::Store;
use crate::Corpus;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What a check found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// Documents in the store.
    pub documents: i64,
    /// Documents the index holds; `None` when the index cannot be opened.
    pub indexed: Option<u64>,
    /// Every problem, one sentence each (empty when the corpus is consistent).
    pub problems: Vec<String>,
}

/// The store's own consistency: SQLite's integrity check, rows whose document is gone
/// (orphans), mentions, relations and quotes naming an entity that does not exist
/// (dangling), documents not marked indexed.
pub(crate) fn store_problems(s: &Store) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let integrity: String = s
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| s.err(e))?;
    if integrity != "ok" {
        problems.push(format!("sqlite integrity: {integrity}"));
    }
    for table in ["doc_entities", "mentions", "relations", "quotes"] {
        let orphans = s.count(&format!(
            "SELECT COUNT(*) FROM {table} WHERE doc NOT IN (SELECT rowid FROM documents)"
        ))?;
        if orphans > 0 {
            problems.push(format!("{orphans} rows of {table} without their document"));
        }
    }
    for (table, column) in [
        ("mentions", "entity"),
        ("doc_entities", "entity"),
        ("relations", "subject"),
        ("relations", "object"),
        ("quotes", "speaker"),
    ] {
        let dangling = s.count(&format!(
            "SELECT COUNT(*) FROM {table} WHERE {column} IS NOT NULL \
             AND {column} NOT IN (SELECT id FROM entities)"
        ))?;
        if dangling > 0 {
            problems.push(format!(
                "{dangling} rows of {table} whose {column} names no entity"
            ));
        }
    }
    let unindexed = s.count("SELECT COUNT(*) FROM documents WHERE indexed = 0")?;
    if unindexed > 0 {
        problems.push(format!("{unindexed} documents not indexed"));
    }
    Ok(problems)
}

/// The index against the store: it opens, its files pass their checksums, and it holds as
/// many documents as the store.
pub(crate) fn index_problems(index: &SearchIndex, documents: i64) -> Vec<String> {
    let mut problems = Vec::new();
    match index.index.validate_checksum() {
        Ok(damaged) if damaged.is_empty() => {}
        Ok(damaged) => {
            let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            problems.push(format!("index files damaged: {}", names.join(", ")));
        }
        Err(e) => problems.push(format!("index unreadable: {e}")),
    }
    let indexed = index.num_docs();
    if u64::try_from(documents).ok() != Some(indexed) {
        problems.push(format!(
            "{documents} documents stored but {indexed} indexed"
        ));
    }
    problems
}

impl Corpus {
    /// Checks the corpus in `dir` without writing anything: the store (see
    /// [`Corpus::check`]) and the index, which may be missing or unreadable (that is then one
    /// of the problems, and [`Corpus::rebuild_index`] repairs it).
    ///
    /// # Errors
    /// [`CorpusError::NoCorpus`] when `dir` holds no store; a store that cannot be opened.
    pub fn check_dir(dir: &Path) -> Result<CheckReport> {
        let store = Store::open_read_only(&store_path(dir)?)?;
        let mut problems = store_problems(&store)?;
        let documents = store.count("SELECT COUNT(*) FROM documents")?;
        let indexed = match SearchIndex::open_reader(&dir.join("index")) {
            Ok(index) => {
                problems.extend(index_problems(&index, documents));
                Some(index.num_docs())
            }
            Err(e) => {
                problems.push(format!("index unreadable ({e})"));
                None
            }
        };
        Ok(CheckReport {
            documents,
            indexed,
            problems,
        })
    }

    /// Rebuilds the full-text index of `dir` from the store and returns how many documents
    /// it holds. The old index (corrupt, partial or missing) is replaced only once a fresh
    /// empty one is in place, under the old one's writer lock, so that an ingest cannot
    /// write to either meanwhile; the documents are then indexed as after a crash.
    ///
    /// # Errors
    /// [`CorpusError::NoCorpus`]; [`CorpusError::Busy`] while an ingest runs; I/O, store and
    /// index errors.
    pub fn rebuild_index(dir: &Path) -> Result<u64> {
        let store = Store::open(&store_path(dir)?)?;
        let live = dir.join("index");
        let fresh = dir.join("index.rebuild");
        let old = dir.join("index.old");
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| CorpusError::Io { path, source }
        };
        std::fs::create_dir_all(&live).map_err(io(&live))?;
        let lock = writer_lock(&live)?;
        for leftover in [&fresh, &old] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover).map_err(io(leftover))?;
            }
        }
        drop(SearchIndex::open(&fresh)?);
        store
            .conn
            .execute("UPDATE documents SET indexed = 0", [])
            .map_err(|e| store.err(e))?;
        drop(store);
        std::fs::rename(&live, &old).map_err(io(&live))?;
        std::fs::rename(&fresh, &live).map_err(io(&fresh))?;
        drop(lock);
        // A file the OS still holds open may refuse to go; the next repair clears it.
        let _ = std::fs::remove_dir_all(&old);
        let corpus = Corpus::open(dir)?;
        Ok(corpus.index.num_docs())
    }
}

/// The store's path in `dir`, or [`CorpusError::NoCorpus`].
fn store_path(dir: &Path) -> Result<PathBuf> {
    let db = dir.join("isnad.sqlite");
    if !db.is_file() {
        return Err(CorpusError::NoCorpus {
            path: dir.to_path_buf(),
        });
    }
    Ok(db)
}

/// Tantivy's writer lock on the index folder `dir`, taken whatever state the index is in.
fn writer_lock(dir: &Path) -> Result<tantivy::directory::DirectoryLock> {
    use tantivy::directory::{error::LockError, Directory, MmapDirectory, INDEX_WRITER_LOCK};
    let mmap = MmapDirectory::open(dir).map_err(|e| index_err(dir, e.into()))?;
    mmap.acquire_lock(&INDEX_WRITER_LOCK).map_err(|e| match e {
        LockError::LockBusy => CorpusError::Busy {
            path: dir.parent().unwrap_or(dir).to_path_buf(),
        },
        e => index_err(dir, e.into()),
    })
}
