//! [`CorpusStore`] for PostgreSQL: put, search, find an actor, overview, every row.
//!
//! The answers follow the embedded store's (`isnad-corpus`): same identity keys, same alias
//! keys, same query language, same record order (ids in byte order, `COLLATE "C"`).

use crate::error::{PgError, Result};
use crate::search::{compile, hit, nothing};
use crate::write::{day_of, write_doc};
use crate::{views, Conn, PgStore};
use isnad_analysis::Analysis;
use isnad_corpus::{
    content_hash, identity_key, name_key, name_skeleton, ClaimView, CorpusStore, CorroborationRow,
    DocumentRecord, DocumentView, EdgeView, EntityRecord, EntityRef, EntityReport, EvidenceView,
    Facets, Hit, MentionRecord, Put, QuoteRecord, Records, RelationRecord, SearchQuery, Stats,
    StoryRow,
};
use isnad_doc::EntityType;
use isnad_ingest::RawDoc;
use postgres::types::ToSql;
use std::collections::HashMap;

type Params = Vec<Box<dyn ToSql + Sync>>;

impl CorpusStore for PgStore {
    type Error = PgError;

    fn put(&mut self, raw: &RawDoc, analysis: &Analysis) -> Result<Put> {
        let mut conn = self.checked()?;
        let mut tx = conn.transaction()?;
        let put = write_doc(&mut tx, raw, analysis, &content_hash(raw))?;
        tx.commit()?;
        Ok(put)
    }

    fn search(&self, q: &SearchQuery) -> Result<Vec<Hit>> {
        let mut conn = self.checked()?;
        let compiled = compile(&q.text, &mut |word| latin_names(&mut conn, word))?;
        let mut params: Params = Vec::new();
        let mut filters: Vec<String> = Vec::new();
        let score = match &compiled.tsquery {
            Some(tsquery) => {
                params.push(Box::new(tsquery.clone()));
                filters.push("search @@ $1::text::tsquery".into());
                "ts_rank(search, $1::text::tsquery)"
            }
            None => "0::real",
        };
        let mut entities = compiled.entities.clone();
        if let Some(name) = &q.entity {
            entities.push((name.clone(), false));
        }
        for (name, exclude) in entities {
            let id = find(&mut conn, &name, true)?
                .ok_or_else(|| PgError::Query(format!("no entity named {name:?} in the corpus")))?;
            params.push(Box::new(id));
            let not = if exclude { "NOT " } else { "" };
            filters.push(format!(
                "rowid {not}IN (SELECT doc FROM doc_entities WHERE entity = ${})",
                params.len()
            ));
        }
        for (day, op) in [(&q.from, ">="), (&q.to, "<=")] {
            if let Some(day) = day {
                let valid = day_of(Some(day))
                    .ok_or_else(|| PgError::Query(format!("{day:?} is not a date (YYYY-MM-DD)")))?;
                params.push(Box::new(valid));
                filters.push(format!("published_day {op} ${}::text::date", params.len()));
            }
        }
        if filters.is_empty() {
            return Err(nothing());
        }
        if q.limit == 0 {
            return Ok(Vec::new());
        }
        params.push(Box::new(i64::try_from(q.limit).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT id, title, outlet, published, {score}::real, text FROM documents
             WHERE {} ORDER BY 5 DESC, id COLLATE \"C\" LIMIT ${}",
            filters.join(" AND "),
            params.len()
        );
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
        let rows = conn.query(&sql, &refs)?;
        Ok(rows.iter().map(|r| hit(r, &compiled.keys)).collect())
    }

    fn find_entity(&self, name: &str) -> Result<Option<i64>> {
        find(&mut self.checked()?, name, true)
    }

    fn entity_report(&self, name: &str) -> Result<Option<EntityReport>> {
        let mut conn = self.checked()?;
        match find(&mut conn, name, true)? {
            Some(id) => crate::entity::report(&mut conn, id),
            None => Ok(None),
        }
    }

    fn overview(&self) -> Result<Stats> {
        let mut conn = self.checked()?;
        let count = |conn: &mut Conn, sql: &str| -> Result<i64> {
            Ok(conn
                .query_one(sql, &[])?
                .get::<_, Option<i64>>(0)
                .unwrap_or(0))
        };
        let documents = count(&mut conn, "SELECT COUNT(*) FROM documents")?;
        let dates = conn.query_one("SELECT MIN(published), MAX(published) FROM documents", &[])?;
        Ok(Stats {
            documents,
            // The GIN index is written in the document's transaction: always complete.
            indexed: documents as u64,
            words: count(&mut conn, "SELECT SUM(words)::bigint FROM documents")?,
            outlets: count(&mut conn, "SELECT COUNT(DISTINCT outlet) FROM documents")?,
            first_date: dates.get(0),
            last_date: dates.get(1),
            entities: count(&mut conn, "SELECT COUNT(*) FROM entities")?,
            relations: count(&mut conn, "SELECT COUNT(*) FROM relations")?,
            quotes: count(&mut conn, "SELECT COUNT(*) FROM quotes")?,
            stories: count(&mut conn, "SELECT COUNT(*) FROM stories")?,
            multi_document_stories: count(
                &mut conn,
                "SELECT COUNT(*) FROM stories WHERE size > 1",
            )?,
            circular_claims: count(
                &mut conn,
                "SELECT COUNT(*) FROM corroboration WHERE circular",
            )?,
            store_bytes: count(&mut conn, "SELECT pg_database_size(current_database())")? as u64,
            index_bytes: count(&mut conn, "SELECT pg_relation_size('documents_search')")? as u64,
        })
    }

    fn all_records(&self) -> Result<Records> {
        records(&mut self.checked()?)
    }

    fn update_stories(&mut self, rebuild: bool) -> Result<()> {
        self.group_stories(rebuild).map(|_| ())
    }

    fn stories(&self) -> Result<Vec<StoryRow>> {
        crate::stories::stories(&mut self.checked()?)
    }

    fn relation_corroboration(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
    ) -> Result<Option<CorroborationRow>> {
        let mut conn = self.checked()?;
        crate::stories::relation_corroboration(&mut conn, subject, kind, object, negated)
    }

    fn entity_ref(&self, id: i64) -> Result<Option<EntityRef>> {
        views::entity_ref(&mut self.checked()?, id)
    }

    fn entity_by_key(&self, key: &str) -> Result<Option<EntityRef>> {
        views::entity_by_key(&mut self.checked()?, key)
    }

    fn entity_report_by_id(&self, id: i64) -> Result<Option<EntityReport>> {
        self.entity_by_id(id)
    }

    fn document(&self, id: &str) -> Result<Option<DocumentView>> {
        views::document(&mut self.checked()?, id)
    }

    fn story_of(&self, doc_id: &str) -> Result<Option<String>> {
        views::story_of(&mut self.checked()?, doc_id)
    }

    fn entity_edges(&self, id: i64, limit: usize) -> Result<Vec<EdgeView>> {
        views::entity_edges(&mut self.checked()?, id, limit)
    }

    fn entity_timeline(&self, id: i64) -> Result<Vec<(String, i64)>> {
        views::entity_timeline(&mut self.checked()?, id)
    }

    fn claim_evidence(
        &self,
        subject: i64,
        kind: &str,
        object: i64,
        negated: bool,
        limit: usize,
    ) -> Result<Vec<EvidenceView>> {
        let claim = (subject, kind, object, negated);
        views::claim_evidence(&mut self.checked()?, claim, limit)
    }

    fn claim_table(&self, limit: usize) -> Result<Vec<ClaimView>> {
        views::claim_table(&mut self.checked()?, limit)
    }

    fn doc_facets(&self, doc_ids: &[String]) -> Result<Facets> {
        views::doc_facets(&mut self.checked()?, doc_ids)
    }
}

/// Candidate ids of one query with one text parameter, added to `out`.
fn collect(conn: &mut Conn, out: &mut Vec<i64>, sql: &str, arg: &str) -> Result<()> {
    for row in conn.query(sql, &[&arg])? {
        out.push(row.get(0));
    }
    Ok(())
}

/// The corpus entity `name` designates, as the embedded store finds it: knowledge-base
/// names, identity keys of each type, aliases as written; for Latin names the English name,
/// and when `fuzzy` the consonant skeleton. The candidate in most documents wins.
fn find(conn: &mut Conn, name: &str, fuzzy: bool) -> Result<Option<i64>> {
    let key = name_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    let mut candidates = Vec::new();
    for entry in isnad_kb::Kb::builtin().lookup(name) {
        let sql = "SELECT id FROM entities WHERE kb_id = $1";
        collect(conn, &mut candidates, sql, &entry.id)?;
    }
    for kind in [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ] {
        let sql = "SELECT id FROM entities WHERE key = $1";
        collect(conn, &mut candidates, sql, &identity_key(None, kind, name))?;
    }
    let sql = "SELECT DISTINCT entity FROM mentions WHERE key = $1";
    collect(conn, &mut candidates, sql, &key)?;
    if !name.chars().any(isnad_doc::is_arabic) {
        let sql = "SELECT id FROM entities WHERE lower(name_en) = lower($1)";
        collect(conn, &mut candidates, sql, name.trim())?;
        let skeleton = name_skeleton(name);
        if fuzzy && candidates.is_empty() && !skeleton.is_empty() {
            let sql = "SELECT id FROM entities WHERE skeleton = $1 OR skeleton LIKE '% ' || $1";
            collect(conn, &mut candidates, sql, &skeleton)?;
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    if candidates.is_empty() {
        return Ok(None);
    }
    let best = conn.query_opt(
        "SELECT entity FROM doc_entities WHERE entity = ANY($1) GROUP BY entity
         ORDER BY COUNT(DISTINCT doc) DESC, entity LIMIT 1",
        &[&candidates],
    )?;
    Ok(best.map(|r| r.get(0)).or(candidates.first().copied()))
}

/// The Arabic names a Latin search word stands for when it names a known actor exactly
/// (never by skeleton alone: «and» must not become «Hind»).
fn latin_names(conn: &mut Conn, word: &str) -> Result<Vec<String>> {
    let Some(id) = find(conn, word, false)? else {
        return Ok(Vec::new());
    };
    let row = conn.query_one("SELECT name, kb_id FROM entities WHERE id = $1", &[&id])?;
    let mut names = vec![row.get::<_, String>(0)];
    let kb: Option<String> = row.get(1);
    if let Some(entry) = kb.and_then(|k| isnad_kb::Kb::builtin().get(&k)) {
        if !names.contains(&entry.name_ar) {
            names.push(entry.name_ar.clone());
        }
    }
    Ok(names)
}

fn records(conn: &mut Conn) -> Result<Records> {
    let documents = conn
        .query(
            "SELECT rowid, id, title, url, outlet, published, source, text, words::bigint
             FROM documents ORDER BY id COLLATE \"C\"",
            &[],
        )?
        .iter()
        .map(|r| DocumentRecord {
            rowid: r.get(0),
            id: r.get(1),
            title: r.get(2),
            url: r.get(3),
            outlet: r.get(4),
            published: r.get(5),
            source: r.get(6),
            text: r.get(7),
            words: r.get(8),
        })
        .collect();
    let mut aliases: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
    for r in conn.query(
        "SELECT entity, text, COUNT(DISTINCT doc) FROM mentions GROUP BY entity, text
         ORDER BY entity, 3 DESC, text COLLATE \"C\"",
        &[],
    )? {
        aliases
            .entry(r.get(0))
            .or_default()
            .push((r.get(1), r.get(2)));
    }
    let entities = conn
        .query(
            "SELECT id, key, kb_id, type, name, name_en FROM entities ORDER BY key COLLATE \"C\"",
            &[],
        )?
        .iter()
        .map(|r| {
            let id = r.get(0);
            EntityRecord {
                id,
                key: r.get(1),
                kb_id: r.get(2),
                kind: r.get(3),
                name: r.get(4),
                name_en: r.get(5),
                aliases: aliases.remove(&id).unwrap_or_default(),
            }
        })
        .collect();
    let mentions = conn
        .query(
            "SELECT doc, entity, start_at::bigint, end_at::bigint, text FROM mentions
             ORDER BY doc, start_at, end_at, entity",
            &[],
        )?
        .iter()
        .map(|r| MentionRecord {
            doc: r.get(0),
            entity: r.get(1),
            start: r.get(2),
            end: r.get(3),
            text: r.get(4),
        })
        .collect();
    let relations = conn
        .query(
            "SELECT id, doc, subject, type, object, negated, asserted_by, evidence,
                 ev_start::bigint, ev_end::bigint, confidence
             FROM relations ORDER BY doc, ev_start, ev_end, type COLLATE \"C\", id",
            &[],
        )?
        .iter()
        .map(|r| RelationRecord {
            id: r.get(0),
            doc: r.get(1),
            subject: r.get(2),
            kind: r.get(3),
            object: r.get(4),
            negated: r.get(5),
            asserted_by: r.get(6),
            evidence: r.get(7),
            ev_start: r.get(8),
            ev_end: r.get(9),
            confidence: r.get(10),
        })
        .collect();
    let quotes = conn
        .query(
            "SELECT id, doc, speaker, speaker_text, cue, text, start_at::bigint, end_at::bigint,
                 via::text
             FROM quotes ORDER BY doc, start_at, end_at, id",
            &[],
        )?
        .iter()
        .map(|r| QuoteRecord {
            id: r.get(0),
            doc: r.get(1),
            speaker: r.get(2),
            speaker_text: r.get(3),
            cue: r.get(4),
            text: r.get(5),
            start: r.get(6),
            end: r.get(7),
            via: serde_json::from_str(r.get::<_, &str>(8)).unwrap_or_default(),
        })
        .collect();
    Ok(Records {
        documents,
        entities,
        mentions,
        relations,
        quotes,
    })
}
