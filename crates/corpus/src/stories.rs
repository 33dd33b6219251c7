//! Stories, grown as documents arrive, and corroboration, recounted after each ingest.
//!
//! The story index of `isnad-stories` is persisted row by row (`story_members`: each
//! document's features, story and copy link, in placement order): an ingest reloads it, places
//! the new documents and writes their rows and the stories they touched. Corroboration is a
//! corpus-wide count (a new article can reveal that three outlets copied one) and is recounted.

use crate::error::Result;
use crate::Corpus;
use isnad_stories::{
    arrival_order, corroborate, near_duplicates, signature, story_title, DocFeatures, Placement,
    Report, StoryDoc, StoryIndex,
};
use rayon::prelude::*;
use rusqlite::params;
use serde::Serialize;
use std::collections::HashMap;

/// Estimated Jaccard similarity of shingles above which one text counts as a copy of another.
const COPY_THRESHOLD: f32 = 0.7;

/// A story as the CONTRACT prints it.
#[derive(Debug, Clone, Serialize)]
pub struct StoryRow {
    /// Stable story id.
    pub id: String,
    /// Its documents.
    pub doc_ids: Vec<String>,
    /// A representative title.
    pub title: String,
    /// Members that nearly copy an earlier member: `[copy, original]`.
    pub copies: Vec<(String, String)>,
    /// Members that copy no other member.
    pub independent_reports: usize,
}

/// How independently a claim (relation or quote) is reported.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorroborationRow {
    /// Reports (documents) of the claim.
    pub reports: i64,
    /// Distinct outlets.
    pub outlets: i64,
    /// Independent sources after collapsing shared upstreams, quotes and copied texts.
    pub independent_sources: i64,
    /// Upstream sources named (corpus entity names).
    pub upstreams: Vec<String>,
    /// Several outlets, one source.
    pub circular: bool,
}

/// The corroboration key of a relation.
pub(crate) fn relation_key(subject: i64, kind: &str, object: i64, negated: bool) -> String {
    format!("{subject}|{kind}|{object}|{}", u8::from(negated))
}

/// The corroboration key of a quote: who said it and the beginning of what was said.
pub(crate) fn quote_key(speaker: Option<i64>, speaker_text: &str, text: &str) -> String {
    let who = speaker.map_or_else(
        || format!("t:{}", crate::names::name_key(speaker_text)),
        |s| s.to_string(),
    );
    let words: String = tantivy_arabic::term_key(text)
        .split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    format!("{who}|{words}")
}

struct DocRow {
    id: String,
    outlet: Option<String>,
    text: String,
}

fn model_err(e: isnad_stories::ModelError) -> crate::error::CorpusError {
    crate::error::CorpusError::Writer(format!("story model: {e}"))
}

impl Corpus {
    /// Places the documents not yet in a story (in date order, then ingest order) with the
    /// incremental story index reloaded from the store, then recounts corroboration. With
    /// `rebuild` (or when the store holds stories but no index rows, or index rows of an older
    /// feature version) every document is placed again from scratch, in the same order.
    pub fn update_stories(&mut self, rebuild: bool) -> Result<()> {
        let mut index = StoryIndex::embedded().map_err(model_err)?;
        let stored = if rebuild {
            None
        } else {
            self.load_story_index(&mut index)?
        };
        let rebuild = stored.is_none();
        if rebuild {
            index = StoryIndex::embedded().map_err(model_err)?;
        }
        let docs = self.story_docs(!rebuild)?;
        let mut placed: Vec<(String, Placement, String, Vec<u8>)> = Vec::new();
        for i in arrival_order(&docs) {
            let doc = &docs[i];
            let features = DocFeatures::of(doc);
            let bytes = features.to_bytes();
            let title = story_title(doc);
            let placement = index.insert_features(&doc.id, title.clone(), features);
            placed.push((doc.id.clone(), placement, title, bytes));
        }
        self.save_stories(&index, &placed, rebuild)?;
        self.recount_corroboration()
    }

    /// Regroups all documents into stories from scratch and recounts corroboration.
    pub fn recompute_stories(&mut self) -> Result<()> {
        self.update_stories(true)
    }

    /// Restores the stored index rows into `index`; `None` when they cannot continue (none
    /// while stories exist, or unreadable features).
    fn load_story_index(&self, index: &mut StoryIndex) -> Result<Option<()>> {
        type Row = (String, String, Option<String>, String, Vec<u8>);
        let rows: Vec<Row> = self.store.collect_rows(
            "SELECT doc, story, copy_of, title, features FROM story_members ORDER BY seq",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let stories: i64 = self
            .store
            .conn
            .query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0))
            .map_err(|e| crate::store::store_err(&self.store.path, e))?;
        if rows.is_empty() && stories > 0 {
            return Ok(None);
        }
        for (doc, story, copy_of, title, bytes) in rows {
            let Some(features) = DocFeatures::from_bytes(&bytes) else {
                return Ok(None);
            };
            index.restore(&doc, title, features, &story, copy_of.as_deref());
        }
        Ok(Some(()))
    }

    /// The documents as story grouping reads them (with their actors, quotes and relations),
    /// in ingest order; with `only_new`, those without a story yet.
    pub fn story_docs(&self, only_new: bool) -> Result<Vec<StoryDoc>> {
        let filter = if only_new {
            "WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.doc = d.id)"
        } else {
            ""
        };
        let mut docs: Vec<(i64, StoryDoc)> = self.store.collect_rows(
            &format!("SELECT d.rowid, d.id, d.outlet, d.published, d.title, d.text FROM documents d {filter} ORDER BY d.rowid"),
            |r| {
                Ok((
                    r.get(0)?,
                    StoryDoc {
                        id: r.get(1)?,
                        outlet: r.get(2)?,
                        published: r.get(3)?,
                        title: r.get(4)?,
                        text: r.get(5)?,
                        ..Default::default()
                    },
                ))
            },
        )?;
        let pos: HashMap<i64, usize> = docs.iter().enumerate().map(|(i, d)| (d.0, i)).collect();
        let joined = |table: &str, cols: &str| {
            format!(
                "SELECT x.doc, {cols} FROM {table} x JOIN documents d ON d.rowid = x.doc {filter}"
            )
        };
        let actors: Vec<(i64, i64)> = self
            .store
            .collect_rows(&joined("doc_entities", "x.entity"), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        for (doc, entity) in actors {
            if let Some(&i) = pos.get(&doc) {
                docs[i].1.actors.push(format!("e{entity}"));
            }
        }
        let quotes: Vec<(i64, String)> = self
            .store
            .collect_rows(&joined("quotes", "x.text"), |r| Ok((r.get(0)?, r.get(1)?)))?;
        for (doc, text) in quotes {
            if let Some(&i) = pos.get(&doc) {
                docs[i].1.quotes.push(text);
            }
        }
        type Rel = (i64, i64, String, i64, bool);
        let relations: Vec<Rel> = self.store.collect_rows(
            &joined("relations", "x.subject, x.type, x.object, x.negated"),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        for (doc, s, kind, o, neg) in relations {
            if let Some(&i) = pos.get(&doc) {
                docs[i].1.relations.push(relation_key(s, &kind, o, neg));
            }
        }
        Ok(docs.into_iter().map(|(_, d)| d).collect())
    }

    /// Writes the placed documents' index rows and the stories they touched (all stories
    /// after a rebuild) in one transaction.
    fn save_stories(
        &mut self,
        index: &StoryIndex,
        placed: &[(String, Placement, String, Vec<u8>)],
        rebuild: bool,
    ) -> Result<()> {
        let path = self.store.path.clone();
        let err = |e| crate::store::store_err(&path, e);
        let tx = self.store.conn.transaction().map_err(err)?;
        if rebuild {
            tx.execute("DELETE FROM story_members", []).map_err(err)?;
            tx.execute("DELETE FROM stories", []).map_err(err)?;
        }
        let mut touched: Vec<&str> = Vec::new();
        {
            let mut insert = tx
                .prepare("INSERT INTO story_members(doc, story, copy_of, title, features) VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(err)?;
            for (doc, p, title, bytes) in placed {
                insert
                    .execute(params![doc, p.story_id, p.copy_of, title, bytes])
                    .map_err(err)?;
                touched.push(&p.story_id);
            }
            touched.sort_unstable();
            touched.dedup();
            let mut upsert = tx
                .prepare(
                    "INSERT OR REPLACE INTO stories(id, title, docs, size) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            for doc in placed.iter().map(|p| p.0.as_str()) {
                let Some(s) = index.story_of(doc) else {
                    continue;
                };
                if touched.binary_search(&s.id.as_str()).is_err() {
                    continue;
                }
                touched.retain(|t| *t != s.id.as_str());
                let docs = serde_json::to_string(&s.doc_ids).unwrap_or_else(|_| "[]".into());
                upsert
                    .execute(params![s.id, s.title, docs, s.doc_ids.len() as i64])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        Ok(())
    }

    /// Recounts corroboration for every relation and quote; replaces what was stored.
    fn recount_corroboration(&mut self) -> Result<()> {
        let err = |e| crate::store::store_err(&self.store.path, e);
        let docs: Vec<DocRow> = self.store.collect_rows(
            "SELECT id, outlet, text FROM documents ORDER BY rowid",
            |r| {
                Ok(DocRow {
                    id: r.get(0)?,
                    outlet: r.get(1)?,
                    text: r.get(2)?,
                })
            },
        )?;
        let signatures: Vec<(String, isnad_stories::Signature)> = docs
            .par_iter()
            .map(|d| (d.id.clone(), signature(&d.text)))
            .collect();
        let copies = near_duplicates(&signatures, COPY_THRESHOLD);
        let outlet_of: HashMap<&str, &str> = docs
            .iter()
            .map(|d| (d.id.as_str(), d.outlet.as_deref().unwrap_or("")))
            .collect();
        let claims = self.claims(&outlet_of)?;
        let mut copies_of: HashMap<&str, Vec<(String, String)>> = HashMap::new();
        for (a, b, _) in &copies {
            copies_of
                .entry(a.as_str())
                .or_default()
                .push((a.clone(), b.clone()));
            copies_of
                .entry(b.as_str())
                .or_default()
                .push((a.clone(), b.clone()));
        }
        let names = self.entity_names()?;
        let counted: Vec<(String, String, CorroborationRow)> = claims
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
                    .map(|u| names.get(u).cloned().unwrap_or_else(|| u.clone()))
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

        let tx = self.store.conn.transaction().map_err(err)?;
        tx.execute("DELETE FROM corroboration", []).map_err(err)?;
        {
            let mut insert = tx
                .prepare("INSERT OR REPLACE INTO corroboration(kind, key, reports, outlets, independent, upstreams, circular) VALUES (?1,?2,?3,?4,?5,?6,?7)")
                .map_err(err)?;
            for (kind, key, c) in &counted {
                let upstreams = serde_json::to_string(&c.upstreams).unwrap_or_else(|_| "[]".into());
                insert
                    .execute(params![
                        kind,
                        key,
                        c.reports,
                        c.outlets,
                        c.independent_sources,
                        upstreams,
                        c.circular
                    ])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        Ok(())
    }

    /// Every relation and quote as reports, grouped by claim.
    fn claims(
        &self,
        outlet_of: &HashMap<&str, &str>,
    ) -> Result<HashMap<(String, String), Vec<Report>>> {
        let conn = &self.store.conn;
        let err = |e| crate::store::store_err(&self.store.path, e);
        let mut claims: HashMap<(String, String), Vec<Report>> = HashMap::new();
        let report = |doc: &str, via: Vec<String>, quote: Option<String>| Report {
            doc_id: doc.to_string(),
            outlet: outlet_of.get(doc).copied().unwrap_or("").to_string(),
            via,
            quote,
        };
        let mut stmt = conn
            .prepare("SELECT r.subject, r.type, r.object, r.negated, r.asserted_by, d.id FROM relations r JOIN documents d ON d.rowid = r.doc")
            .map_err(err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .map_err(err)?;
        for row in rows {
            let (s, kind, o, neg, by, doc) = row.map_err(err)?;
            let via = by.map(|b| vec![format!("e{b}")]).unwrap_or_default();
            claims
                .entry(("relation".into(), relation_key(s, &kind, o, neg)))
                .or_default()
                .push(report(&doc, via, None));
        }
        let mut stmt = conn
            .prepare("SELECT q.speaker, q.speaker_text, q.text, q.via, d.id FROM quotes q JOIN documents d ON d.rowid = q.doc")
            .map_err(err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(err)?;
        for row in rows {
            let (speaker, speaker_text, text, via, doc) = row.map_err(err)?;
            let via: Vec<i64> = serde_json::from_str(&via).unwrap_or_default();
            let via = via.into_iter().map(|v| format!("e{v}")).collect();
            claims
                .entry(("quote".into(), quote_key(speaker, &speaker_text, &text)))
                .or_default()
                .push(report(&doc, via, Some(text)));
        }
        Ok(claims)
    }

    /// `e<id>` → display name, for upstream lists.
    fn entity_names(&self) -> Result<HashMap<String, String>> {
        self.store
            .collect_rows("SELECT id, name FROM entities", |r| {
                Ok((format!("e{}", r.get::<_, i64>(0)?), r.get::<_, String>(1)?))
            })
    }

    /// All stories, largest first (ties by id), as the CONTRACT prints them, with which
    /// members copy which.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let mut stories: Vec<StoryRow> = self.store.collect_rows(
            "SELECT id, title, docs FROM stories ORDER BY size DESC, id",
            |r| {
                let docs: String = r.get(2)?;
                let doc_ids: Vec<String> = serde_json::from_str(&docs).unwrap_or_default();
                Ok(StoryRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    independent_reports: doc_ids.len(),
                    doc_ids,
                    copies: Vec::new(),
                })
            },
        )?;
        // A store written before the story index has no copy rows (and may lack the table).
        let copies: Vec<(String, String, String)> = self
            .store
            .collect_rows(
                "SELECT story, doc, copy_of FROM story_members WHERE copy_of IS NOT NULL ORDER BY doc",
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap_or_default();
        let pos: HashMap<String, usize> = stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        for (story, doc, original) in copies {
            if let Some(&i) = pos.get(&story) {
                stories[i].copies.push((doc, original));
                stories[i].independent_reports -= 1;
            }
        }
        Ok(stories)
    }

    /// The stored corroboration of one claim.
    pub(crate) fn corroboration(&self, kind: &str, key: &str) -> Result<Option<CorroborationRow>> {
        use rusqlite::OptionalExtension;
        let err = |e| crate::store::store_err(&self.store.path, e);
        self.store
            .conn
            .prepare_cached("SELECT reports, outlets, independent, upstreams, circular FROM corroboration WHERE kind = ?1 AND key = ?2")
            .map_err(err)?
            .query_row([kind, key], |r| {
                let upstreams: String = r.get(3)?;
                Ok(CorroborationRow {
                    reports: r.get(0)?,
                    outlets: r.get(1)?,
                    independent_sources: r.get(2)?,
                    upstreams: serde_json::from_str(&upstreams).unwrap_or_default(),
                    circular: r.get(4)?,
                })
            })
            .optional()
            .map_err(err)
    }
}
