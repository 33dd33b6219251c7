//! The part of the corpus one export covers: the selected documents and, closed over them,
//! every entity, mention, relation, quote and story they reference.
//!
//! Selecting documents first and taking everything else from them is what keeps an export
//! closed: a relation is exported only with its document, and its subject, object and
//! `asserted_by` always come with it, so no reference can point outside the file (OpenCTI
//! drops relationships whose ends are missing from a bundle).

use crate::{ExportError, Result};
use isnad_corpus::{
    CorpusStore, CorroborationRow, DocumentRecord, EntityRecord, MentionRecord, QuoteRecord,
    RelationRecord, SearchQuery, StoryRow,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Which documents to export; every filter given must hold (all documents when none is).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Documents mentioning this entity (Arabic or English, any spelling, as `isnad entity`).
    pub entity: Option<String>,
    /// Documents of this story (an id from `isnad stories`).
    pub story: Option<String>,
    /// Documents a search for these words finds (as `isnad search`).
    pub query: Option<String>,
    /// Published on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Published on or before this day (YYYY-MM-DD).
    pub to: Option<String>,
}

/// What the slice knows about one entity beyond its record.
#[derive(Debug, Clone, Default)]
pub struct EntityStats {
    /// Mentions in the slice's documents.
    pub mentions: usize,
    /// Documents of the slice mentioning it.
    pub documents: usize,
    /// First publication day seen.
    pub first_seen: Option<String>,
    /// Last publication day seen.
    pub last_seen: Option<String>,
}

/// One relation claim: every report of (subject, type, object, negated) in the slice.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Subject entity id.
    pub subject: i64,
    /// The contract's relation type.
    pub kind: String,
    /// Object entity id.
    pub object: i64,
    /// Reported as not having happened.
    pub negated: bool,
    /// The relation rows reporting it (indexes into [`Slice::relations`]), by document.
    pub reports: Vec<usize>,
    /// Distinct documents reporting it.
    pub documents: usize,
    /// The highest confidence of its reports.
    pub confidence: f64,
    /// First publication day of its documents.
    pub first_date: Option<String>,
    /// Last publication day of its documents.
    pub last_date: Option<String>,
    /// How independently the whole corpus reports it (after `isnad stories`).
    pub corroboration: Option<CorroborationRow>,
}

/// The documents of a selection and everything they reference, in a fixed order.
#[derive(Debug, Clone, Default)]
pub struct Slice {
    /// Selected documents, by id.
    pub documents: Vec<DocumentRecord>,
    /// Entities referenced by them (mentioned, subject or object, speaker, source), by key.
    pub entities: Vec<EntityRecord>,
    /// Their mentions.
    pub mentions: Vec<MentionRecord>,
    /// Their relations.
    pub relations: Vec<RelationRecord>,
    /// Their quotes.
    pub quotes: Vec<QuoteRecord>,
    /// Their stories, each holding only selected documents; largest first.
    pub stories: Vec<StoryRow>,
    /// Relation claims, in (subject key, type, object key, negated) order.
    pub claims: Vec<Claim>,
    /// Per entity id.
    pub entity_stats: HashMap<i64, EntityStats>,
    doc_index: HashMap<i64, usize>,
    entity_index: HashMap<i64, usize>,
    story_of: HashMap<String, String>,
}

/// The day part (`YYYY-MM-DD`) of a stored date, when it has one.
pub(crate) fn day(published: Option<&str>) -> Option<&str> {
    let p = published?;
    let b = p.as_bytes();
    (b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b[..10].iter().all(|c| c.is_ascii_digit() || *c == b'-'))
    .then(|| &p[..10])
}

fn check_day(name: &str, value: &Option<String>) -> Result<()> {
    match value {
        Some(v) if day(Some(v)) != Some(v.as_str()) => Err(ExportError::Selection(format!(
            "--{name} {v:?} is not a date (YYYY-MM-DD)"
        ))),
        _ => Ok(()),
    }
}

impl Slice {
    /// Reads the selected documents and what they reference from `corpus` (either store:
    /// the same rows give the same slice).
    ///
    /// # Errors
    /// [`ExportError::Selection`] naming the argument: a date that is not `YYYY-MM-DD`, an
    /// entity or story the corpus does not have, an empty query; corpus errors.
    pub fn load<S: CorpusStore>(corpus: &S, selection: &Selection) -> Result<Slice> {
        check_day("from", &selection.from)?;
        check_day("to", &selection.to)?;
        let records = corpus.all_records().map_err(ExportError::store)?;
        let mut keep: Vec<bool> = vec![true; records.documents.len()];
        let by_id: HashMap<&str, usize> = records
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let (from, to) = (selection.from.as_deref(), selection.to.as_deref());
        if from.is_some() || to.is_some() {
            for (k, d) in keep.iter_mut().zip(&records.documents) {
                let Some(day) = day(d.published.as_deref()) else {
                    *k = false;
                    continue;
                };
                *k &= from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t);
            }
        }
        if let Some(name) = selection.entity.as_deref() {
            let id = corpus
                .find_entity(name)
                .map_err(ExportError::store)?
                .ok_or_else(|| {
                    ExportError::Selection(format!(
                        "--entity {name:?}: no such entity in the corpus"
                    ))
                })?;
            let docs: HashSet<i64> = records
                .mentions
                .iter()
                .filter(|m| m.entity == id)
                .map(|m| m.doc)
                .collect();
            for (k, d) in keep.iter_mut().zip(&records.documents) {
                *k &= docs.contains(&d.rowid);
            }
        }
        let stories = corpus.stories().map_err(ExportError::store)?;
        if let Some(story) = selection.story.as_deref() {
            let found = stories.iter().find(|s| s.id == story).ok_or_else(|| {
                ExportError::Selection(format!(
                    "--story {story:?}: no such story (see `isnad stories`)"
                ))
            })?;
            let docs: HashSet<&str> = found.doc_ids.iter().map(String::as_str).collect();
            for (k, d) in keep.iter_mut().zip(&records.documents) {
                *k &= docs.contains(d.id.as_str());
            }
        }
        if let Some(query) = selection.query.as_deref() {
            if query.trim().is_empty() {
                return Err(ExportError::Selection("--query is empty".into()));
            }
            let hits = corpus
                .search(&SearchQuery {
                    text: query.to_string(),
                    limit: records.documents.len().max(1),
                    ..SearchQuery::default()
                })
                .map_err(|e| ExportError::Selection(format!("--query {query:?}: {e}")))?;
            let found: HashSet<usize> = hits
                .iter()
                .filter_map(|h| by_id.get(h.id.as_str()).copied())
                .collect();
            for (i, k) in keep.iter_mut().enumerate() {
                *k &= found.contains(&i);
            }
        }
        let mut slice = Slice::default();
        let records_documents = records.documents;
        for (d, k) in records_documents.into_iter().zip(keep) {
            if k {
                slice.doc_index.insert(d.rowid, slice.documents.len());
                slice.documents.push(d);
            }
        }
        let kept = |doc: i64| slice.doc_index.contains_key(&doc);
        slice.mentions = records
            .mentions
            .into_iter()
            .filter(|m| kept(m.doc))
            .collect();
        slice.relations = records
            .relations
            .into_iter()
            .filter(|r| kept(r.doc))
            .collect();
        slice.quotes = records.quotes.into_iter().filter(|q| kept(q.doc)).collect();
        let mut referenced: HashSet<i64> = slice.mentions.iter().map(|m| m.entity).collect();
        for r in &slice.relations {
            referenced.extend([r.subject, r.object]);
            referenced.extend(r.asserted_by);
        }
        for q in &slice.quotes {
            referenced.extend(q.speaker);
            referenced.extend(q.via.iter().copied());
        }
        slice.entities = records
            .entities
            .into_iter()
            .filter(|e| referenced.contains(&e.id))
            .collect();
        slice.entity_index = slice
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        // A reference to an entity row that is gone (a corrupt store) would dangle: drop it.
        let has = |id: i64| slice.entity_index.contains_key(&id);
        slice.mentions.retain(|m| has(m.entity));
        slice.relations.retain(|r| has(r.subject) && has(r.object));
        for r in &mut slice.relations {
            r.asserted_by = r.asserted_by.filter(|&a| has(a));
        }
        for q in &mut slice.quotes {
            q.speaker = q.speaker.filter(|&s| has(s));
            q.via.retain(|&v| has(v));
        }
        slice.stories = stories
            .into_iter()
            .filter_map(|mut s| {
                s.doc_ids.retain(|id| slice.document_by_id(id).is_some());
                (!s.doc_ids.is_empty()).then_some(s)
            })
            .collect();
        for s in &slice.stories {
            for d in &s.doc_ids {
                slice.story_of.insert(d.clone(), s.id.clone());
            }
        }
        slice.entity_stats = slice.count_entities();
        slice.claims = slice.group_claims(corpus)?;
        Ok(slice)
    }

    /// The document with this store row id.
    pub fn document(&self, rowid: i64) -> Option<&DocumentRecord> {
        self.doc_index.get(&rowid).map(|&i| &self.documents[i])
    }

    /// The document with this id.
    pub fn document_by_id(&self, id: &str) -> Option<&DocumentRecord> {
        self.documents
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.documents[i])
    }

    /// The entity with this corpus id.
    pub fn entity(&self, id: i64) -> Option<&EntityRecord> {
        self.entity_index.get(&id).map(|&i| &self.entities[i])
    }

    /// The id of the story a document belongs to.
    pub fn story_of(&self, doc_id: &str) -> Option<&str> {
        self.story_of.get(doc_id).map(String::as_str)
    }

    /// The publication day of the document with this row id.
    pub fn doc_day(&self, rowid: i64) -> Option<&str> {
        day(self.document(rowid)?.published.as_deref())
    }

    /// The latest publication day of the slice: the "as of" date of everything exported.
    pub fn last_day(&self) -> Option<&str> {
        self.documents
            .iter()
            .filter_map(|d| day(d.published.as_deref()))
            .max()
    }

    fn count_entities(&self) -> HashMap<i64, EntityStats> {
        let mut stats: HashMap<i64, EntityStats> = HashMap::new();
        let mut seen: HashSet<(i64, i64)> = HashSet::new();
        for m in &self.mentions {
            let s = stats.entry(m.entity).or_default();
            s.mentions += 1;
            if seen.insert((m.entity, m.doc)) {
                s.documents += 1;
                if let Some(d) = self.doc_day(m.doc) {
                    widen(&mut s.first_seen, &mut s.last_seen, d);
                }
            }
        }
        for e in &self.entities {
            stats.entry(e.id).or_default();
        }
        stats
    }

    fn group_claims<S: CorpusStore>(&self, corpus: &S) -> Result<Vec<Claim>> {
        let key_of = |id: i64| self.entity(id).map_or("", |e| e.key.as_str());
        let mut groups: BTreeMap<(&str, &str, &str, bool), Vec<usize>> = BTreeMap::new();
        for (i, r) in self.relations.iter().enumerate() {
            groups
                .entry((
                    key_of(r.subject),
                    r.kind.as_str(),
                    key_of(r.object),
                    r.negated,
                ))
                .or_default()
                .push(i);
        }
        let mut claims = Vec::with_capacity(groups.len());
        for reports in groups.into_values() {
            let first = &self.relations[reports[0]];
            let mut claim = Claim {
                subject: first.subject,
                kind: first.kind.clone(),
                object: first.object,
                negated: first.negated,
                documents: 0,
                confidence: 0.0,
                first_date: None,
                last_date: None,
                corroboration: corpus
                    .relation_corroboration(first.subject, &first.kind, first.object, first.negated)
                    .map_err(ExportError::store)?,
                reports: Vec::new(),
            };
            let mut docs: HashSet<i64> = HashSet::new();
            for &i in &reports {
                let r = &self.relations[i];
                claim.confidence = claim.confidence.max(r.confidence);
                if docs.insert(r.doc) {
                    if let Some(d) = self.doc_day(r.doc) {
                        widen(&mut claim.first_date, &mut claim.last_date, d);
                    }
                }
            }
            claim.documents = docs.len();
            claim.reports = reports;
            claims.push(claim);
        }
        Ok(claims)
    }
}

fn widen(first: &mut Option<String>, last: &mut Option<String>, day: &str) {
    if first.as_deref().is_none_or(|f| day < f) {
        *first = Some(day.to_string());
    }
    if last.as_deref().is_none_or(|l| day > l) {
        *last = Some(day.to_string());
    }
}
