//! What `isnad serve --db` reads: the embedded store's views (`isnad-corpus`'s `views.rs`)
//! on PostgreSQL, in the same order (byte order of text, `COLLATE "C"`; missing dates first,
//! as SQLite sorts NULL).

use crate::error::Result;
use crate::stories::relation_corroboration;
use crate::Conn;
use isnad_corpus::{
    ClaimView, DocumentView, EdgeView, EntityRef, EvidenceView, Facets, MentionView, QuoteView,
    RelationView,
};
use std::collections::{HashMap, HashSet};

fn limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn entity_ref_row(r: &postgres::Row) -> EntityRef {
    EntityRef {
        id: r.get(0),
        key: r.get(1),
        kind: r.get(2),
        name: r.get(3),
        name_en: r.get(4),
    }
}

pub(crate) fn entity_ref(conn: &mut Conn, id: i64) -> Result<Option<EntityRef>> {
    Ok(conn
        .query_opt(
            "SELECT id, key, type, name, name_en FROM entities WHERE id = $1",
            &[&id],
        )?
        .map(|r| entity_ref_row(&r)))
}

pub(crate) fn entity_by_key(conn: &mut Conn, key: &str) -> Result<Option<EntityRef>> {
    Ok(conn
        .query_opt(
            "SELECT id, key, type, name, name_en FROM entities WHERE key = $1",
            &[&key],
        )?
        .map(|r| entity_ref_row(&r)))
}

pub(crate) fn story_of(conn: &mut Conn, doc_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_opt(
            "SELECT id FROM stories WHERE docs @> ARRAY[$1::text] LIMIT 1",
            &[&doc_id],
        )?
        .map(|r| r.get(0)))
}

pub(crate) fn document(conn: &mut Conn, id: &str) -> Result<Option<DocumentView>> {
    let Some(head) = conn.query_opt(
        "SELECT rowid, id, title, url, outlet, published, source, words::bigint, text
         FROM documents WHERE id = $1",
        &[&id],
    )?
    else {
        return Ok(None);
    };
    let rowid: i64 = head.get(0);
    let mut doc = DocumentView {
        id: head.get(1),
        title: head.get(2),
        url: head.get(3),
        outlet: head.get(4),
        published: head.get(5),
        source: head.get(6),
        words: head.get(7),
        story: None,
        text: head.get(8),
        entities: Vec::new(),
        mentions: Vec::new(),
        relations: Vec::new(),
        quotes: Vec::new(),
    };
    doc.mentions = conn
        .query(
            "SELECT start_at::bigint, end_at::bigint, text, entity FROM mentions WHERE doc = $1
             ORDER BY start_at, end_at",
            &[&rowid],
        )?
        .iter()
        .map(|r| MentionView {
            start: r.get(0),
            end: r.get(1),
            text: r.get(2),
            entity: r.get(3),
        })
        .collect();
    doc.relations = conn
        .query(
            "SELECT id, subject, type, object, negated, asserted_by, evidence, ev_start::bigint,
                 ev_end::bigint, confidence
             FROM relations WHERE doc = $1 ORDER BY ev_start, ev_end, id",
            &[&rowid],
        )?
        .iter()
        .map(|r| RelationView {
            id: r.get(0),
            subject: r.get(1),
            kind: r.get(2),
            object: r.get(3),
            negated: r.get(4),
            asserted_by: r.get(5),
            evidence: r.get(6),
            ev_start: r.get(7),
            ev_end: r.get(8),
            confidence: r.get(9),
        })
        .collect();
    doc.quotes = conn
        .query(
            "SELECT id, speaker, speaker_text, cue, text, start_at::bigint, end_at::bigint,
                 via::text
             FROM quotes WHERE doc = $1 ORDER BY start_at, id",
            &[&rowid],
        )?
        .iter()
        .map(|r| QuoteView {
            id: r.get(0),
            speaker: r.get(1),
            speaker_text: r.get(2),
            cue: r.get(3),
            text: r.get(4),
            start: r.get(5),
            end: r.get(6),
            via: serde_json::from_str(r.get::<_, &str>(7)).unwrap_or_default(),
        })
        .collect();
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
        doc.entities.extend(entity_ref(conn, id)?);
    }
    doc.story = story_of(conn, &doc.id)?;
    Ok(Some(doc))
}

pub(crate) fn entity_edges(conn: &mut Conn, id: i64, n: usize) -> Result<Vec<EdgeView>> {
    let rows = conn.query(
        "SELECT subject, type, object, negated, COUNT(DISTINCT doc) AS n FROM relations
         WHERE subject = $1 OR object = $1 GROUP BY subject, type, object, negated
         ORDER BY n DESC, type COLLATE \"C\", subject, object LIMIT $2",
        &[&id, &limit(n)],
    )?;
    let mut edges = Vec::with_capacity(rows.len());
    for r in rows {
        let (s, o): (i64, i64) = (r.get(0), r.get(2));
        let (Some(subject), Some(object)) = (entity_ref(conn, s)?, entity_ref(conn, o)?) else {
            continue;
        };
        edges.push(EdgeView {
            subject,
            kind: r.get(1),
            object,
            negated: r.get(3),
            documents: r.get(4),
        });
    }
    Ok(edges)
}

pub(crate) fn entity_timeline(conn: &mut Conn, id: i64) -> Result<Vec<(String, i64)>> {
    Ok(conn
        .query(
            "SELECT substr(d.published, 1, 10) AS day, COUNT(DISTINCT d.rowid)
             FROM doc_entities e JOIN documents d ON d.rowid = e.doc
             WHERE e.entity = $1 AND d.published IS NOT NULL
             GROUP BY day ORDER BY day COLLATE \"C\"",
            &[&id],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

pub(crate) fn claim_evidence(
    conn: &mut Conn,
    claim: (i64, &str, i64, bool),
    n: usize,
) -> Result<Vec<EvidenceView>> {
    let (subject, kind, object, negated) = claim;
    let rows = conn.query(
        "SELECT d.id, d.outlet, d.published, r.evidence, r.asserted_by, r.ev_start::bigint,
             r.ev_end::bigint
         FROM relations r JOIN documents d ON d.rowid = r.doc
         WHERE r.subject = $1 AND r.type = $2 AND r.object = $3 AND r.negated = $4
         ORDER BY d.published COLLATE \"C\" NULLS FIRST, d.id COLLATE \"C\" LIMIT $5",
        &[&subject, &kind, &object, &negated, &limit(n)],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let asserted_by = match r.get::<_, Option<i64>>(4) {
            Some(b) => entity_ref(conn, b)?,
            None => None,
        };
        out.push(EvidenceView {
            doc_id: r.get(0),
            outlet: r.get(1),
            published: r.get(2),
            evidence: r.get(3),
            ev_start: r.get(5),
            ev_end: r.get(6),
            asserted_by,
        });
    }
    Ok(out)
}

pub(crate) fn claim_table(conn: &mut Conn, n: usize) -> Result<Vec<ClaimView>> {
    let rows = conn.query(
        "SELECT r.subject, r.type, r.object, r.negated, COUNT(DISTINCT r.doc) AS n,
             MIN(d.published COLLATE \"C\"), MAX(d.published COLLATE \"C\"),
             ARRAY_AGG(DISTINCT r.asserted_by) FILTER (WHERE r.asserted_by IS NOT NULL)
         FROM relations r JOIN documents d ON d.rowid = r.doc
         GROUP BY r.subject, r.type, r.object, r.negated
         ORDER BY n DESC, r.type COLLATE \"C\", r.subject, r.object LIMIT $1",
        &[&limit(n)],
    )?;
    let mut claims = Vec::with_capacity(rows.len());
    for r in rows {
        let (s, kind, o, negated): (i64, String, i64, bool) =
            (r.get(0), r.get(1), r.get(2), r.get(3));
        let (Some(subject), Some(object)) = (entity_ref(conn, s)?, entity_ref(conn, o)?) else {
            continue;
        };
        let mut asserted_by = Vec::new();
        for b in r.get::<_, Option<Vec<i64>>>(7).unwrap_or_default() {
            asserted_by.extend(entity_ref(conn, b)?);
        }
        let corroboration = relation_corroboration(conn, s, &kind, o, negated)?;
        claims.push(ClaimView {
            subject,
            kind,
            object,
            negated,
            asserted_by,
            documents: r.get(4),
            first_seen: r.get(5),
            last_seen: r.get(6),
            corroboration,
        });
    }
    Ok(claims)
}

pub(crate) fn doc_facets(conn: &mut Conn, doc_ids: &[String]) -> Result<Facets> {
    let ids: Vec<&str> = doc_ids
        .iter()
        .map(String::as_str)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut entities: HashMap<i64, i64> = HashMap::new();
    for r in conn.query(
        "SELECT e.entity, COUNT(DISTINCT e.doc) FROM doc_entities e JOIN documents d ON d.rowid = e.doc
         WHERE d.id = ANY($1) GROUP BY e.entity",
        &[&ids],
    )? {
        entities.insert(r.get(0), r.get(1));
    }
    let mut types: Vec<(String, i64)> = conn
        .query(
            "SELECT r.type, COUNT(DISTINCT r.doc) FROM relations r JOIN documents d ON d.rowid = r.doc
             WHERE d.id = ANY($1) GROUP BY r.type",
            &[&ids],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut entities: Vec<(i64, i64)> = entities.into_iter().collect();
    entities.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = Facets::default();
    for (id, n) in entities.into_iter().take(30) {
        out.entities.extend(entity_ref(conn, id)?.map(|e| (e, n)));
    }
    types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out.relation_types = types;
    Ok(out)
}
