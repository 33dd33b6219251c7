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
use crate::{
    ClaimView, Corpus, CorroborationRow, DocumentView, EdgeView, EntityRef, EvidenceView, Facets,
    Stats, StoryRow,
};
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

/// A corpus store: what `ingest`, `search`, `entity`, `stories`, `stats`, `export` and
/// `serve` need.
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

    /// Places the documents not yet in a story with the incremental story index of
    /// `isnad-stories` (through [`crate::grouping`], so both stores group alike) and recounts
    /// corroboration; with `rebuild`, regroups every document from scratch.
    fn update_stories(&mut self, rebuild: bool) -> std::result::Result<(), Self::Error>;

    /// All stories, largest first (ties by id), with which members copy which.
    fn stories(&self) -> std::result::Result<Vec<StoryRow>, Self::Error>;

    /// How independently the corpus reports one relation claim; `None` before stories were
    /// computed.
    fn relation_corroboration(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
    ) -> std::result::Result<Option<CorroborationRow>, Self::Error>;

    // What an interactive client (`isnad serve`) reads: rows by id, with ids on both ends.

    /// The entity with this store id.
    fn entity_ref(&self, id: i64) -> std::result::Result<Option<EntityRef>, Self::Error>;

    /// The entity with this identity key (`kb:<id>`, `<TYPE>:<name key>`).
    fn entity_by_key(&self, key: &str) -> std::result::Result<Option<EntityRef>, Self::Error>;

    /// The report on the entity with this store id.
    fn entity_report_by_id(
        &self,
        id: i64,
    ) -> std::result::Result<Option<EntityReport>, Self::Error>;

    /// One document with its mentions, relations and quotes, and every entity they refer to.
    fn document(&self, id: &str) -> std::result::Result<Option<DocumentView>, Self::Error>;

    /// The id of the story a document belongs to.
    fn story_of(&self, doc_id: &str) -> std::result::Result<Option<String>, Self::Error>;

    /// The claims an entity takes part in, as subject or object, most reported first.
    fn entity_edges(
        &self,
        id: i64,
        limit: usize,
    ) -> std::result::Result<Vec<EdgeView>, Self::Error>;

    /// Documents mentioning an entity per publication day, in date order.
    fn entity_timeline(&self, id: i64) -> std::result::Result<Vec<(String, i64)>, Self::Error>;

    /// Every report of one claim, by date.
    fn claim_evidence(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
        limit: usize,
    ) -> std::result::Result<Vec<EvidenceView>, Self::Error>;

    /// The claim table, most reported first.
    fn claim_table(&self, limit: usize) -> std::result::Result<Vec<ClaimView>, Self::Error>;

    /// Entity and relation-type counts over a set of documents (a search's facets).
    fn doc_facets(&self, doc_ids: &[String]) -> std::result::Result<Facets, Self::Error>;
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

    fn update_stories(&mut self, rebuild: bool) -> Result<()> {
        Corpus::update_stories(self, rebuild)
    }

    fn stories(&self) -> Result<Vec<StoryRow>> {
        Corpus::stories(self)
    }

    fn relation_corroboration(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
    ) -> Result<Option<CorroborationRow>> {
        Corpus::relation_corroboration(self, subject, kind, object, negated)
    }

    fn entity_ref(&self, id: i64) -> Result<Option<EntityRef>> {
        Corpus::entity_ref(self, id)
    }

    fn entity_by_key(&self, key: &str) -> Result<Option<EntityRef>> {
        Corpus::entity_by_key(self, key)
    }

    fn entity_report_by_id(&self, id: i64) -> Result<Option<EntityReport>> {
        self.entity_by_id(id)
    }

    fn document(&self, id: &str) -> Result<Option<DocumentView>> {
        Corpus::document(self, id)
    }

    fn story_of(&self, doc_id: &str) -> Result<Option<String>> {
        Corpus::story_of(self, doc_id)
    }

    fn entity_edges(&self, id: i64, limit: usize) -> Result<Vec<EdgeView>> {
        Corpus::entity_edges(self, id, limit)
    }

    fn entity_timeline(&self, id: i64) -> Result<Vec<(String, i64)>> {
        Corpus::entity_timeline(self, id)
    }

    fn claim_evidence(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
        limit: usize,
    ) -> Result<Vec<EvidenceView>> {
        Corpus::claim_evidence(self, subject, kind, object, negated, limit)
    }

    fn claim_table(&self, limit: usize) -> Result<Vec<ClaimView>> {
        Corpus::claim_table(self, limit)
    }

    fn doc_facets(&self, doc_ids: &[String]) -> Result<Facets> {
        Corpus::doc_facets(self, doc_ids)
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
