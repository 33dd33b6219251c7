//! The store interface both backends implement: the embedded [`Corpus`] (SQLite + Tantivy) and
//! team mode's PostgreSQL store (`isnad-pg`).
//!
//! It holds what the commands need from a store, so that one test suite (`isnad-pg`'s
//! `tests/backends.rs`) checks that both answer alike: put one analyzed document with all its
//! rows atomically; search; find an actor; an overview; every row for exports.

use crate::entity::EntityReport;
use crate::error::Result;
use crate::index::{index_text, parse_day, pre_tokenize, IndexDoc};
use crate::ingest::{content_hash, write_doc, EntityCache, Prepared};
use crate::rows::Records;
use crate::search::{Hit, SearchQuery};
use crate::store::store_err;
use crate::{Corpus, Stats};
use isnad_analysis::Analysis;
use isnad_ingest::RawDoc;
use rusqlite::OptionalExtension;

/// What storing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Put {
    /// A new document.
    Inserted,
    /// A known id with new content: its rows were replaced.
    Replaced,
    /// The same content was already stored: nothing was written.
    Unchanged,
}

/// A corpus store: what `ingest`, `search`, `entity`, `stats` and `export` need.
pub trait CorpusStore {
    /// The backend's error.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Stores `raw` with its `analysis` (document, entities, mentions, relations, quotes and
    /// search keys) in one transaction. Idempotent on the content hash
    /// ([`crate::content_hash`]): the same content again is [`Put::Unchanged`].
    fn put(&mut self, raw: &RawDoc, analysis: &Analysis) -> std::result::Result<Put, Self::Error>;

    /// Runs a search in the query language of [`crate::parse_query`].
    fn search(&self, query: &SearchQuery) -> std::result::Result<Vec<Hit>, Self::Error>;

    /// The corpus entity a name (any spelling, Arabic or Latin) designates.
    fn find_entity(&self, name: &str) -> std::result::Result<Option<i64>, Self::Error>;

    /// The report on the actor `name` designates (aliases, dates, relations, quotes).
    fn entity_report(&self, name: &str) -> std::result::Result<Option<EntityReport>, Self::Error>;

    /// An overview of the corpus.
    fn overview(&self) -> std::result::Result<Stats, Self::Error>;

    /// Every stored row, for exports.
    fn all_records(&self) -> std::result::Result<Records, Self::Error>;
}

impl CorpusStore for Corpus {
    type Error = crate::CorpusError;

    fn put(&mut self, raw: &RawDoc, analysis: &Analysis) -> Result<Put> {
        self.put_analyzed(raw, analysis)
    }

    fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>> {
        Corpus::search(self, query)
    }

    fn find_entity(&self, name: &str) -> Result<Option<i64>> {
        Corpus::find_entity(self, name)
    }

    fn entity_report(&self, name: &str) -> Result<Option<EntityReport>> {
        self.entity(name)
    }

    fn overview(&self) -> Result<Stats> {
        self.stats()
    }

    fn all_records(&self) -> Result<Records> {
        self.records()
    }
}

impl Corpus {
    /// Stores one document analyzed elsewhere: the rows in one SQLite transaction, then the
    /// index entry, as an ingest batch of one (the crash guarantees of [`Corpus::ingest`]
    /// hold: a document stored but not yet indexed is indexed at the next open).
    pub fn put_analyzed(&mut self, raw: &RawDoc, analysis: &Analysis) -> Result<Put> {
        let hash = content_hash(raw);
        let path = self.store.path.clone();
        let old: Option<String> = self
            .store
            .conn
            .query_row("SELECT hash FROM documents WHERE id = ?1", [&raw.id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| store_err(&path, e))?;
        if old.as_deref() == Some(hash.as_str()) {
            return Ok(Put::Unchanged);
        }
        let mut tokens = tantivy_arabic::ArabicAnalyzer::new();
        let (text, words) = index_text(&mut tokens, &raw.text);
        let doc = Prepared {
            raw: raw.clone(),
            hash,
            update: old.is_some(),
            words,
            analysis: analysis.clone(),
            index: IndexDoc {
                id: raw.id.clone(),
                title: raw.title.as_deref().map(|t| pre_tokenize(&mut tokens, t)),
                text,
                outlet: raw.outlet.clone(),
                published: raw.published.as_deref().and_then(parse_day),
            },
        };
        let tx = self
            .store
            .conn
            .transaction()
            .map_err(|e| store_err(&path, e))?;
        write_doc(&tx, &doc, &mut EntityCache::default()).map_err(|e| store_err(&path, e))?;
        tx.commit().map_err(|e| store_err(&path, e))?;
        // The row is marked unindexed: the index catches up as after a killed ingest.
        self.catch_up_index()?;
        Ok(if doc.update {
            Put::Replaced
        } else {
            Put::Inserted
        })
    }
}
