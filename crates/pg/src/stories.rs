//! Stories and corroboration in PostgreSQL: the embedded store's algorithm
//! ([`isnad_corpus::grouping`]) on this store's rows.
//!
//! Workers write documents concurrently; grouping is incremental and order-dependent, so it
//! runs in one transaction under an advisory lock: two groupings never interleave, and the
//! second sees the first's rows once the lock is its (READ COMMITTED reads each statement's
//! own snapshot). A grouping killed midway rolls back whole and the next one redoes it.

use crate::error::Result;
use crate::{Conn, PgStore};
use isnad_corpus::grouping::{
    self, ClaimInputs, MemberRow, QuoteClaim, RelationClaim, StoryInputs, StoryRecord,
};
use isnad_corpus::{quote_key, relation_key, CorroborationRow, StoryRow};
use isnad_stories::StoryDoc;
use postgres::Transaction;
use std::collections::HashMap;

/// The advisory lock key of story grouping (any fixed number: "story" in ASCII).
const STORIES_LOCK: i64 = 0x73_746f_7279;

/// What one grouping did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Grouped {
    /// Documents placed now.
    pub placed: usize,
    /// Whether every document was placed again from scratch (asked for, or a document was
    /// replaced since it was placed).
    pub rebuilt: bool,
    /// Claims whose corroboration was recounted (0 when nothing changed).
    pub claims: usize,
}

impl PgStore {
    /// Places the documents not yet in a story and recounts corroboration, waiting for a
    /// grouping in progress elsewhere to finish first; with `rebuild`, regroups everything.
    pub fn group_stories(&self, rebuild: bool) -> Result<Grouped> {
        let mut conn = self.checked()?;
        let mut tx = conn.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&STORIES_LOCK])?;
        let grouped = group(&mut tx, rebuild)?;
        tx.commit()?;
        Ok(grouped)
    }

    /// [`PgStore::group_stories`] unless another grouping holds the lock (then `None`: that
    /// one, or the next idle worker, places what is new). For idle workers.
    pub fn try_group_stories(&self) -> Result<Option<Grouped>> {
        let mut conn = self.checked()?;
        let mut tx = conn.transaction()?;
        let locked: bool = tx
            .query_one("SELECT pg_try_advisory_xact_lock($1)", &[&STORIES_LOCK])?
            .get(0);
        if !locked {
            return Ok(None);
        }
        let grouped = group(&mut tx, false)?;
        tx.commit()?;
        Ok(Some(grouped))
    }

    /// Documents stored but not yet placed in a story.
    pub fn ungrouped(&self) -> Result<i64> {
        Ok(self
            .checked()?
            .query_one(
                "SELECT COUNT(*) FROM documents d
                 WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.doc = d.id)",
                &[],
            )?
            .get(0))
    }
}

/// The grouping itself, inside the locked transaction.
fn group(tx: &mut Transaction<'_>, rebuild: bool) -> Result<Grouped> {
    let rebuild = rebuild || replaced(tx)?;
    if !rebuild && !has_ungrouped(tx)? {
        // Nothing new: an idle worker's poll costs one query.
        return Ok(Grouped::default());
    }
    let stored = if rebuild { None } else { load_index(tx)? };
    let rebuilt = stored.is_none();
    let mut index = match stored {
        Some(index) => index,
        None => grouping::new_index()?,
    };
    let (docs, hashes) = story_docs(tx, !rebuilt)?;
    let placed = grouping::place_documents(&mut index, &docs);
    if rebuilt {
        tx.batch_execute("DELETE FROM story_members; DELETE FROM stories")?;
    }
    let insert = tx.prepare(
        "INSERT INTO story_members(doc, hash, story, copy_of, title, features)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )?;
    for p in &placed {
        let hash = hashes.get(&p.doc).map_or("", String::as_str);
        tx.execute(
            &insert,
            &[
                &p.doc,
                &hash,
                &p.placement.story_id,
                &p.placement.copy_of,
                &p.title,
                &p.features,
            ],
        )?;
    }
    let upsert = tx.prepare(
        "INSERT INTO stories(id, title, docs, size) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, docs = EXCLUDED.docs,
             size = EXCLUDED.size",
    )?;
    for s in grouping::touched_stories(&index, &placed) {
        let size = i32::try_from(s.doc_ids.len()).unwrap_or(i32::MAX);
        tx.execute(&upsert, &[&s.id, &s.title, &s.doc_ids, &size])?;
    }
    let claims = recount(tx)?;
    Ok(Grouped {
        placed: placed.len(),
        rebuilt,
        claims,
    })
}

/// Whether a stored document is in no story yet.
fn has_ungrouped(tx: &mut Transaction<'_>) -> Result<bool> {
    Ok(tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM documents d
                 WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.doc = d.id))",
            &[],
        )?
        .get(0))
}

/// Whether a placed document was replaced (or is gone) since: then the stories start over.
fn replaced(tx: &mut Transaction<'_>) -> Result<bool> {
    Ok(tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM story_members m LEFT JOIN documents d ON d.id = m.doc
                 WHERE d.hash IS DISTINCT FROM m.hash)",
            &[],
        )?
        .get(0))
}

/// The stored index; `None` when its rows cannot continue (features of another version).
fn load_index(tx: &mut Transaction<'_>) -> Result<Option<isnad_stories::StoryIndex>> {
    let rows = tx
        .query(
            "SELECT doc, story, copy_of, title, features FROM story_members ORDER BY seq",
            &[],
        )?
        .into_iter()
        .map(|r| MemberRow {
            doc: r.get(0),
            story: r.get(1),
            copy_of: r.get(2),
            title: r.get(3),
            features: r.get(4),
        });
    Ok(grouping::restore_index(rows)?)
}

/// The documents as grouping reads them, in store order (with `only_new`, those not placed
/// yet), and each one's content hash.
fn story_docs(
    tx: &mut Transaction<'_>,
    only_new: bool,
) -> Result<(Vec<StoryDoc>, HashMap<String, String>)> {
    let filter = if only_new {
        "WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.doc = d.id)"
    } else {
        ""
    };
    let mut hashes = HashMap::new();
    let mut docs = Vec::new();
    let sql = format!(
        "SELECT d.rowid, d.id, d.outlet, d.published, d.title, d.text, d.hash FROM documents d
         {filter} ORDER BY d.rowid"
    );
    for r in tx.query(&sql, &[])? {
        let id: String = r.get(1);
        hashes.insert(id.clone(), r.get(6));
        let doc = StoryDoc {
            id,
            outlet: r.get(2),
            published: r.get(3),
            title: r.get(4),
            text: r.get(5),
            ..Default::default()
        };
        docs.push((r.get::<_, i64>(0), doc));
    }
    let joined = |table: &str, cols: &str| {
        format!("SELECT x.doc, {cols} FROM {table} x JOIN documents d ON d.rowid = x.doc {filter}")
    };
    let mut inputs = StoryInputs {
        docs,
        ..Default::default()
    };
    for r in tx.query(&joined("doc_entities", "x.entity"), &[])? {
        inputs.actors.push((r.get(0), r.get(1)));
    }
    for r in tx.query(&joined("quotes", "x.text"), &[])? {
        inputs.quotes.push((r.get(0), r.get(1)));
    }
    let rel = joined("relations", "x.subject, x.type, x.object, x.negated");
    for r in tx.query(&rel, &[])? {
        inputs
            .relations
            .push((r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)));
    }
    Ok((inputs.assemble(), hashes))
}

/// Recounts corroboration over the whole corpus; returns the claims counted.
fn recount(tx: &mut Transaction<'_>) -> Result<usize> {
    let mut inputs = ClaimInputs::default();
    for r in tx.query("SELECT id, outlet, text FROM documents ORDER BY rowid", &[])? {
        inputs.docs.push((r.get(0), r.get(1), r.get(2)));
    }
    for r in tx.query(
        "SELECT r.subject, r.type, r.object, r.negated, r.asserted_by, d.id
         FROM relations r JOIN documents d ON d.rowid = r.doc",
        &[],
    )? {
        inputs.relations.push(RelationClaim {
            subject: r.get(0),
            kind: r.get(1),
            object: r.get(2),
            negated: r.get(3),
            asserted_by: r.get(4),
            doc_id: r.get(5),
        });
    }
    for r in tx.query(
        "SELECT q.speaker, q.speaker_text, q.text, q.via::text, d.id
         FROM quotes q JOIN documents d ON d.rowid = q.doc",
        &[],
    )? {
        inputs.quotes.push(QuoteClaim {
            speaker: r.get(0),
            speaker_text: r.get(1),
            text: r.get(2),
            via: serde_json::from_str(r.get::<_, &str>(3)).unwrap_or_default(),
            doc_id: r.get(4),
        });
    }
    for r in tx.query("SELECT id, name FROM entities", &[])? {
        inputs
            .names
            .insert(format!("e{}", r.get::<_, i64>(0)), r.get(1));
    }
    let counted = grouping::count_corroboration(&inputs);
    tx.execute("DELETE FROM corroboration", &[])?;
    let insert = tx.prepare(
        "INSERT INTO corroboration(kind, key, reports, outlets, independent, upstreams, circular)
         VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7)",
    )?;
    for (kind, key, c) in &counted {
        let upstreams = serde_json::to_string(&c.upstreams)?;
        tx.execute(
            &insert,
            &[
                kind,
                key,
                &c.reports,
                &c.outlets,
                &c.independent_sources,
                &upstreams,
                &c.circular,
            ],
        )?;
    }
    Ok(counted.len())
}

/// All stories, as [`isnad_corpus::Corpus::stories`] lists them.
pub(crate) fn stories(conn: &mut Conn) -> Result<Vec<StoryRow>> {
    let stories = conn
        .query("SELECT id, title, docs FROM stories", &[])?
        .into_iter()
        .map(|r| StoryRecord {
            id: r.get(0),
            title: r.get(1),
            doc_ids: r.get(2),
        })
        .collect();
    let copies = conn
        .query(
            "SELECT story, doc, copy_of FROM story_members WHERE copy_of IS NOT NULL",
            &[],
        )?
        .into_iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    Ok(grouping::story_rows(stories, copies))
}

/// The stored corroboration of one claim (`relation` or `quote`, and its key).
pub(crate) fn corroboration(
    conn: &mut Conn,
    kind: &str,
    key: &str,
) -> Result<Option<CorroborationRow>> {
    let row = conn.query_opt(
        "SELECT reports, outlets, independent, upstreams::text, circular FROM corroboration
         WHERE kind = $1 AND key = $2",
        &[&kind, &key],
    )?;
    Ok(row.map(|r| CorroborationRow {
        reports: r.get(0),
        outlets: r.get(1),
        independent_sources: r.get(2),
        upstreams: serde_json::from_str(r.get::<_, &str>(3)).unwrap_or_default(),
        circular: r.get(4),
    }))
}

/// The corroboration of a relation claim.
pub(crate) fn relation_corroboration(
    conn: &mut Conn,
    subject: i64,
    kind: &str,
    object: i64,
    negated: bool,
) -> Result<Option<CorroborationRow>> {
    corroboration(
        conn,
        "relation",
        &relation_key(subject, kind, object, negated),
    )
}

/// The corroboration of a quote.
pub(crate) fn quote_corroboration(
    conn: &mut Conn,
    speaker: Option<i64>,
    speaker_text: &str,
    text: &str,
) -> Result<Option<CorroborationRow>> {
    corroboration(conn, "quote", &quote_key(speaker, speaker_text, text))
}
