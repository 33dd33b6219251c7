//! Writing one analyzed document with all its rows, inside a caller's transaction.
//!
//! Rows go in one statement per table (`UNNEST` of arrays), so a document costs a handful of
//! round trips whatever its size. Entities are upserted in key order: two workers writing
//! documents that share actors wait for each other in one order and never deadlock.

use crate::error::Result;
use crate::search::search_vector;
use isnad_analysis::Analysis;
use isnad_corpus::{identity_key, name_key, name_skeleton, Put};
use isnad_ingest::RawDoc;
use postgres::Transaction;
use std::collections::HashMap;

/// The contract's string for a serializable enum (`"PER"`, `"attacks"`), as the embedded
/// store writes it.
fn label(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `YYYY-MM-DD` when `published` starts with a real calendar day (the date column; the text
/// as given is kept beside it).
pub(crate) fn day_of(published: Option<&str>) -> Option<String> {
    let day = published?.get(..10)?;
    let mut parts = day.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (day.len() == 10 && (1..=9999).contains(&y) && (1..=days).contains(&d)).then(|| day.into())
}

/// Stores `raw` and its analysis in `tx` (which the caller commits): the document row is
/// upserted by id, a replaced document's rows are deleted first, then every row is written.
pub(crate) fn write_doc(
    tx: &mut Transaction<'_>,
    raw: &RawDoc,
    analysis: &Analysis,
    hash: &str,
) -> Result<Put> {
    let old = tx.query_opt(
        "SELECT rowid, hash FROM documents WHERE id = $1 FOR UPDATE",
        &[&raw.id],
    )?;
    if let Some(row) = &old {
        if row.get::<_, String>(1) == hash {
            return Ok(Put::Unchanged);
        }
    }
    let (search, words) = search_vector(raw.title.as_deref(), &raw.text);
    let json = serde_json::to_string(analysis)?;
    let source = raw.origin.file.display().to_string();
    let row = tx.query_one(
        "INSERT INTO documents(id, hash, title, url, outlet, published, published_day, source,
             text, words, analysis, search)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::date, $8, $9, $10, $11::text::jsonb,
             $12::text::tsvector)
         ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, title = EXCLUDED.title,
             url = EXCLUDED.url, outlet = EXCLUDED.outlet, published = EXCLUDED.published,
             published_day = EXCLUDED.published_day, source = EXCLUDED.source,
             text = EXCLUDED.text, words = EXCLUDED.words, analysis = EXCLUDED.analysis,
             search = EXCLUDED.search, stored_at = now()
         RETURNING rowid",
        &[
            &raw.id,
            &hash,
            &raw.title,
            &raw.url,
            &raw.outlet,
            &raw.published,
            &day_of(raw.published.as_deref()),
            &source,
            &raw.text,
            &(words as i32),
            &json,
            &search,
        ],
    )?;
    let rowid: i64 = row.get(0);
    if old.is_some() {
        for table in ["doc_entities", "mentions", "relations", "quotes"] {
            tx.execute(&format!("DELETE FROM {table} WHERE doc = $1"), &[&rowid])?;
        }
    }
    let local = write_entities(tx, rowid, analysis)?;
    write_relations(tx, rowid, analysis, &local)?;
    write_quotes(tx, rowid, analysis, &local)?;
    Ok(if old.is_some() {
        Put::Replaced
    } else {
        Put::Inserted
    })
}

/// Upserts the document's entities (in key order), then its doc-entity and mention rows;
/// returns the document-local id → corpus id map.
fn write_entities(
    tx: &mut Transaction<'_>,
    rowid: i64,
    analysis: &Analysis,
) -> Result<HashMap<String, i64>> {
    let mut keyed: Vec<(String, &isnad_entities::Entity)> = analysis
        .entities
        .iter()
        .map(|e| (identity_key(e.kb_id.as_deref(), e.kind, &e.name), e))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let insert = tx.prepare(
        "INSERT INTO entities(key, kb_id, type, name, name_en, skeleton)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING RETURNING id",
    )?;
    let select = tx.prepare("SELECT id FROM entities WHERE key = $1")?;
    let mut ids: HashMap<String, i64> = HashMap::new();
    let mut local = HashMap::new();
    for (key, e) in &keyed {
        let id = match ids.get(key) {
            Some(&id) => id,
            None => {
                let kind = label(e.kind);
                let skeleton = name_skeleton(&e.name_en);
                let inserted = tx.query_opt(
                    &insert,
                    &[key, &e.kb_id, &kind, &e.name, &e.name_en, &skeleton],
                )?;
                let id: i64 = match inserted {
                    Some(row) => row.get(0),
                    None => tx.query_one(&select, &[key])?.get(0),
                };
                ids.insert(key.clone(), id);
                id
            }
        };
        local.insert(e.id.clone(), id);
    }
    let (mut entity, mut local_id, mut name, mut count) = (vec![], vec![], vec![], vec![]);
    let (mut m_entity, mut m_start, mut m_end, mut m_text, mut m_key) =
        (vec![], vec![], vec![], vec![], vec![]);
    for e in &analysis.entities {
        let Some(&id) = local.get(&e.id) else {
            continue;
        };
        entity.push(id);
        local_id.push(e.id.clone());
        name.push(e.name.clone());
        count.push(e.mentions.len() as i32);
        for m in &e.mentions {
            m_entity.push(id);
            m_start.push(m.start as i32);
            m_end.push(m.end as i32);
            m_text.push(m.text.clone());
            m_key.push(name_key(&m.text));
        }
    }
    tx.execute(
        "INSERT INTO doc_entities(doc, entity, local, name, mentions)
         SELECT $1, * FROM UNNEST($2::bigint[], $3::text[], $4::text[], $5::int[])
         ON CONFLICT (doc, local) DO NOTHING",
        &[&rowid, &entity, &local_id, &name, &count],
    )?;
    tx.execute(
        "INSERT INTO mentions(doc, entity, start_at, end_at, text, key)
         SELECT $1, * FROM UNNEST($2::bigint[], $3::int[], $4::int[], $5::text[], $6::text[])",
        &[&rowid, &m_entity, &m_start, &m_end, &m_text, &m_key],
    )?;
    Ok(local)
}

fn write_relations(
    tx: &mut Transaction<'_>,
    rowid: i64,
    analysis: &Analysis,
    local: &HashMap<String, i64>,
) -> Result<()> {
    let corpus_id = |l: &str| local.get(l).copied();
    let (mut subject, mut kind, mut object, mut negated, mut asserted) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut evidence, mut start, mut end, mut confidence) = (vec![], vec![], vec![], vec![]);
    for r in &analysis.relations {
        let (Some(s), Some(o)) = (corpus_id(&r.subject), corpus_id(&r.object)) else {
            continue;
        };
        subject.push(s);
        kind.push(label(r.kind));
        object.push(o);
        negated.push(r.negated);
        asserted.push(r.asserted_by.as_deref().and_then(corpus_id));
        evidence.push(r.evidence.text.clone());
        start.push(r.evidence.start as i32);
        end.push(r.evidence.end as i32);
        confidence.push(f64::from(r.confidence));
    }
    tx.execute(
        "INSERT INTO relations(doc, subject, type, object, negated, asserted_by, evidence,
             ev_start, ev_end, confidence)
         SELECT $1, * FROM UNNEST($2::bigint[], $3::text[], $4::bigint[], $5::bool[],
             $6::bigint[], $7::text[], $8::int[], $9::int[], $10::float8[])",
        &[
            &rowid,
            &subject,
            &kind,
            &object,
            &negated,
            &asserted,
            &evidence,
            &start,
            &end,
            &confidence,
        ],
    )?;
    Ok(())
}

fn write_quotes(
    tx: &mut Transaction<'_>,
    rowid: i64,
    analysis: &Analysis,
    local: &HashMap<String, i64>,
) -> Result<()> {
    let corpus_id = |l: &str| local.get(l).copied();
    let (mut speaker, mut speaker_text, mut cue, mut text) = (vec![], vec![], vec![], vec![]);
    let (mut start, mut end, mut via) = (vec![], vec![], vec![]);
    for q in &analysis.quotes {
        let chain: Vec<i64> = q.via.iter().filter_map(|v| corpus_id(v)).collect();
        speaker.push(q.speaker.as_deref().and_then(corpus_id));
        speaker_text.push(q.speaker_text.clone());
        cue.push(q.cue.clone());
        text.push(q.text.clone());
        start.push(q.start as i32);
        end.push(q.end as i32);
        via.push(serde_json::to_string(&chain)?);
    }
    tx.execute(
        "INSERT INTO quotes(doc, speaker, speaker_text, cue, text, start_at, end_at, via)
         SELECT $1, s, st, c, t, a, b, v::jsonb FROM UNNEST($2::bigint[], $3::text[],
             $4::text[], $5::text[], $6::int[], $7::int[], $8::text[]) AS u(s, st, c, t, a, b, v)",
        &[
            &rowid,
            &speaker,
            &speaker_text,
            &cue,
            &text,
            &start,
            &end,
            &via,
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::day_of;

    #[test]
    fn only_calendar_days_become_dates() {
        assert_eq!(
            day_of(Some("2024-02-29T10:00")).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(day_of(Some("2023-02-29")), None);
        assert_eq!(day_of(Some("2024-13-01")), None);
        assert_eq!(day_of(Some("أمس")), None);
        assert_eq!(day_of(None), None);
    }
}
