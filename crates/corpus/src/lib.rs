//! isnad's corpus: a SQLite store and a Tantivy index of analyzed news documents, with corpus
//! entities, stories and corroboration.
//!
//! # Brief overview
//! * [`Corpus::open`] opens (or creates) a data directory holding `isnad.sqlite` (documents,
//!   entities, aliases, mentions, relations, quotes, stories, corroboration — the source of
//!   truth) and `index/` (full text, analyzed by [`tantivy_arabic`]). Opening re-indexes any
//!   stored document the index does not have yet, which is how a killed ingest heals.
//! * [`Corpus::ingest`] reads files with `isnad_ingest`, analyzes documents in parallel with
//!   `isnad_analysis`, and writes them from one thread in batched transactions; it is
//!   idempotent (content hashes) and reports malformed records without stopping.
//! * [`Corpus::search`] answers a [`SearchQuery`] with [`Hit`]s carrying highlighted snippets.
//! * [`Corpus::entity`] reports on one actor across documents ([`EntityReport`]): the same
//!   knowledge-base id, or the same normalized name, is one corpus entity.
//! * [`Corpus::stories`] lists the stories; [`Corpus::update_stories`] places the documents
//!   new since the last ingest with the incremental story index of `isnad-stories` (reloaded
//!   from the `story_members` rows) and recounts corroboration (after every ingest);
//!   [`Corpus::recompute_stories`] regroups everything from scratch with the same algorithm.
//!   The algorithm itself is [`grouping`] (rows in, rows out), which team mode's PostgreSQL
//!   store calls too.
//! * [`Corpus::stats`] gives an overview ([`Stats`]).
//! * [`Corpus::records`] reads every stored row ([`Records`]), for exports.
//!
//! # Example
//! ```no_run
//! use isnad_corpus::{Corpus, IngestOptions, SearchQuery};
//! let mut corpus = Corpus::open("/tmp/isnad-data".as_ref()).unwrap();
//! let analyzer = isnad_analysis::Analyzer::new();
//! corpus.ingest(&["news/".into()], &analyzer, &IngestOptions::default(), &mut |_| {}).unwrap();
//! let hits = corpus.search(&SearchQuery { text: "حماس".into(), limit: 10, ..Default::default() }).unwrap();
//! for hit in hits {
//!     println!("{} {}", hit.id, hit.snippet);
//! }
//! ```
#![deny(missing_docs)]

mod backend;
mod entity;
mod error;
mod failpoint;
pub mod grouping;
mod index;
mod ingest;
mod names;
mod query;
mod readdir;
mod repair;
mod rows;
mod search;
mod store;
mod stories;
mod views;

pub use backend::{CorpusStore, Put};
pub use entity::{EntityReport, QuoteRow, RelationGroup};
pub use error::{CorpusError, Result};
pub use index::SearchIndex;
pub use ingest::{content_hash, ingest_day, IngestEvent, IngestOptions, IngestSummary};
pub use names::{identity_key, name_key, name_skeleton};
pub use query::{parse as parse_query, Clause as QueryClause, Unit as QueryUnit};
pub use repair::CheckReport;
pub use rows::{DocumentRecord, EntityRecord, MentionRecord, QuoteRecord, Records, RelationRecord};
pub use search::{Hit, SearchQuery};
pub use store::{Store, SCHEMA_VERSION};
pub use stories::{quote_key, relation_key, CorroborationRow, StoryRow};
pub use views::{
    ClaimView, DocumentView, EdgeView, EntityRef, EvidenceView, Facets, MentionView, QuoteView,
    RelationView,
};

use rusqlite::OptionalExtension;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// An open corpus: the store and the index of one data directory.
pub struct Corpus {
    pub(crate) store: Store,
    pub(crate) index: SearchIndex,
    dir: PathBuf,
}

/// A stored document's metadata and text.
#[derive(Debug, Clone)]
pub(crate) struct DocRow {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub text: String,
}

/// A stored document the index may lack: rowid, id, title, outlet, published, text.
type PendingRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// An overview of the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Documents stored.
    pub documents: i64,
    /// Documents the full-text index holds (equal to `documents` in a consistent store).
    pub indexed: u64,
    /// Words analyzed.
    pub words: i64,
    /// Distinct outlets.
    pub outlets: i64,
    /// Earliest publication date.
    pub first_date: Option<String>,
    /// Latest publication date.
    pub last_date: Option<String>,
    /// Corpus entities.
    pub entities: i64,
    /// Relations extracted.
    pub relations: i64,
    /// Quotes extracted.
    pub quotes: i64,
    /// Stories (documents reporting one event; single documents count as a story).
    pub stories: i64,
    /// Stories with at least two documents.
    pub multi_document_stories: i64,
    /// Relation and quote claims reported by several outlets that trace back to one source.
    pub circular_claims: i64,
    /// Bytes of the SQLite store (with its WAL).
    pub store_bytes: u64,
    /// Bytes of the full-text index.
    pub index_bytes: u64,
}

impl Corpus {
    /// The platform's default data directory (`~/.local/share/isnad` on Linux).
    pub fn default_dir() -> Result<PathBuf> {
        dirs::data_dir()
            .map(|d| d.join("isnad"))
            .ok_or(CorpusError::NoDataDir)
    }

    /// Opens the corpus in `dir` (created when absent) and brings the index in step with the
    /// store: documents stored but not marked indexed (a killed ingest) are indexed again.
    pub fn open(dir: &Path) -> Result<Corpus> {
        std::fs::create_dir_all(dir).map_err(|e| CorpusError::Io {
            path: dir.to_path_buf(),
            source: e,
        })?;
        let store = Store::open(&dir.join("isnad.sqlite"))?;
        // A missing index (deleted, or lost with its disk) is rebuilt from the store: every
        // document is then one the index lacks.
        if !index_exists(dir) {
            store
                .conn
                .execute("UPDATE documents SET indexed = 0 WHERE indexed = 1", [])
                .map_err(|e| store.err(e))?;
        }
        let index = SearchIndex::open(&dir.join("index"))?;
        let mut corpus = Corpus {
            store,
            index,
            dir: dir.to_path_buf(),
        };
        corpus.catch_up_index()?;
        Ok(corpus)
    }

    /// Opens the corpus in `dir` for reading (search, stats, entity, stories): nothing is
    /// created or locked, so it works while an ingest runs and on a read-only store. One
    /// exception heals a crash: when an interrupted ingest left documents unindexed, or the
    /// index is missing, and no ingest is running, the corpus is opened as [`Corpus::open`]
    /// does, which indexes them.
    ///
    /// # Errors
    /// [`CorpusError::NoCorpus`] when `dir` holds no store (a mistyped `--data`); store and
    /// index errors.
    pub fn open_reader(dir: &Path) -> Result<Corpus> {
        let db = dir.join("isnad.sqlite");
        if !db.is_file() {
            return Err(CorpusError::NoCorpus {
                path: dir.to_path_buf(),
            });
        }
        let store = Store::open_read_only(&db)?;
        let pending = store.count("SELECT COUNT(*) FROM documents WHERE indexed = 0")?;
        if pending > 0 || !index_exists(dir) {
            // Busy (an ingest runs and will index them) or read-only: read as things are.
            if let Ok(corpus) = Corpus::open(dir) {
                return Ok(corpus);
            }
        }
        // An ingest may commit (and merge away segment files) between our reading of the
        // index's meta file and opening its segments: try again on a fresh meta.
        let mut tries = 0;
        let index = loop {
            match SearchIndex::open_reader(&dir.join("index")) {
                Ok(index) => break index,
                Err(e) if tries >= 5 => return Err(e),
                Err(_) => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100 * tries));
                }
            }
        };
        Ok(Corpus {
            store,
            index,
            dir: dir.to_path_buf(),
        })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Re-indexes the stored documents the index may lack. Deleting by id first makes it safe
    /// when the index did commit them before the crash.
    fn catch_up_index(&mut self) -> Result<usize> {
        let pending = self
            .store
            .count("SELECT COUNT(*) FROM documents WHERE indexed = 0")?;
        if pending == 0 {
            return Ok(0);
        }
        let err = |e| crate::store::store_err(&self.store.path, e);
        let rows: Vec<PendingRow> = self.store.collect_rows(
            "SELECT rowid, id, title, outlet, published, text FROM documents WHERE indexed = 0",
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?;
        let mut writer = self.index.writer()?;
        let mut analyzer = tantivy_arabic::ArabicAnalyzer::new();
        for (rowid, id, title, outlet, published, text) in &rows {
            let doc = index::IndexDoc {
                id: id.clone(),
                title: title
                    .as_deref()
                    .map(|t| index::pre_tokenize(&mut analyzer, t)),
                text: index::index_text(&mut analyzer, text).0,
                outlet: outlet.clone(),
                published: published.as_deref().and_then(index::parse_day),
            };
            let ids = ingest::doc_entity_ids(&self.store.conn, *rowid).map_err(err)?;
            self.index.add(&writer, doc, &ids)?;
        }
        writer
            .commit()
            .map_err(|e| index::index_err(&self.index.path, e))?;
        drop(writer);
        let tx = self.store.conn.transaction().map_err(err)?;
        for (rowid, ..) in &rows {
            tx.execute("UPDATE documents SET indexed = 1 WHERE rowid = ?1", [rowid])
                .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.index.reload()?;
        Ok(rows.len())
    }

    pub(crate) fn doc_row(&self, id: &str) -> Result<Option<DocRow>> {
        self.store
            .conn
            .prepare_cached("SELECT title, outlet, published, text FROM documents WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok(DocRow {
                        title: r.get(0)?,
                        outlet: r.get(1)?,
                        published: r.get(2)?,
                        text: r.get(3)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.store.err(e))
    }

    /// An overview of the corpus.
    pub fn stats(&self) -> Result<Stats> {
        let s = &self.store;
        let (first_date, last_date): (Option<String>, Option<String>) = s
            .conn
            .query_row(
                "SELECT MIN(published), MAX(published) FROM documents",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| s.err(e))?;
        let file_size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let db = &s.path;
        let wal = PathBuf::from(format!("{}-wal", db.display()));
        Ok(Stats {
            documents: s.count("SELECT COUNT(*) FROM documents")?,
            indexed: self.index.num_docs(),
            words: s.count("SELECT SUM(words) FROM documents")?,
            outlets: s.count("SELECT COUNT(DISTINCT outlet) FROM documents")?,
            first_date,
            last_date,
            entities: s.count("SELECT COUNT(*) FROM entities")?,
            relations: s.count("SELECT COUNT(*) FROM relations")?,
            quotes: s.count("SELECT COUNT(*) FROM quotes")?,
            stories: s.count("SELECT COUNT(*) FROM stories")?,
            multi_document_stories: s.count("SELECT COUNT(*) FROM stories WHERE size > 1")?,
            circular_claims: s.count("SELECT COUNT(*) FROM corroboration WHERE circular = 1")?,
            store_bytes: file_size(db) + file_size(&wal),
            index_bytes: self.index.size_bytes(),
        })
    }

    /// Checks that the store is internally consistent and the index holds exactly the stored
    /// documents; returns the problems found (empty when consistent).
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = repair::store_problems(&self.store)?;
        let documents = self.store.count("SELECT COUNT(*) FROM documents")?;
        problems.extend(repair::index_problems(&self.index, documents));
        Ok(problems)
    }
}

/// Whether `dir` holds a full-text index (Tantivy's `meta.json`), sound or not.
fn index_exists(dir: &Path) -> bool {
    dir.join("index").join("meta.json").is_file()
}
