//! `isnad entity --db`: one actor across the team corpus, in the embedded report's shape.
//!
//! Corroboration is what the last story grouping counted (`isnad stories --db`, the workers).

use crate::error::Result;
use crate::{Conn, PgStore};
use isnad_corpus::{EntityReport, QuoteRow, RelationGroup};

/// Evidence clauses shown per relation, relations and quotes per report (as embedded).
const EVIDENCE: i64 = 3;
const RELATIONS: i64 = 50;
const QUOTES: i64 = 100;

impl PgStore {
    /// The report on corpus entity `id`, if it exists.
    pub fn entity_by_id(&self, id: i64) -> Result<Option<EntityReport>> {
        report(&mut self.checked()?, id)
    }
}

pub(crate) fn report(conn: &mut Conn, id: i64) -> Result<Option<EntityReport>> {
    let Some(head) = conn.query_opt(
        "SELECT type, name, name_en, kb_id FROM entities WHERE id = $1",
        &[&id],
    )?
    else {
        return Ok(None);
    };
    let aliases = conn
        .query(
            "SELECT text, COUNT(DISTINCT doc) AS n FROM mentions WHERE entity = $1
             GROUP BY text ORDER BY n DESC, text COLLATE \"C\" LIMIT 30",
            &[&id],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let seen = conn.query_one(
        "SELECT COUNT(DISTINCT d.rowid), MIN(d.published), MAX(d.published)
         FROM doc_entities e JOIN documents d ON d.rowid = e.doc WHERE e.entity = $1",
        &[&id],
    )?;
    let mut relations = Vec::new();
    for r in conn.query(
        "SELECT r.subject, s.name, r.type, r.object, o.name, r.negated, COUNT(DISTINCT r.doc) AS n
         FROM relations r JOIN entities s ON s.id = r.subject JOIN entities o ON o.id = r.object
         WHERE r.subject = $1 OR r.object = $1
         GROUP BY r.subject, s.name, r.type, r.object, o.name, r.negated
         ORDER BY n DESC LIMIT $2",
        &[&id, &RELATIONS],
    )? {
        let (subject, kind, object, negated): (i64, String, i64, bool) =
            (r.get(0), r.get(2), r.get(3), r.get(5));
        let evidence = conn
            .query(
                "SELECT d.id, r.evidence FROM relations r JOIN documents d ON d.rowid = r.doc
                 WHERE r.subject = $1 AND r.type = $2 AND r.object = $3 AND r.negated = $4
                 LIMIT $5",
                &[&subject, &kind, &object, &negated, &EVIDENCE],
            )?
            .iter()
            .map(|e| (e.get(0), e.get(1)))
            .collect();
        let corroboration =
            crate::stories::relation_corroboration(conn, subject, &kind, object, negated)?;
        relations.push(RelationGroup {
            subject: r.get(1),
            kind,
            object: r.get(4),
            negated,
            count: r.get(6),
            evidence,
            corroboration,
        });
    }
    let mut quotes = Vec::new();
    for q in conn.query(
        "SELECT d.id, d.published, d.outlet, q.cue, q.text,
             ARRAY(SELECT e.name FROM jsonb_array_elements_text(q.via) WITH ORDINALITY AS v(id, i)
                   JOIN entities e ON e.id = v.id::bigint ORDER BY v.i),
             q.speaker_text
         FROM quotes q JOIN documents d ON d.rowid = q.doc
         WHERE q.speaker = $1 ORDER BY d.published, d.id COLLATE \"C\" LIMIT $2",
        &[&id, &QUOTES],
    )? {
        let (speaker_text, text): (String, String) = (q.get(6), q.get(4));
        let corroboration =
            crate::stories::quote_corroboration(conn, Some(id), &speaker_text, &text)?;
        quotes.push(QuoteRow {
            doc_id: q.get(0),
            date: q.get(1),
            outlet: q.get(2),
            cue: q.get(3),
            text,
            via: q.get(5),
            corroboration,
        });
    }
    Ok(Some(EntityReport {
        id,
        kind: head.get(0),
        name: head.get(1),
        name_en: head.get(2),
        kb_id: head.get(3),
        aliases,
        documents: seen.get(0),
        first_seen: seen.get(1),
        last_seen: seen.get(2),
        relations,
        quotes,
    }))
}
