//! Stories and corroboration, recomputed over the whole corpus after each ingest.
//!
//! Both are corpus-wide properties (a new article can join two stories, or reveal that three
//! outlets copied one), so they are rebuilt from the store rather than patched.

use crate::error::Result;
use crate::Corpus;
use isnad_stories::{
    corroborate, group_stories, near_duplicates, signature, Report, StoryConfig, StoryDoc,
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
    rowid: i64,
    id: String,
    outlet: Option<String>,
    published: Option<String>,
    title: Option<String>,
    text: String,
}

impl Corpus {
    /// Regroups all documents into stories and recounts corroboration for every relation and
    /// quote; replaces what was stored.
    pub fn recompute_stories(&mut self) -> Result<()> {
        let conn = &self.store.conn;
        let err = |e| crate::store::store_err(&self.store.path, e);
        let docs: Vec<DocRow> = self.store.collect_rows(
            "SELECT rowid, id, outlet, published, title, text FROM documents ORDER BY rowid",
            |r| {
                Ok(DocRow {
                    rowid: r.get(0)?,
                    id: r.get(1)?,
                    outlet: r.get(2)?,
                    published: r.get(3)?,
                    title: r.get(4)?,
                    text: r.get(5)?,
                })
            },
        )?;
        let mut actors: HashMap<i64, Vec<String>> = HashMap::new();
        {
            let mut stmt = conn
                .prepare("SELECT doc, entity FROM doc_entities")
                .map_err(err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
                .map_err(err)?;
            for row in rows {
                let (doc, entity) = row.map_err(err)?;
                actors.entry(doc).or_default().push(format!("e{entity}"));
            }
        }
        let mut quotes: HashMap<i64, Vec<String>> = HashMap::new();
        {
            let mut stmt = conn.prepare("SELECT doc, text FROM quotes").map_err(err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                .map_err(err)?;
            for row in rows {
                let (doc, text) = row.map_err(err)?;
                quotes.entry(doc).or_default().push(text);
            }
        }
        let story_docs: Vec<StoryDoc> = docs
            .iter()
            .map(|d| StoryDoc {
                id: d.id.clone(),
                outlet: d.outlet.clone(),
                published: d.published.clone(),
                title: d.title.clone(),
                text: d.text.clone(),
                actors: actors.remove(&d.rowid).unwrap_or_default(),
                quotes: quotes.remove(&d.rowid).unwrap_or_default(),
            })
            .collect();
        let stories = group_stories(&story_docs, &StoryConfig::default());
        drop(story_docs);
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
        tx.execute("DELETE FROM stories", []).map_err(err)?;
        tx.execute("DELETE FROM corroboration", []).map_err(err)?;
        {
            let mut insert = tx
                .prepare("INSERT INTO stories(id, title, docs, size) VALUES (?1, ?2, ?3, ?4)")
                .map_err(err)?;
            for s in &stories {
                let docs = serde_json::to_string(&s.doc_ids).unwrap_or_else(|_| "[]".into());
                insert
                    .execute(params![s.id, s.title, docs, s.doc_ids.len() as i64])
                    .map_err(err)?;
            }
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

    /// All stories, largest first (ties by id), as the CONTRACT prints them.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        self.store.collect_rows(
            "SELECT id, title, docs FROM stories ORDER BY size DESC, id",
            |r| {
                let docs: String = r.get(2)?;
                Ok(StoryRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    doc_ids: serde_json::from_str(&docs).unwrap_or_default(),
                })
            },
        )
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
