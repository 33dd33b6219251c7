//! Curation: an analyst's corrections to what the models extracted, kept in the store.
//!
//! A decision names what it corrects by what survives a re-analysis — entity identity keys
//! (`kb:hamas`, `PER:<name key>`), document ids and character offsets — never by row ids,
//! which a re-ingest renumbers. Decisions live in the `curation` table of `isnad.sqlite`
//! (ingest never touches it) and are applied when the API reads ([`crate::apply`]), so a
//! correction outlives re-ingests and model changes. Undo marks a decision undone; the history
//! keeps it, with who made it and when.

use crate::error::ApiError;
use isnad_corpus::EntityRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use utoipa::ToSchema;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS curation(
    id INTEGER PRIMARY KEY, action TEXT NOT NULL, decision TEXT NOT NULL,
    author TEXT NOT NULL, at TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0
)";

/// Merges may chain (A into B, B into C); a longer chain than this is a cycle.
const MAX_CHAIN: usize = 32;

/// One correction.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Decision {
    /// `entity` and `into` are one actor: every read shows `into`.
    Merge {
        /// Identity key of the entity merged away.
        entity: String,
        /// Identity key of the entity that stays.
        into: String,
    },
    /// The entity has another type (PER, ORG, LOC, MISC).
    Retype {
        /// Identity key.
        entity: String,
        /// The right type.
        #[serde(rename = "type")]
        kind: String,
    },
    /// Another name of the entity (found by `GET /api/entity?name=`).
    Alias {
        /// Identity key.
        entity: String,
        /// The name.
        alias: String,
    },
    /// A span that is not a mention of an entity.
    RejectMention {
        /// Document id.
        doc: String,
        /// Start, code points.
        start: i64,
        /// End, code points, exclusive.
        end: i64,
    },
    /// A relation the document does not state.
    RejectRelation {
        /// Document id.
        doc: String,
        /// Subject identity key.
        subject: String,
        /// Relation type.
        #[serde(rename = "type")]
        kind: String,
        /// Object identity key.
        object: String,
        /// Evidence start, code points.
        ev_start: i64,
    },
    /// A quote that is not one (or not by that speaker).
    RejectQuote {
        /// Document id.
        doc: String,
        /// Start, code points.
        start: i64,
        /// End, code points, exclusive.
        end: i64,
    },
}

/// A stored decision with its history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DecisionRecord {
    /// Decision id (for undo).
    pub id: i64,
    /// The decision.
    pub decision: Decision,
    /// Who made it (as the client declared).
    pub author: String,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Undone.
    pub undone: bool,
}

/// The decisions in force, ready to apply.
#[derive(Debug, Default)]
pub struct Curation {
    merges: HashMap<String, String>,
    types: HashMap<String, String>,
    /// Curated aliases by identity key.
    pub aliases: HashMap<String, Vec<String>>,
    /// Entities by key, for every key a decision names (merge targets, retyped entities).
    refs: HashMap<String, EntityRef>,
    rejected_mentions: HashSet<(String, i64, i64)>,
    rejected_relations: HashSet<(String, String, String, String, i64)>,
    rejected_quotes: HashSet<(String, i64, i64)>,
}

impl Curation {
    /// The key an entity reads as after merges.
    pub fn resolve<'a>(&'a self, key: &'a str) -> &'a str {
        let mut key = key;
        for _ in 0..MAX_CHAIN {
            match self.merges.get(key) {
                Some(next) => key = next,
                None => break,
            }
        }
        key
    }

    /// The entity as reads show it: merged into its target, with its curated type.
    pub fn entity(&self, e: &EntityRef) -> EntityRef {
        let key = self.resolve(&e.key);
        let mut out = if key == e.key {
            e.clone()
        } else {
            self.refs.get(key).cloned().unwrap_or_else(|| e.clone())
        };
        if let Some(t) = self.types.get(&out.key) {
            out.kind = t.clone();
        }
        out
    }

    /// Keys merged (directly or through a chain) into `key`, `key` first.
    pub fn members(&self, key: &str) -> Vec<String> {
        let mut out = vec![key.to_string()];
        let mut merged: Vec<&String> = self
            .merges
            .keys()
            .filter(|k| self.resolve(k) == key)
            .collect();
        merged.sort();
        out.extend(merged.into_iter().cloned());
        out
    }

    /// Whether a mention was rejected.
    pub fn mention_rejected(&self, doc: &str, start: i64, end: i64) -> bool {
        self.rejected_mentions
            .contains(&(doc.to_string(), start, end))
    }

    /// Whether a quote was rejected.
    pub fn quote_rejected(&self, doc: &str, start: i64, end: i64) -> bool {
        self.rejected_quotes
            .contains(&(doc.to_string(), start, end))
    }

    /// Whether a relation was rejected (keys as stored, before merges).
    pub fn relation_rejected(
        &self,
        doc: &str,
        subject: &str,
        kind: &str,
        object: &str,
        ev_start: i64,
    ) -> bool {
        self.rejected_relations.contains(&(
            doc.to_string(),
            subject.to_string(),
            kind.to_string(),
            object.to_string(),
            ev_start,
        ))
    }

    /// Rejected relations of the claim (subject, type, object) after merges: how many
    /// documents to take off its count.
    pub fn rejected_reports(&self, subject: &str, kind: &str, object: &str) -> i64 {
        self.rejected_relations
            .iter()
            .filter(|(_, s, k, o, _)| {
                k == kind && self.resolve(s) == subject && self.resolve(o) == object
            })
            .count() as i64
    }

    /// Whether any decision is in force (reads skip the work when none is).
    pub fn is_empty(&self) -> bool {
        self.merges.is_empty()
            && self.types.is_empty()
            && self.aliases.is_empty()
            && self.rejected_mentions.is_empty()
            && self.rejected_relations.is_empty()
            && self.rejected_quotes.is_empty()
    }
}

/// The `curation` table, through its own connection to the store.
pub struct CurationStore {
    conn: Connection,
    cached: Option<Arc<Curation>>,
}

impl CurationStore {
    /// Opens the store's database and creates the table when absent.
    pub fn open(path: &Path) -> Result<CurationStore, ApiError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.execute_batch(SCHEMA)?;
        Ok(CurationStore { conn, cached: None })
    }

    /// The entity with this identity key.
    pub fn entity_by_key(&self, key: &str) -> Result<Option<EntityRef>, ApiError> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, key, type, name, name_en FROM entities WHERE key = ?1")?
            .query_row([key], |r| {
                Ok(EntityRef {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    kind: r.get(2)?,
                    name: r.get(3)?,
                    name_en: r.get(4)?,
                })
            })
            .optional()?)
    }

    /// Checks a decision against the store and the decisions in force, then records it.
    pub fn record(&mut self, decision: Decision, author: &str) -> Result<DecisionRecord, ApiError> {
        self.validate(&decision)?;
        let at = now_rfc3339();
        let json = serde_json::to_string(&decision)
            .map_err(|e| ApiError::internal(format!("encoding a decision: {e}")))?;
        self.conn.execute(
            "INSERT INTO curation(action, decision, author, at) VALUES (?1, ?2, ?3, ?4)",
            params![action_name(&decision), json, author, at],
        )?;
        self.cached = None;
        Ok(DecisionRecord {
            id: self.conn.last_insert_rowid(),
            decision,
            author: author.to_string(),
            at,
            undone: false,
        })
    }

    fn validate(&mut self, d: &Decision) -> Result<(), ApiError> {
        let known = |s: &Self, key: &str| -> Result<(), ApiError> {
            match s.entity_by_key(key)? {
                Some(_) => Ok(()),
                None => Err(ApiError::not_found(format!(
                    "no entity has the key {key:?}"
                ))),
            }
        };
        match d {
            Decision::Merge { entity, into } => {
                known(self, entity)?;
                known(self, into)?;
                let current = self.current()?;
                if current.resolve(into) == entity.as_str() || entity == into {
                    return Err(ApiError::bad_request(format!(
                        "merging {entity:?} into {into:?} would merge it into itself"
                    )));
                }
                if current.merges.contains_key(entity) {
                    return Err(ApiError::bad_request(format!(
                        "{entity:?} is already merged; undo that first"
                    )));
                }
            }
            Decision::Retype { entity, kind } => {
                known(self, entity)?;
                if !["PER", "ORG", "LOC", "MISC"].contains(&kind.as_str()) {
                    return Err(ApiError::bad_request(format!(
                        "unknown type {kind:?}: use PER, ORG, LOC or MISC"
                    )));
                }
            }
            Decision::Alias { entity, alias } => {
                known(self, entity)?;
                if alias.trim().is_empty() || alias.chars().count() > 200 {
                    return Err(ApiError::bad_request("an alias has 1 to 200 characters"));
                }
            }
            Decision::RejectMention { doc, start, end }
            | Decision::RejectQuote { doc, start, end } => {
                self.known_doc(doc)?;
                if start < &0 || end <= start {
                    return Err(ApiError::bad_request("start must be ≥ 0 and below end"));
                }
            }
            Decision::RejectRelation {
                doc,
                subject,
                object,
                ..
            } => {
                self.known_doc(doc)?;
                known(self, subject)?;
                known(self, object)?;
            }
        }
        Ok(())
    }

    fn known_doc(&self, id: &str) -> Result<(), ApiError> {
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT rowid FROM documents WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        match found {
            Some(_) => Ok(()),
            None => Err(ApiError::not_found(format!(
                "no document has the id {id:?}"
            ))),
        }
    }

    /// Marks a decision undone.
    pub fn undo(&mut self, id: i64) -> Result<DecisionRecord, ApiError> {
        let n = self.conn.execute(
            "UPDATE curation SET undone = 1 WHERE id = ?1 AND undone = 0",
            [id],
        )?;
        if n == 0 {
            return Err(ApiError::not_found(format!(
                "no decision {id} in force to undo"
            )));
        }
        self.cached = None;
        self.history(usize::MAX)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| ApiError::not_found(format!("no decision {id}")))
    }

    /// Every decision, newest first.
    pub fn history(&self, limit: usize) -> Result<Vec<DecisionRecord>, ApiError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, decision, author, at, undone FROM curation ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit.min(i64::MAX as usize) as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json, author, at, undone) = row?;
            // A row this build cannot read (written by a later one) is skipped, not fatal.
            if let Ok(decision) = serde_json::from_str(&json) {
                out.push(DecisionRecord {
                    id,
                    decision,
                    author,
                    at,
                    undone,
                });
            }
        }
        Ok(out)
    }

    /// The decisions in force (cached until the next write).
    pub fn current(&mut self) -> Result<Arc<Curation>, ApiError> {
        if let Some(c) = &self.cached {
            return Ok(c.clone());
        }
        let mut records = self.history(usize::MAX)?;
        records.reverse();
        let mut c = Curation::default();
        for r in records.into_iter().filter(|r| !r.undone) {
            match r.decision {
                Decision::Merge { entity, into } => {
                    c.merges.insert(entity, into);
                }
                Decision::Retype { entity, kind } => {
                    c.types.insert(entity, kind);
                }
                Decision::Alias { entity, alias } => {
                    c.aliases.entry(entity).or_default().push(alias)
                }
                Decision::RejectMention { doc, start, end } => {
                    c.rejected_mentions.insert((doc, start, end));
                }
                Decision::RejectQuote { doc, start, end } => {
                    c.rejected_quotes.insert((doc, start, end));
                }
                Decision::RejectRelation {
                    doc,
                    subject,
                    kind,
                    object,
                    ev_start,
                } => {
                    c.rejected_relations
                        .insert((doc, subject, kind, object, ev_start));
                }
            }
        }
        let keys: Vec<String> = c.merges.values().chain(c.types.keys()).cloned().collect();
        for key in keys {
            if let Some(e) = self.entity_by_key(&key)? {
                c.refs.insert(key, e);
            }
        }
        let c = Arc::new(c);
        self.cached = Some(c.clone());
        Ok(c)
    }

    /// The entity a curated alias names, if any (exact, case-insensitive).
    pub fn entity_by_alias(&mut self, name: &str) -> Result<Option<EntityRef>, ApiError> {
        let wanted = name.trim().to_lowercase();
        let current = self.current()?;
        let found = current.aliases.iter().find_map(|(key, aliases)| {
            aliases
                .iter()
                .any(|a| a.trim().to_lowercase() == wanted)
                .then(|| key.clone())
        });
        match found {
            Some(key) => self.entity_by_key(current.resolve(&key)),
            None => Ok(None),
        }
    }
}

fn action_name(d: &Decision) -> &'static str {
    match d {
        Decision::Merge { .. } => "merge",
        Decision::Retype { .. } => "retype",
        Decision::Alias { .. } => "alias",
        Decision::RejectMention { .. } => "reject_mention",
        Decision::RejectRelation { .. } => "reject_relation",
        Decision::RejectQuote { .. } => "reject_quote",
    }
}

/// The current UTC time as RFC 3339, without a date crate.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = isnad_corpus::ingest_day(std::time::SystemTime::now());
    let t = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", t / 3600, t / 60 % 60, t % 60)
}
