//! `isnad entity NAME`: everything the corpus knows about one actor.

use crate::error::Result;
use crate::names::{identity_key, is_arabic, name_key, name_skeleton};
use crate::stories::{quote_key, relation_key, CorroborationRow};
use crate::Corpus;
use isnad_doc::EntityType;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// How many evidence sentences are shown per relation.
const EVIDENCE_PER_RELATION: usize = 3;
/// How many quotes are listed.
const MAX_QUOTES: usize = 50;

/// The report on one corpus entity.
#[derive(Debug, Clone, Serialize)]
pub struct EntityReport {
    /// Corpus entity id.
    pub id: i64,
    /// PER, ORG, LOC...
    #[serde(rename = "type")]
    pub kind: String,
    /// Arabic name (as first seen).
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Knowledge-base id when linked.
    pub kb_id: Option<String>,
    /// Spellings seen in the corpus, most frequent first, with counts of documents.
    pub aliases: Vec<(String, i64)>,
    /// Documents mentioning it.
    pub documents: i64,
    /// First publication date seen.
    pub first_seen: Option<String>,
    /// Last publication date seen.
    pub last_seen: Option<String>,
    /// Relations it takes part in, grouped, most reported first.
    pub relations: Vec<RelationGroup>,
    /// Quotes it spoke.
    pub quotes: Vec<QuoteRow>,
}

/// One relation with how often the corpus reports it.
#[derive(Debug, Clone, Serialize)]
pub struct RelationGroup {
    /// Subject name.
    pub subject: String,
    /// Relation type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Object name.
    pub object: String,
    /// Reported as not having happened.
    pub negated: bool,
    /// Documents reporting it.
    pub count: i64,
    /// Example evidence: document id and the clause.
    pub evidence: Vec<(String, String)>,
    /// How independently it is reported.
    pub corroboration: Option<CorroborationRow>,
}

/// A quote the entity spoke.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    /// The document.
    pub doc_id: String,
    /// Its date.
    pub date: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// The cue («قال»).
    pub cue: String,
    /// The words.
    pub text: String,
    /// Who the words passed through.
    pub via: Vec<String>,
    /// How independently it is reported.
    pub corroboration: Option<CorroborationRow>,
}

impl Corpus {
    /// Finds the corpus entity a user means by `name` (Arabic or English, any spelling):
    /// by knowledge-base name, by normalized key, by an alias seen, by English name, then by
    /// consonant skeleton; the most documented candidate wins.
    pub fn find_entity(&self, name: &str) -> Result<Option<i64>> {
        self.find_entity_in(name, true)
    }

    /// [`Corpus::find_entity`]; without `fuzzy`, a Latin name must be a knowledge-base name,
    /// an English name or an alias as written, never a mere consonant skeleton (a search
    /// word «and» must not become the actor «Hind»).
    pub(crate) fn find_entity_in(&self, name: &str, fuzzy: bool) -> Result<Option<i64>> {
        let conn = &self.store.conn;
        let err = |e| crate::store::store_err(&self.store.path, e);
        let key = name_key(name);
        if key.is_empty() {
            return Ok(None);
        }
        let mut candidates: Vec<i64> = Vec::new();
        let collect = |candidates: &mut Vec<i64>, sql: &str, arg: &str| -> Result<()> {
            let mut stmt = conn.prepare_cached(sql).map_err(err)?;
            let rows = stmt.query_map([arg], |r| r.get::<_, i64>(0)).map_err(err)?;
            for row in rows {
                candidates.push(row.map_err(err)?);
            }
            Ok(())
        };
        for entry in isnad_kb::Kb::builtin().lookup(name) {
            collect(
                &mut candidates,
                "SELECT id FROM entities WHERE kb_id = ?1",
                &entry.id,
            )?;
        }
        // Entities are keyed by type and name; the user names no type, so try each.
        for kind in [
            EntityType::Per,
            EntityType::Org,
            EntityType::Loc,
            EntityType::Misc,
        ] {
            collect(
                &mut candidates,
                "SELECT id FROM entities WHERE key = ?1",
                &identity_key(None, kind, name),
            )?;
        }
        collect(
            &mut candidates,
            "SELECT entity FROM aliases WHERE key = ?1",
            &key,
        )?;
        if !name.chars().any(is_arabic) {
            collect(
                &mut candidates,
                "SELECT id FROM entities WHERE name_en = ?1 COLLATE NOCASE",
                name.trim(),
            )?;
            if fuzzy && candidates.is_empty() {
                collect(
                    &mut candidates,
                    "SELECT id FROM entities WHERE skeleton = ?1",
                    &name_skeleton(name),
                )?;
            }
            if fuzzy && candidates.is_empty() {
                // «Baghdadi» for «Abu Bakr al-Baghdadi»: the skeleton's last word.
                let skeleton = name_skeleton(name);
                if !skeleton.is_empty() {
                    collect(
                        &mut candidates,
                        "SELECT id FROM entities WHERE skeleton LIKE ?1",
                        &format!("% {skeleton}"),
                    )?;
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(i64, i64)> = None;
        for id in candidates {
            let docs = self.entity_doc_count(id)?;
            if best.is_none_or(|(_, d)| docs > d) {
                best = Some((id, docs));
            }
        }
        Ok(best.map(|(id, _)| id))
    }

    fn entity_doc_count(&self, id: i64) -> Result<i64> {
        self.store
            .conn
            .prepare_cached("SELECT COUNT(DISTINCT doc) FROM doc_entities WHERE entity = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)))
            .map_err(|e| self.store.err(e))
    }

    /// The report on the entity `name` designates, if the corpus has one.
    pub fn entity(&self, name: &str) -> Result<Option<EntityReport>> {
        match self.find_entity(name)? {
            Some(id) => self.entity_by_id(id),
            None => Ok(None),
        }
    }

    /// The report on the corpus entity with this store id (what a link in a client follows).
    pub fn entity_by_id(&self, id: i64) -> Result<Option<EntityReport>> {
        let conn = &self.store.conn;
        let err = |e| crate::store::store_err(&self.store.path, e);
        let head: Option<(String, String, String, Option<String>)> = conn
            .query_row(
                "SELECT type, name, name_en, kb_id FROM entities WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(err)?;
        let Some((kind, ename, name_en, kb_id)) = head else {
            return Ok(None);
        };
        let aliases: Vec<(String, i64)> = {
            let mut stmt = conn
                .prepare("SELECT alias, count FROM aliases WHERE entity = ?1 ORDER BY count DESC, alias LIMIT 30")
                .map_err(err)?;
            let rows = stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(err)?;
            rows.collect::<rusqlite::Result<_>>().map_err(err)?
        };
        let (documents, first_seen, last_seen): (i64, Option<String>, Option<String>) = conn
            .query_row(
                "SELECT COUNT(DISTINCT d.rowid), MIN(d.published), MAX(d.published) FROM doc_entities e JOIN documents d ON d.rowid = e.doc WHERE e.entity = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(err)?;
        let mut relations: Vec<RelationGroup> = Vec::new();
        {
            let mut stmt = conn
                .prepare(
                    "SELECT r.subject, s.name, r.type, r.object, o.name, r.negated, COUNT(DISTINCT r.doc) AS n
                     FROM relations r JOIN entities s ON s.id = r.subject JOIN entities o ON o.id = r.object
                     WHERE r.subject = ?1 OR r.object = ?1
                     GROUP BY r.subject, r.type, r.object, r.negated ORDER BY n DESC LIMIT 50",
                )
                .map_err(err)?;
            let rows = stmt
                .query_map([id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, bool>(5)?,
                        r.get::<_, i64>(6)?,
                    ))
                })
                .map_err(err)?;
            let rows: Vec<_> = rows.collect::<rusqlite::Result<_>>().map_err(err)?;
            let mut evidence = conn
                .prepare(
                    "SELECT d.id, r.evidence FROM relations r JOIN documents d ON d.rowid = r.doc
                     WHERE r.subject = ?1 AND r.type = ?2 AND r.object = ?3 AND r.negated = ?4 LIMIT ?5",
                )
                .map_err(err)?;
            for (s, sname, kind, o, oname, negated, count) in rows {
                let ev = evidence
                    .query_map(
                        params![s, kind, o, negated, EVIDENCE_PER_RELATION as i64],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .map_err(err)?
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map_err(err)?;
                let corroboration =
                    self.corroboration("relation", &relation_key(s, &kind, o, negated))?;
                relations.push(RelationGroup {
                    subject: sname,
                    kind,
                    object: oname,
                    negated,
                    count,
                    evidence: ev,
                    corroboration,
                });
            }
        }
        let mut quotes = Vec::new();
        {
            let mut stmt = conn
                .prepare(
                    "SELECT d.id, d.published, d.outlet, q.cue, q.text, q.via, q.speaker_text FROM quotes q JOIN documents d ON d.rowid = q.doc
                     WHERE q.speaker = ?1 ORDER BY d.published, d.id LIMIT ?2",
                )
                .map_err(err)?;
            let rows = stmt
                .query_map(params![id, MAX_QUOTES as i64], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                    ))
                })
                .map_err(err)?;
            let rows: Vec<_> = rows.collect::<rusqlite::Result<_>>().map_err(err)?;
            for (doc_id, date, outlet, cue, text, via, speaker_text) in rows {
                let via_ids: Vec<i64> = serde_json::from_str(&via).unwrap_or_default();
                let mut via_names = Vec::new();
                for v in via_ids {
                    let n: Option<String> = conn
                        .query_row("SELECT name FROM entities WHERE id = ?1", [v], |r| r.get(0))
                        .optional()
                        .map_err(err)?;
                    via_names.extend(n);
                }
                let corroboration =
                    self.corroboration("quote", &quote_key(Some(id), &speaker_text, &text))?;
                quotes.push(QuoteRow {
                    doc_id,
                    date,
                    outlet,
                    cue,
                    text,
                    via: via_names,
                    corroboration,
                });
            }
        }
        Ok(Some(EntityReport {
            id,
            kind,
            name: ename,
            name_en,
            kb_id,
            aliases,
            documents,
            first_seen,
            last_seen,
            relations,
            quotes,
        }))
    }
}
