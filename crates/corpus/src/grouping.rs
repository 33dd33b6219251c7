//! The story and corroboration algorithm, apart from any store: both the embedded store
//! (`stories.rs`) and team mode's PostgreSQL store (`isnad-pg`) read their rows, call these
//! functions and write what they return, so the two stores cannot group differently.
//!
//! The state of the incremental story index is one [`MemberRow`] per placed document, in
//! placement order: reloading them with [`restore_index`] and placing the new documents with
//! [`place_documents`] gives what placing everything in one go would.

use crate::error::{CorpusError, Result};
use crate::stories::{quote_key, relation_key, CorroborationRow, StoryRow};
use isnad_stories::{
    arrival_order, corroborate, near_duplicates, signature, story_title, DocFeatures, Placement,
    Report, StoryDoc, StoryIndex,
};
use rayon::prelude::*;
use std::collections::HashMap;

/// Estimated Jaccard similarity of shingles above which one text counts as a copy of another.
pub const COPY_THRESHOLD: f32 = 0.7;

/// One placed document as a store keeps it: the story index's state, row by row.
#[derive(Debug, Clone)]
pub struct MemberRow {
    /// Document id.
    pub doc: String,
    /// Its story.
    pub story: String,
    /// The earlier member of its story it nearly copies.
    pub copy_of: Option<String>,
    /// The title its story would take from it.
    pub title: String,
    /// [`DocFeatures::to_bytes`].
    pub features: Vec<u8>,
}

/// One document placed now, to store as a [`MemberRow`].
#[derive(Debug, Clone)]
pub struct Placed {
    /// Document id.
    pub doc: String,
    /// Where it went.
    pub placement: Placement,
    /// The title its story would take from it.
    pub title: String,
    /// [`DocFeatures::to_bytes`].
    pub features: Vec<u8>,
}

impl Placed {
    /// The row that restores it.
    pub fn member(&self) -> MemberRow {
        MemberRow {
            doc: self.doc.clone(),
            story: self.placement.story_id.clone(),
            copy_of: self.placement.copy_of.clone(),
            title: self.title.clone(),
            features: self.features.clone(),
        }
    }
}

/// A story as stored: id, title, members (sorted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryRecord {
    /// Stable story id.
    pub id: String,
    /// A representative title.
    pub title: String,
    /// Member document ids.
    pub doc_ids: Vec<String>,
}

/// An empty story index with the embedded model.
///
/// # Errors
/// [`CorpusError::Writer`] when the model file does not load (a stale build).
pub fn new_index() -> Result<StoryIndex> {
    StoryIndex::embedded().map_err(|e| CorpusError::Writer(format!("story model: {e}")))
}

/// The index the stored rows describe (in placement order); `None` when a row's features
/// cannot be read (written by another feature version): then everything is placed again.
pub fn restore_index(rows: impl IntoIterator<Item = MemberRow>) -> Result<Option<StoryIndex>> {
    let mut index = new_index()?;
    for row in rows {
        let Some(features) = DocFeatures::from_bytes(&row.features) else {
            return Ok(None);
        };
        index.restore(
            &row.doc,
            row.title,
            features,
            &row.story,
            row.copy_of.as_deref(),
        );
    }
    Ok(Some(index))
}

/// Places `docs` (not yet in `index`) in [`arrival_order`]; returns them in placement order.
pub fn place_documents(index: &mut StoryIndex, docs: &[StoryDoc]) -> Vec<Placed> {
    let mut placed = Vec::with_capacity(docs.len());
    for i in arrival_order(docs) {
        let doc = &docs[i];
        let features = DocFeatures::of(doc);
        let bytes = features.to_bytes();
        let title = story_title(doc);
        let placement = index.insert_features(&doc.id, title.clone(), features);
        placed.push(Placed {
            doc: doc.id.clone(),
            placement,
            title,
            features: bytes,
        });
    }
    placed
}

/// The stories the placed documents joined or started, each once, as they stand now.
pub fn touched_stories(index: &StoryIndex, placed: &[Placed]) -> Vec<StoryRecord> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for p in placed {
        let Some(s) = index.story_of(&p.doc) else {
            continue;
        };
        if seen.insert(s.id.clone()) {
            out.push(StoryRecord {
                id: s.id,
                title: s.title,
                doc_ids: s.doc_ids,
            });
        }
    }
    out
}

/// A document's rows as story grouping reads them, joined by the store's row id.
#[derive(Debug, Default)]
pub struct StoryInputs {
    /// (row id, document with id, outlet, dates, title, text).
    pub docs: Vec<(i64, StoryDoc)>,
    /// (row id, corpus entity id) of each document's actors.
    pub actors: Vec<(i64, i64)>,
    /// (row id, quoted words).
    pub quotes: Vec<(i64, String)>,
    /// (row id, subject, type, object, negated).
    pub relations: Vec<(i64, i64, String, i64, bool)>,
}

impl StoryInputs {
    /// The documents with their actors, quotes and relations, in the order of `docs`.
    pub fn assemble(self) -> Vec<StoryDoc> {
        let mut docs = self.docs;
        let pos: HashMap<i64, usize> = docs.iter().enumerate().map(|(i, d)| (d.0, i)).collect();
        for (doc, entity) in self.actors {
            if let Some(&i) = pos.get(&doc) {
                docs[i].1.actors.push(format!("e{entity}"));
            }
        }
        for (doc, text) in self.quotes {
            if let Some(&i) = pos.get(&doc) {
                docs[i].1.quotes.push(text);
            }
        }
        for (doc, s, kind, o, neg) in self.relations {
            if let Some(&i) = pos.get(&doc) {
                docs[i].1.relations.push(relation_key(s, &kind, o, neg));
            }
        }
        docs.into_iter().map(|(_, d)| d).collect()
    }
}

/// A relation as corroboration reads it.
#[derive(Debug, Clone)]
pub struct RelationClaim {
    /// Subject entity.
    pub subject: i64,
    /// Relation type.
    pub kind: String,
    /// Object entity.
    pub object: i64,
    /// Reported as not having happened.
    pub negated: bool,
    /// Who the text attributes it to.
    pub asserted_by: Option<i64>,
    /// Document id.
    pub doc_id: String,
}

/// A quote as corroboration reads it.
#[derive(Debug, Clone)]
pub struct QuoteClaim {
    /// The speaker entity, when named.
    pub speaker: Option<i64>,
    /// How the text names the speaker.
    pub speaker_text: String,
    /// The words.
    pub text: String,
    /// Entities the words passed through.
    pub via: Vec<i64>,
    /// Document id.
    pub doc_id: String,
}

/// What corroboration reads from a store.
#[derive(Debug, Default)]
pub struct ClaimInputs {
    /// Every document: id, outlet, text.
    pub docs: Vec<(String, Option<String>, String)>,
    /// Every relation.
    pub relations: Vec<RelationClaim>,
    /// Every quote.
    pub quotes: Vec<QuoteClaim>,
    /// `e<id>` → display name, for upstream lists.
    pub names: HashMap<String, String>,
}

/// A counted claim: kind (`relation`, `quote`), key, counts.
pub type CountedClaim = (String, String, CorroborationRow);

/// How independently every relation and quote is reported, over the whole corpus (a new
/// article can reveal that three outlets copied one).
pub fn count_corroboration(inputs: &ClaimInputs) -> Vec<CountedClaim> {
    let signatures: Vec<(String, isnad_stories::Signature)> = inputs
        .docs
        .par_iter()
        .map(|d| (d.0.clone(), signature(&d.2)))
        .collect();
    let copies = near_duplicates(&signatures, COPY_THRESHOLD);
    let outlet_of: HashMap<&str, &str> = inputs
        .docs
        .iter()
        .map(|d| (d.0.as_str(), d.1.as_deref().unwrap_or("")))
        .collect();
    let claims = group_claims(inputs, &outlet_of);
    let mut copies_of: HashMap<&str, Vec<(String, String)>> = HashMap::new();
    for (a, b, _) in &copies {
        for end in [a, b] {
            copies_of
                .entry(end.as_str())
                .or_default()
                .push((a.clone(), b.clone()));
        }
    }
    let mut counted: Vec<CountedClaim> = claims
        .into_par_iter()
        .map(|((kind, key), reports)| {
            let mut pairs: Vec<(String, String)> = Vec::new();
            for r in &reports {
                for p in copies_of.get(r.doc_id.as_str()).into_iter().flatten() {
                    if !pairs.contains(p) {
                        pairs.push(p.clone());
                    }
                }
            }
            let c = corroborate(&reports, &pairs);
            let upstreams = c
                .upstreams
                .iter()
                .map(|u| inputs.names.get(u).cloned().unwrap_or_else(|| u.clone()))
                .collect();
            let row = CorroborationRow {
                reports: c.reports as i64,
                outlets: c.outlets as i64,
                independent_sources: c.independent_sources as i64,
                upstreams,
                circular: c.circular,
            };
            (kind, key, row)
        })
        .collect();
    counted.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    counted
}

/// Every relation and quote as reports, grouped by claim.
fn group_claims(
    inputs: &ClaimInputs,
    outlet_of: &HashMap<&str, &str>,
) -> HashMap<(String, String), Vec<Report>> {
    let mut claims: HashMap<(String, String), Vec<Report>> = HashMap::new();
    let report = |doc: &str, via: Vec<String>, quote: Option<String>| Report {
        doc_id: doc.to_string(),
        outlet: outlet_of.get(doc).copied().unwrap_or("").to_string(),
        via,
        quote,
    };
    for r in &inputs.relations {
        let via = r
            .asserted_by
            .map(|b| vec![format!("e{b}")])
            .unwrap_or_default();
        let key = relation_key(r.subject, &r.kind, r.object, r.negated);
        claims
            .entry(("relation".into(), key))
            .or_default()
            .push(report(&r.doc_id, via, None));
    }
    for q in &inputs.quotes {
        let via = q.via.iter().map(|v| format!("e{v}")).collect();
        let key = quote_key(q.speaker, &q.speaker_text, &q.text);
        claims
            .entry(("quote".into(), key))
            .or_default()
            .push(report(&q.doc_id, via, Some(q.text.clone())));
    }
    claims
}

/// Stories as the CONTRACT prints them (largest first, ties by id) from the stored stories
/// and copy links (story, copy, original).
pub fn story_rows(
    stories: Vec<StoryRecord>,
    copies: Vec<(String, String, String)>,
) -> Vec<StoryRow> {
    let mut rows: Vec<StoryRow> = stories
        .into_iter()
        .map(|s| StoryRow {
            id: s.id,
            title: s.title,
            independent_reports: s.doc_ids.len(),
            doc_ids: s.doc_ids,
            copies: Vec::new(),
        })
        .collect();
    rows.sort_by(|a, b| b.doc_ids.len().cmp(&a.doc_ids.len()).then(a.id.cmp(&b.id)));
    let pos: HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    let mut copies = copies;
    copies.sort_by(|a, b| a.1.cmp(&b.1));
    for (story, doc, original) in copies {
        if let Some(&i) = pos.get(&story) {
            rows[i].copies.push((doc, original));
            rows[i].independent_reports = rows[i].independent_reports.saturating_sub(1);
        }
    }
    rows
}
