//! Read access to the stored rows, for exports (`isnad-export`): every document, entity,
//! mention, relation, quote and relation corroboration as plain records.
//!
//! Exports need the whole table, not a report on one actor, so these read each table once,
//! in a stable order (by document id and position, not by rowid, which depends on the order
//! an ingest wrote its documents in).

use crate::error::Result;
use crate::stories::{relation_key, CorroborationRow};
use crate::Corpus;
use std::collections::HashMap;

/// A stored document.
#[derive(Debug, Clone)]
pub struct DocumentRecord {
    /// Store row id (what the other records' `doc` refers to).
    pub rowid: i64,
    /// Document id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Address it came from.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date as given (`YYYY-MM-DD…`).
    pub published: Option<String>,
    /// The file it was read from.
    pub source: Option<String>,
    /// The text.
    pub text: String,
    /// Words analyzed.
    pub words: i64,
}

/// A corpus entity.
#[derive(Debug, Clone)]
pub struct EntityRecord {
    /// Corpus entity id.
    pub id: i64,
    /// Identity key (`kb:<id>` or `<TYPE>:<name key>`): stable across corpora.
    pub key: String,
    /// Knowledge-base id when linked.
    pub kb_id: Option<String>,
    /// PER, ORG, LOC, MISC.
    pub kind: String,
    /// Arabic name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Spellings seen, with the number of documents each was seen in, most frequent first.
    pub aliases: Vec<(String, i64)>,
}

/// One mention of an entity in a document.
#[derive(Debug, Clone)]
pub struct MentionRecord {
    /// Document row id.
    pub doc: i64,
    /// Corpus entity id.
    pub entity: i64,
    /// Start, code points, inclusive.
    pub start: i64,
    /// End, code points, exclusive.
    pub end: i64,
    /// The words.
    pub text: String,
}

/// One relation as one document states it.
#[derive(Debug, Clone)]
pub struct RelationRecord {
    /// Relation row id.
    pub id: i64,
    /// Document row id.
    pub doc: i64,
    /// Subject entity.
    pub subject: i64,
    /// The contract's relation type (`attacks` …).
    pub kind: String,
    /// Object entity.
    pub object: i64,
    /// The text says it did not happen.
    pub negated: bool,
    /// The entity the text attributes the statement to.
    pub asserted_by: Option<i64>,
    /// The clause that states it.
    pub evidence: String,
    /// Evidence start, code points.
    pub ev_start: i64,
    /// Evidence end, code points, exclusive.
    pub ev_end: i64,
    /// The extractor's confidence, 0 to 1.
    pub confidence: f64,
}

/// One quote.
#[derive(Debug, Clone)]
pub struct QuoteRecord {
    /// Quote row id.
    pub id: i64,
    /// Document row id.
    pub doc: i64,
    /// Speaker entity, when named.
    pub speaker: Option<i64>,
    /// How the text names the speaker.
    pub speaker_text: String,
    /// The cue («قال»).
    pub cue: String,
    /// The words.
    pub text: String,
    /// Start, code points.
    pub start: i64,
    /// End, code points, exclusive.
    pub end: i64,
    /// Entities the words passed through, nearest first.
    pub via: Vec<i64>,
}

/// Every stored row an export reads.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Documents, by id.
    pub documents: Vec<DocumentRecord>,
    /// Entities, by key.
    pub entities: Vec<EntityRecord>,
    /// Mentions, by document row id and position.
    pub mentions: Vec<MentionRecord>,
    /// Relations, by document row id and evidence position.
    pub relations: Vec<RelationRecord>,
    /// Quotes, by document row id and position.
    pub quotes: Vec<QuoteRecord>,
}

impl Corpus {
    /// Reads every document, entity, mention, relation and quote of the store.
    pub fn records(&self) -> Result<Records> {
        let s = &self.store;
        let documents = s.collect_rows(
            "SELECT rowid, id, title, url, outlet, published, source, text, words FROM documents ORDER BY id",
            |r| {
                Ok(DocumentRecord {
                    rowid: r.get(0)?,
                    id: r.get(1)?,
                    title: r.get(2)?,
                    url: r.get(3)?,
                    outlet: r.get(4)?,
                    published: r.get(5)?,
                    source: r.get(6)?,
                    text: r.get(7)?,
                    words: r.get(8)?,
                })
            },
        )?;
        let mut aliases: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
        let rows: Vec<(i64, String, i64)> = s.collect_rows(
            "SELECT entity, alias, count FROM aliases ORDER BY entity, count DESC, alias",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (entity, alias, count) in rows {
            aliases.entry(entity).or_default().push((alias, count));
        }
        let entities = s.collect_rows(
            "SELECT id, key, kb_id, type, name, name_en FROM entities ORDER BY key",
            |r| {
                let id = r.get(0)?;
                Ok(EntityRecord {
                    id,
                    key: r.get(1)?,
                    kb_id: r.get(2)?,
                    kind: r.get(3)?,
                    name: r.get(4)?,
                    name_en: r.get(5)?,
                    aliases: aliases.remove(&id).unwrap_or_default(),
                })
            },
        )?;
        let mentions = s.collect_rows(
            "SELECT doc, entity, start, end, text FROM mentions ORDER BY doc, start, end, entity",
            |r| {
                Ok(MentionRecord {
                    doc: r.get(0)?,
                    entity: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                    text: r.get(4)?,
                })
            },
        )?;
        let relations = s.collect_rows(
            "SELECT id, doc, subject, type, object, negated, asserted_by, evidence, ev_start, ev_end, confidence
             FROM relations ORDER BY doc, ev_start, ev_end, type, id",
            |r| {
                Ok(RelationRecord {
                    id: r.get(0)?,
                    doc: r.get(1)?,
                    subject: r.get(2)?,
                    kind: r.get(3)?,
                    object: r.get(4)?,
                    negated: r.get(5)?,
                    asserted_by: r.get(6)?,
                    evidence: r.get(7)?,
                    ev_start: r.get(8)?,
                    ev_end: r.get(9)?,
                    confidence: r.get(10)?,
                })
            },
        )?;
        let quotes = s.collect_rows(
            "SELECT id, doc, speaker, speaker_text, cue, text, start, end, via FROM quotes ORDER BY doc, start, end, id",
            |r| {
                let via: String = r.get(8)?;
                Ok(QuoteRecord {
                    id: r.get(0)?,
                    doc: r.get(1)?,
                    speaker: r.get(2)?,
                    speaker_text: r.get(3)?,
                    cue: r.get(4)?,
                    text: r.get(5)?,
                    start: r.get(6)?,
                    end: r.get(7)?,
                    via: serde_json::from_str(&via).unwrap_or_default(),
                })
            },
        )?;
        Ok(Records {
            documents,
            entities,
            mentions,
            relations,
            quotes,
        })
    }

    /// How independently the corpus reports one relation claim (subject, type, object,
    /// negated), as `isnad entity` shows it; `None` before stories were computed.
    pub fn relation_corroboration(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
    ) -> Result<Option<CorroborationRow>> {
        self.corroboration("relation", &relation_key(subject, kind, object, negated))
    }
}
