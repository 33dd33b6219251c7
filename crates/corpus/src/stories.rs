//! Stories, grown as documents arrive, and corroboration, recounted after each ingest.
//!
//! The story index of `isnad-stories` is persisted row by row (`story_members`: each
//! document's features, story and copy link, in placement order): an ingest reloads it, places
//! the new documents and writes their rows and the stories they touched. Corroboration is a
//! corpus-wide count (a new article can reveal that three outlets copied one) and is recounted.

use crate::error::Result;
use crate::grouping::{
    self, ClaimInputs, MemberRow, Placed, QuoteClaim, RelationClaim, StoryInputs, StoryRecord,
};
use crate::Corpus;
use isnad_stories::{StoryDoc, StoryIndex};
use rusqlite::params;
use serde::Serialize;

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
pub fn relation_key(subject: i64, kind: &str, object: i64, negated: bool) -> String {
    format!("{subject}|{kind}|{object}|{}", u8::from(negated))
}

/// The corroboration key of a quote: who said it and the beginning of what was said.
pub fn quote_key(speaker: Option<i64>, speaker_text: &str, text: &str) -> String {
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

impl Corpus {
    /// Places the documents not yet in a story (in date order, then ingest order) with the
    /// incremental story index reloaded from the store, then recounts corroboration. With
    /// `rebuild` (or when the store holds stories but no index rows, or index rows of an older
    /// feature version) every document is placed again from scratch, in the same order.
    pub fn update_stories(&mut self, rebuild: bool) -> Result<()> {
        let stored = if rebuild {
            None
        } else {
            self.load_story_index()?
        };
        let rebuild = stored.is_none();
        let mut index = match stored {
            Some(index) => index,
            None => grouping::new_index()?,
        };
        let docs = self.story_docs(!rebuild)?;
        let placed = grouping::place_documents(&mut index, &docs);
        self.save_stories(&index, &placed, rebuild)?;
        self.recount_corroboration()
    }

    /// Regroups all documents into stories from scratch and recounts corroboration.
    pub fn recompute_stories(&mut self) -> Result<()> {
        self.update_stories(true)
    }

    /// The index the stored rows describe; `None` when they cannot continue (none while
    /// stories exist, or unreadable features).
    fn load_story_index(&self) -> Result<Option<StoryIndex>> {
        let rows: Vec<MemberRow> = self.store.collect_rows(
            "SELECT doc, story, copy_of, title, features FROM story_members ORDER BY seq",
            |r| {
                Ok(MemberRow {
                    doc: r.get(0)?,
                    story: r.get(1)?,
                    copy_of: r.get(2)?,
                    title: r.get(3)?,
                    features: r.get(4)?,
                })
            },
        )?;
        let stories: i64 = self
            .store
            .conn
            .query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0))
            .map_err(|e| crate::store::store_err(&self.store.path, e))?;
        if rows.is_empty() && stories > 0 {
            return Ok(None);
        }
        grouping::restore_index(rows)
    }

    /// The documents as story grouping reads them (with their actors, quotes and relations),
    /// in ingest order; with `only_new`, those without a story yet.
    pub fn story_docs(&self, only_new: bool) -> Result<Vec<StoryDoc>> {
        let filter = if only_new {
            "WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.doc = d.id)"
        } else {
            ""
        };
        let docs = self.store.collect_rows(
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
        let joined = |table: &str, cols: &str| {
            format!(
                "SELECT x.doc, {cols} FROM {table} x JOIN documents d ON d.rowid = x.doc {filter}"
            )
        };
        let inputs = StoryInputs {
            docs,
            actors: self
                .store
                .collect_rows(&joined("doc_entities", "x.entity"), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?,
            quotes: self
                .store
                .collect_rows(&joined("quotes", "x.text"), |r| Ok((r.get(0)?, r.get(1)?)))?,
            relations: self.store.collect_rows(
                &joined("relations", "x.subject, x.type, x.object, x.negated"),
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?,
        };
        Ok(inputs.assemble())
    }

    /// Writes the placed documents' index rows and the stories they touched (all stories
    /// after a rebuild) in one transaction.
    fn save_stories(&mut self, index: &StoryIndex, placed: &[Placed], rebuild: bool) -> Result<()> {
        let path = self.store.path.clone();
        let err = |e| crate::store::store_err(&path, e);
        let tx = self.store.conn.transaction().map_err(err)?;
        if rebuild {
            tx.execute("DELETE FROM story_members", []).map_err(err)?;
            tx.execute("DELETE FROM stories", []).map_err(err)?;
        }
        {
            let mut insert = tx
                .prepare("INSERT INTO story_members(doc, story, copy_of, title, features) VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(err)?;
            for p in placed {
                insert
                    .execute(params![
                        p.doc,
                        p.placement.story_id,
                        p.placement.copy_of,
                        p.title,
                        p.features
                    ])
                    .map_err(err)?;
            }
            let mut upsert = tx
                .prepare(
                    "INSERT OR REPLACE INTO stories(id, title, docs, size) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            for s in grouping::touched_stories(index, placed) {
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
        let inputs = self.claim_inputs()?;
        let counted = grouping::count_corroboration(&inputs);
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

    /// Every document, relation and quote, and the entity names, as corroboration reads them.
    fn claim_inputs(&self) -> Result<ClaimInputs> {
        let docs = self.store.collect_rows(
            "SELECT id, outlet, text FROM documents ORDER BY rowid",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let relations = self.store.collect_rows(
            "SELECT r.subject, r.type, r.object, r.negated, r.asserted_by, d.id FROM relations r JOIN documents d ON d.rowid = r.doc",
            |r| {
                Ok(RelationClaim {
                    subject: r.get(0)?,
                    kind: r.get(1)?,
                    object: r.get(2)?,
                    negated: r.get(3)?,
                    asserted_by: r.get(4)?,
                    doc_id: r.get(5)?,
                })
            },
        )?;
        let quotes = self.store.collect_rows(
            "SELECT q.speaker, q.speaker_text, q.text, q.via, d.id FROM quotes q JOIN documents d ON d.rowid = q.doc",
            |r| {
                let via: String = r.get(3)?;
                Ok(QuoteClaim {
                    speaker: r.get(0)?,
                    speaker_text: r.get(1)?,
                    text: r.get(2)?,
                    via: serde_json::from_str(&via).unwrap_or_default(),
                    doc_id: r.get(4)?,
                })
            },
        )?;
        let names = self
            .store
            .collect_rows("SELECT id, name FROM entities", |r| {
                Ok((format!("e{}", r.get::<_, i64>(0)?), r.get::<_, String>(1)?))
            })?;
        Ok(ClaimInputs {
            docs,
            relations,
            quotes,
            names,
        })
    }

    /// All stories, largest first (ties by id), as the CONTRACT prints them, with which
    /// members copy which.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let stories: Vec<StoryRecord> =
            self.store
                .collect_rows("SELECT id, title, docs FROM stories", |r| {
                    let docs: String = r.get(2)?;
                    Ok(StoryRecord {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        doc_ids: serde_json::from_str(&docs).unwrap_or_default(),
                    })
                })?;
        // A store written before the story index has no copy rows (and may lack the table).
        let copies: Vec<(String, String, String)> = self
            .store
            .collect_rows(
                "SELECT story, doc, copy_of FROM story_members WHERE copy_of IS NOT NULL",
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap_or_default();
        Ok(grouping::story_rows(stories, copies))
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
