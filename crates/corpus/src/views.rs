//! Read accessors for an interactive client (`isnad serve`): one document with everything
//! extracted from it, an entity by id, its neighbours, its timeline, the evidence of one
//! claim, and the claim table.
//!
//! The command line reports on an actor by name; a browser follows links, so these take the
//! store's ids and return rows with ids on both ends, so that every name on a page can be a
//! link. They only read.

use crate::error::Result;
use crate::stories::{relation_key, CorroborationRow};
use crate::Corpus;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A corpus entity as a link target: id, key, type and names.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRef {
    /// Corpus entity id.
    pub id: i64,
    /// Identity key (`kb:<id>` or `<TYPE>:<name key>`), stable across re-ingests.
    pub key: String,
    /// PER, ORG, LOC, MISC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Arabic name.
    pub name: String,
    /// English name.
    pub name_en: String,
}

/// One mention in a document.
#[derive(Debug, Clone, Serialize)]
pub struct MentionView {
    /// Start, code points.
    pub start: i64,
    /// End, code points, exclusive.
    pub end: i64,
    /// The words.
    pub text: String,
    /// The entity.
    pub entity: i64,
}

/// One relation as a document states it.
#[derive(Debug, Clone, Serialize)]
pub struct RelationView {
    /// Relation row id (changes when the document is re-ingested).
    pub id: i64,
    /// Subject entity.
    pub subject: i64,
    /// Relation type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Object entity.
    pub object: i64,
    /// The text says it did not happen.
    pub negated: bool,
    /// Who the text attributes it to.
    pub asserted_by: Option<i64>,
    /// The clause.
    pub evidence: String,
    /// Evidence start, code points.
    pub ev_start: i64,
    /// Evidence end, code points, exclusive.
    pub ev_end: i64,
    /// Extractor confidence, 0 to 1.
    pub confidence: f64,
}

/// One quote in a document.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    /// Quote row id.
    pub id: i64,
    /// The speaker entity, when named.
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

/// One document with everything extracted from it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Address it came from.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// The file it was read from.
    pub source: Option<String>,
    /// Words analyzed.
    pub words: i64,
    /// The story it belongs to.
    pub story: Option<String>,
    /// The text.
    pub text: String,
    /// Entities mentioned (and those the relations and quotes refer to).
    pub entities: Vec<EntityRef>,
    /// Mentions, by position.
    pub mentions: Vec<MentionView>,
    /// Relations, by evidence position.
    pub relations: Vec<RelationView>,
    /// Quotes, by position.
    pub quotes: Vec<QuoteView>,
}

/// A neighbour edge of an entity: one claim (subject, type, object, negated) with its count.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeView {
    /// Subject entity.
    pub subject: EntityRef,
    /// Relation type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Object entity.
    pub object: EntityRef,
    /// Reported as not having happened.
    pub negated: bool,
    /// Documents reporting it.
    pub documents: i64,
}

/// One report of a claim: where and in which words.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// The clause.
    pub evidence: String,
    /// Evidence start in the document, code points.
    pub ev_start: i64,
    /// Evidence end, code points, exclusive.
    pub ev_end: i64,
    /// Who the text attributes it to.
    pub asserted_by: Option<EntityRef>,
}

/// One row of the claim table: every report of (subject, type, object, negated).
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    /// Subject.
    pub subject: EntityRef,
    /// Relation type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Object.
    pub object: EntityRef,
    /// Reported as not having happened.
    pub negated: bool,
    /// Entities the reports attribute it to.
    pub asserted_by: Vec<EntityRef>,
    /// Documents reporting it.
    pub documents: i64,
    /// First publication date seen.
    pub first_seen: Option<String>,
    /// Last publication date seen.
    pub last_seen: Option<String>,
    /// How independently it is reported (outlets, independent sources, upstream chain).
    pub corroboration: Option<CorroborationRow>,
}

impl Corpus {
    /// Makes what other connections committed since the last reload (an ingest by another
    /// `Corpus` on the same directory) visible to this one's searches.
    pub fn refresh(&self) -> Result<()> {
        self.index.reload()
    }

    /// The entity with this store id.
    pub fn entity_ref(&self, id: i64) -> Result<Option<EntityRef>> {
        self.store
            .conn
            .prepare_cached("SELECT id, key, type, name, name_en FROM entities WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], entity_ref_row).optional())
            .map_err(|e| self.store.err(e))
    }

    /// The entity with this identity key (`kb:<id>`, `<TYPE>:<name key>`).
    pub fn entity_by_key(&self, key: &str) -> Result<Option<EntityRef>> {
        self.store
            .conn
            .prepare_cached("SELECT id, key, type, name, name_en FROM entities WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], entity_ref_row).optional())
            .map_err(|e| self.store.err(e))
    }

    /// One document with its mentions, relations and quotes, and every entity they refer to.
    pub fn document(&self, id: &str) -> Result<Option<DocumentView>> {
        let conn = &self.store.conn;
        let err = |e| self.store.err(e);
        let head = conn
            .prepare_cached(
                "SELECT rowid, id, title, url, outlet, published, source, words, text FROM documents WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        DocumentView {
                            id: r.get(1)?,
                            title: r.get(2)?,
                            url: r.get(3)?,
                            outlet: r.get(4)?,
                            published: r.get(5)?,
                            source: r.get(6)?,
                            words: r.get(7)?,
                            story: None,
                            text: r.get(8)?,
                            entities: Vec::new(),
                            mentions: Vec::new(),
                            relations: Vec::new(),
                            quotes: Vec::new(),
                        },
                    ))
                })
                .optional()
            })
            .map_err(err)?;
        let Some((rowid, mut doc)) = head else {
            return Ok(None);
        };
        let query = |sql: &str| conn.prepare_cached(sql).map_err(err);
        doc.mentions = query(
            "SELECT start, end, text, entity FROM mentions WHERE doc = ?1 ORDER BY start, end",
        )?
        .query_map([rowid], |r| {
            Ok(MentionView {
                start: r.get(0)?,
                end: r.get(1)?,
                text: r.get(2)?,
                entity: r.get(3)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(err)?;
        doc.relations = query(
            "SELECT id, subject, type, object, negated, asserted_by, evidence, ev_start, ev_end, confidence
             FROM relations WHERE doc = ?1 ORDER BY ev_start, ev_end, id",
        )?
        .query_map([rowid], |r| {
            Ok(RelationView {
                id: r.get(0)?,
                subject: r.get(1)?,
                kind: r.get(2)?,
                object: r.get(3)?,
                negated: r.get(4)?,
                asserted_by: r.get(5)?,
                evidence: r.get(6)?,
                ev_start: r.get(7)?,
                ev_end: r.get(8)?,
                confidence: r.get(9)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(err)?;
        doc.quotes = query(
            "SELECT id, speaker, speaker_text, cue, text, start, end, via FROM quotes WHERE doc = ?1 ORDER BY start, id",
        )?
        .query_map([rowid], |r| {
            let via: String = r.get(7)?;
            Ok(QuoteView {
                id: r.get(0)?,
                speaker: r.get(1)?,
                speaker_text: r.get(2)?,
                cue: r.get(3)?,
                text: r.get(4)?,
                start: r.get(5)?,
                end: r.get(6)?,
                via: serde_json::from_str(&via).unwrap_or_default(),
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(err)?;
        let mut ids: Vec<i64> = doc.mentions.iter().map(|m| m.entity).collect();
        for r in &doc.relations {
            ids.extend([r.subject, r.object]);
            ids.extend(r.asserted_by);
        }
        for q in &doc.quotes {
            ids.extend(q.speaker);
            ids.extend(q.via.iter().copied());
        }
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            doc.entities.extend(self.entity_ref(id)?);
        }
        doc.story = self.story_of(&doc.id)?;
        Ok(Some(doc))
    }

    /// The id of the story a document belongs to.
    pub fn story_of(&self, doc_id: &str) -> Result<Option<String>> {
        // Stories keep their members as a JSON array; the quoted id is what to look for.
        let needle = serde_json::to_string(doc_id).unwrap_or_default();
        self.store
            .conn
            .prepare_cached("SELECT id FROM stories WHERE instr(docs, ?1) > 0 LIMIT 1")
            .and_then(|mut s| s.query_row([needle], |r| r.get(0)).optional())
            .map_err(|e| self.store.err(e))
    }

    /// The claims an entity takes part in, as subject or object, most reported first.
    pub fn entity_edges(&self, id: i64, limit: usize) -> Result<Vec<EdgeView>> {
        let rows: Vec<(i64, String, i64, bool, i64)> = self
            .store
            .conn
            .prepare_cached(
                "SELECT subject, type, object, negated, COUNT(DISTINCT doc) AS n FROM relations
                 WHERE subject = ?1 OR object = ?1 GROUP BY subject, type, object, negated
                 ORDER BY n DESC, type, subject, object LIMIT ?2",
            )
            .and_then(|mut s| {
                s.query_map(params![id, limit as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?
                .collect()
            })
            .map_err(|e| self.store.err(e))?;
        let mut edges = Vec::with_capacity(rows.len());
        for (s, kind, o, negated, documents) in rows {
            let (Some(subject), Some(object)) = (self.entity_ref(s)?, self.entity_ref(o)?) else {
                continue;
            };
            edges.push(EdgeView {
                subject,
                kind,
                object,
                negated,
                documents,
            });
        }
        Ok(edges)
    }

    /// Documents mentioning an entity per publication day (`YYYY-MM-DD`), in date order;
    /// documents without a date are left out.
    pub fn entity_timeline(&self, id: i64) -> Result<Vec<(String, i64)>> {
        self.store
            .conn
            .prepare_cached(
                "SELECT substr(d.published, 1, 10) AS day, COUNT(DISTINCT d.rowid) FROM doc_entities e
                 JOIN documents d ON d.rowid = e.doc WHERE e.entity = ?1 AND d.published IS NOT NULL
                 GROUP BY day ORDER BY day",
            )
            .and_then(|mut s| {
                s.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(|e| self.store.err(e))
    }

    /// Every report of one claim, by date.
    pub fn claim_evidence(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
        limit: usize,
    ) -> Result<Vec<EvidenceView>> {
        type Row = (
            String,
            Option<String>,
            Option<String>,
            String,
            Option<i64>,
            i64,
            i64,
        );
        let rows: Vec<Row> = self
            .store
            .conn
            .prepare_cached(
                "SELECT d.id, d.outlet, d.published, r.evidence, r.asserted_by, r.ev_start, r.ev_end FROM relations r
                 JOIN documents d ON d.rowid = r.doc
                 WHERE r.subject = ?1 AND r.type = ?2 AND r.object = ?3 AND r.negated = ?4
                 ORDER BY d.published, d.id LIMIT ?5",
            )
            .and_then(|mut s| {
                s.query_map(params![subject, kind, object, negated, limit as i64], |r| r.try_into())?
                .collect()
            })
            .map_err(|e| self.store.err(e))?;
        let mut out = Vec::with_capacity(rows.len());
        for (doc_id, outlet, published, evidence, by, ev_start, ev_end) in rows {
            let asserted_by = match by {
                Some(b) => self.entity_ref(b)?,
                None => None,
            };
            out.push(EvidenceView {
                doc_id,
                outlet,
                published,
                evidence,
                ev_start,
                ev_end,
                asserted_by,
            });
        }
        Ok(out)
    }

    /// The claim table: every (subject, type, object, negated) the corpus reports, with its
    /// documents, dates, who asserts it and how independently, most reported first.
    pub fn claim_table(&self, limit: usize) -> Result<Vec<ClaimView>> {
        type Row = (
            i64,
            String,
            i64,
            bool,
            i64,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = self
            .store
            .conn
            .prepare_cached(
                "SELECT r.subject, r.type, r.object, r.negated, COUNT(DISTINCT r.doc) AS n,
                        MIN(d.published), MAX(d.published), group_concat(DISTINCT r.asserted_by)
                 FROM relations r JOIN documents d ON d.rowid = r.doc
                 GROUP BY r.subject, r.type, r.object, r.negated
                 ORDER BY n DESC, r.type, r.subject, r.object LIMIT ?1",
            )
            .and_then(|mut s| s.query_map([limit as i64], |r| r.try_into())?.collect())
            .map_err(|e| self.store.err(e))?;
        let mut claims = Vec::with_capacity(rows.len());
        for (s, kind, o, negated, documents, first_seen, last_seen, by) in rows {
            let (Some(subject), Some(object)) = (self.entity_ref(s)?, self.entity_ref(o)?) else {
                continue;
            };
            let mut asserted_by = Vec::new();
            for b in by.iter().flat_map(|b| b.split(',')) {
                if let Ok(b) = b.parse::<i64>() {
                    asserted_by.extend(self.entity_ref(b)?);
                }
            }
            let corroboration =
                self.corroboration("relation", &relation_key(s, &kind, o, negated))?;
            claims.push(ClaimView {
                subject,
                kind,
                object,
                negated,
                asserted_by,
                documents,
                first_seen,
                last_seen,
                corroboration,
            });
        }
        Ok(claims)
    }
}

impl Corpus {
    /// Over a set of documents: how many mention each entity, and how many state each relation
    /// type, most frequent first (the facets of a search).
    pub fn doc_facets(&self, doc_ids: &[String]) -> Result<Facets> {
        let err = |e| self.store.err(e);
        let mut entities: std::collections::HashMap<i64, i64> = Default::default();
        let mut types: std::collections::HashMap<String, i64> = Default::default();
        let conn = &self.store.conn;
        let mut rowid = conn
            .prepare_cached("SELECT rowid FROM documents WHERE id = ?1")
            .map_err(err)?;
        let mut ents = conn
            .prepare_cached("SELECT entity FROM doc_entities WHERE doc = ?1")
            .map_err(err)?;
        let mut rels = conn
            .prepare_cached("SELECT DISTINCT type FROM relations WHERE doc = ?1")
            .map_err(err)?;
        for id in doc_ids {
            let Some(doc): Option<i64> = rowid
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(err)?
            else {
                continue;
            };
            let mut seen = std::collections::HashSet::new();
            for e in ents.query_map([doc], |r| r.get::<_, i64>(0)).map_err(err)? {
                let e = e.map_err(err)?;
                if seen.insert(e) {
                    *entities.entry(e).or_default() += 1;
                }
            }
            for t in rels
                .query_map([doc], |r| r.get::<_, String>(0))
                .map_err(err)?
            {
                *types.entry(t.map_err(err)?).or_default() += 1;
            }
        }
        let mut entities: Vec<(i64, i64)> = entities.into_iter().collect();
        entities.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut out = Facets::default();
        for (id, n) in entities.into_iter().take(30) {
            out.entities.extend(self.entity_ref(id)?.map(|e| (e, n)));
        }
        out.relation_types = types.into_iter().collect();
        out.relation_types
            .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(out)
    }
}

/// Entity and relation-type counts over a set of documents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// Entities with the number of documents mentioning them (the 30 most frequent).
    pub entities: Vec<(EntityRef, i64)>,
    /// Relation types with the number of documents stating one.
    pub relation_types: Vec<(String, i64)>,
}

fn entity_ref_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntityRef> {
    Ok(EntityRef {
        id: r.get(0)?,
        key: r.get(1)?,
        kind: r.get(2)?,
        name: r.get(3)?,
        name_en: r.get(4)?,
    })
}
