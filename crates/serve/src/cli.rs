//! Curation for the command line: `isnad entity` reads an entity as the server shows it, so a
//! correction made in the workbench holds everywhere, not only in the browser.

use crate::apply;
use crate::curation::CurationStore;
use crate::error::ApiError;
use isnad_corpus::{Corpus, EntityReport};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::Path;

/// Whether the store at `db` holds a `curation` table (opened read-only: a read command never
/// creates it).
fn has_curation(db: &Path) -> Result<bool, ApiError> {
    if !db.is_file() {
        return Ok(false);
    }
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'curation'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The report `isnad entity NAME` prints, with the store's curation decisions in force: a
/// curated alias finds its entity, a merged entity reads as the one it was merged into (names,
/// aliases, documents, dates, relations and quotes combined), a retyped one with its new type,
/// rejected quotes left out. Without decisions it is the corpus's own report.
pub fn curated_entity(
    corpus: &Corpus,
    data: &Path,
    name: &str,
) -> Result<Option<EntityReport>, ApiError> {
    let db = data.join("isnad.sqlite");
    if !has_curation(&db)? {
        return Ok(corpus.entity(name)?);
    }
    let mut store = CurationStore::open(&db)?;
    let cur = store.current()?;
    if cur.is_empty() {
        return Ok(corpus.entity(name)?);
    }
    let id = match store.entity_by_alias(name)? {
        Some(e) => Some(e.id),
        None => corpus.find_entity(name)?,
    };
    let Some(id) = id else {
        return Ok(None);
    };
    let Some(page) = apply::entity_page(corpus, &cur, id)? else {
        return Ok(None);
    };
    // Relations name their ends; a member's name becomes the target's.
    let rename = |n: String| {
        if page.merged.iter().any(|m| m.name == n) {
            page.entity.name.clone()
        } else {
            n
        }
    };
    let mut relations = page.claims.clone();
    for r in &mut relations {
        r.subject = rename(std::mem::take(&mut r.subject));
        r.object = rename(std::mem::take(&mut r.object));
    }
    relations.sort_by_key(|r| std::cmp::Reverse(r.count));
    let mut aliases: Vec<(String, i64)> = page
        .curated_aliases
        .iter()
        .map(|a| (a.clone(), 0))
        .collect();
    aliases.extend(page.aliases.iter().cloned());
    Ok(Some(EntityReport {
        id: page.entity.id,
        kind: page.entity.kind.clone(),
        name: page.entity.name.clone(),
        name_en: page.entity.name_en.clone(),
        kb_id: page.kb_id.clone(),
        aliases,
        documents: page.documents,
        first_seen: page.first_seen.clone(),
        last_seen: page.last_seen.clone(),
        relations,
        quotes: page.quotes.clone(),
    }))
}
