//! The store the read handlers see: the embedded corpus or team mode's PostgreSQL store
//! (`serve --db`), behind one object-safe trait whose errors are already API errors, so every
//! handler has one code path for both.

use crate::error::ApiError;
use isnad_corpus::{
    ClaimView, CorpusStore, DocumentView, EdgeView, EntityRef, EntityReport, EvidenceView, Facets,
    Hit, SearchQuery, Stats, StoryRow,
};
use isnad_export::{Selection, Slice};

/// What the read handlers ask of a store ([`CorpusStore`], errors as [`ApiError`]).
#[allow(missing_docs)] // Each method is the `CorpusStore` method of the same (or named) name.
pub trait ReadStore {
    fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>, ApiError>;
    fn find_entity(&self, name: &str) -> Result<Option<i64>, ApiError>;
    fn entity_ref(&self, id: i64) -> Result<Option<EntityRef>, ApiError>;
    fn entity_by_key(&self, key: &str) -> Result<Option<EntityRef>, ApiError>;
    /// [`CorpusStore::entity_report_by_id`].
    fn entity_by_id(&self, id: i64) -> Result<Option<EntityReport>, ApiError>;
    fn document(&self, id: &str) -> Result<Option<DocumentView>, ApiError>;
    fn story_of(&self, doc_id: &str) -> Result<Option<String>, ApiError>;
    fn entity_edges(&self, id: i64, limit: usize) -> Result<Vec<EdgeView>, ApiError>;
    fn entity_timeline(&self, id: i64) -> Result<Vec<(String, i64)>, ApiError>;
    fn claim_evidence(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
        limit: usize,
    ) -> Result<Vec<EvidenceView>, ApiError>;
    fn claim_table(&self, limit: usize) -> Result<Vec<ClaimView>, ApiError>;
    fn doc_facets(&self, doc_ids: &[String]) -> Result<Facets, ApiError>;
    /// [`CorpusStore::overview`].
    fn stats(&self) -> Result<Stats, ApiError>;
    fn stories(&self) -> Result<Vec<StoryRow>, ApiError>;
    /// [`Slice::load`] on this store.
    fn slice(&self, selection: &Selection) -> Result<Slice, ApiError>;
}

impl<T> ReadStore for T
where
    T: CorpusStore,
    ApiError: From<T::Error>,
{
    fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>, ApiError> {
        Ok(CorpusStore::search(self, query)?)
    }
    fn find_entity(&self, name: &str) -> Result<Option<i64>, ApiError> {
        Ok(CorpusStore::find_entity(self, name)?)
    }
    fn entity_ref(&self, id: i64) -> Result<Option<EntityRef>, ApiError> {
        Ok(CorpusStore::entity_ref(self, id)?)
    }
    fn entity_by_key(&self, key: &str) -> Result<Option<EntityRef>, ApiError> {
        Ok(CorpusStore::entity_by_key(self, key)?)
    }
    fn entity_by_id(&self, id: i64) -> Result<Option<EntityReport>, ApiError> {
        Ok(CorpusStore::entity_report_by_id(self, id)?)
    }
    fn document(&self, id: &str) -> Result<Option<DocumentView>, ApiError> {
        Ok(CorpusStore::document(self, id)?)
    }
    fn story_of(&self, doc_id: &str) -> Result<Option<String>, ApiError> {
        Ok(CorpusStore::story_of(self, doc_id)?)
    }
    fn entity_edges(&self, id: i64, limit: usize) -> Result<Vec<EdgeView>, ApiError> {
        Ok(CorpusStore::entity_edges(self, id, limit)?)
    }
    fn entity_timeline(&self, id: i64) -> Result<Vec<(String, i64)>, ApiError> {
        Ok(CorpusStore::entity_timeline(self, id)?)
    }
    fn claim_evidence(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
        limit: usize,
    ) -> Result<Vec<EvidenceView>, ApiError> {
        Ok(CorpusStore::claim_evidence(
            self, subject, kind, object, negated, limit,
        )?)
    }
    fn claim_table(&self, limit: usize) -> Result<Vec<ClaimView>, ApiError> {
        Ok(CorpusStore::claim_table(self, limit)?)
    }
    fn doc_facets(&self, doc_ids: &[String]) -> Result<Facets, ApiError> {
        Ok(CorpusStore::doc_facets(self, doc_ids)?)
    }
    fn stats(&self) -> Result<Stats, ApiError> {
        Ok(CorpusStore::overview(self)?)
    }
    fn stories(&self) -> Result<Vec<StoryRow>, ApiError> {
        Ok(CorpusStore::stories(self)?)
    }
    fn slice(&self, selection: &Selection) -> Result<Slice, ApiError> {
        Ok(Slice::load(self, selection)?)
    }
}
