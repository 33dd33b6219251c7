//! The pages the API serves, built from the corpus's read accessors with the curation
//! decisions in force applied: merged entities read as their target, retyped ones with
//! their new type, rejected mentions, relations and quotes left out.

use crate::curation::Curation;
use crate::error::ApiError;
use crate::store::ReadStore;
use isnad_corpus::{
    ClaimView, DocumentView, EdgeView, EntityRef, EvidenceView, QuoteRow, RelationGroup,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// How many neighbour claims an entity page lists.
const EDGES_PER_ENTITY: usize = 200;

/// Everything the workbench shows about one entity.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityPage {
    /// The entity (after merges and retyping).
    #[schema(value_type = Object)]
    pub entity: EntityRef,
    /// Entities merged into it by curation.
    #[schema(value_type = Vec<Object>)]
    pub merged: Vec<EntityRef>,
    /// Set when the entity asked for was merged into this one: its key.
    pub redirected_from: Option<String>,
    /// Knowledge-base id.
    pub kb_id: Option<String>,
    /// Spellings seen with document counts, most frequent first.
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub aliases: Vec<(String, i64)>,
    /// Aliases added by curation.
    pub curated_aliases: Vec<String>,
    /// Documents mentioning it (summed over merged entities).
    pub documents: i64,
    /// First date seen.
    pub first_seen: Option<String>,
    /// Last date seen.
    pub last_seen: Option<String>,
    /// Documents per day.
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub timeline: Vec<(String, i64)>,
    /// Its claims as a graph: typed, directed, counted edges to its neighbours.
    #[schema(value_type = Vec<Object>)]
    pub edges: Vec<EdgeView>,
    /// Claims with corroboration and who the reports trace to.
    #[schema(value_type = Vec<Object>)]
    pub claims: Vec<RelationGroup>,
    /// Its quotes.
    #[schema(value_type = Vec<Object>)]
    pub quotes: Vec<QuoteRow>,
}

/// Applies curation to a document: merged and retyped entities, rejected spans removed.
pub fn document(
    doc: &mut DocumentView,
    cur: &Curation,
    corpus: &dyn ReadStore,
) -> Result<(), ApiError> {
    if cur.is_empty() {
        return Ok(());
    }
    let id = doc.id.clone();
    let key_of: HashMap<i64, String> = doc.entities.iter().map(|e| (e.id, e.key.clone())).collect();
    let key = |e: i64| key_of.get(&e).map(String::as_str).unwrap_or("");
    doc.mentions
        .retain(|m| !cur.mention_rejected(&id, m.start, m.end));
    doc.quotes
        .retain(|q| !cur.quote_rejected(&id, q.start, q.end));
    doc.relations.retain(|r| {
        !cur.relation_rejected(&id, key(r.subject), &r.kind, key(r.object), r.ev_start)
    });
    // Every id of a merged entity becomes its target's id; the target joins the list.
    let mut remap: HashMap<i64, i64> = HashMap::new();
    let mut entities: Vec<EntityRef> = Vec::with_capacity(doc.entities.len());
    for e in &doc.entities {
        let mut shown = cur.entity(e);
        if shown.key != e.key {
            if let Some(target) = corpus.entity_by_key(&shown.key)? {
                shown = cur.entity(&target);
            }
        }
        remap.insert(e.id, shown.id);
        if !entities.iter().any(|x| x.id == shown.id) {
            entities.push(shown);
        }
    }
    let map = |e: &mut i64| *e = *remap.get(e).unwrap_or(e);
    for m in &mut doc.mentions {
        map(&mut m.entity);
    }
    for r in &mut doc.relations {
        map(&mut r.subject);
        map(&mut r.object);
        if let Some(b) = r.asserted_by.as_mut() {
            map(b);
        }
    }
    for q in &mut doc.quotes {
        if let Some(s) = q.speaker.as_mut() {
            map(s);
        }
        q.via.iter_mut().for_each(map);
    }
    doc.entities = entities;
    Ok(())
}

/// The page of the entity with this id, or `None` when there is none.
pub fn entity_page(
    corpus: &dyn ReadStore,
    cur: &Curation,
    id: i64,
) -> Result<Option<EntityPage>, ApiError> {
    let Some(asked) = corpus.entity_ref(id)? else {
        return Ok(None);
    };
    let target_key = cur.resolve(&asked.key).to_string();
    let target = match corpus.entity_by_key(&target_key)? {
        Some(t) => t,
        None => asked.clone(),
    };
    let mut members = Vec::new();
    for key in cur.members(&target.key) {
        members.extend(corpus.entity_by_key(&key)?);
    }
    let mut page = EntityPage {
        entity: cur.entity(&target),
        merged: members.iter().skip(1).cloned().collect(),
        redirected_from: (asked.key != target.key).then(|| asked.key.clone()),
        kb_id: None,
        aliases: Vec::new(),
        curated_aliases: Vec::new(),
        documents: 0,
        first_seen: None,
        last_seen: None,
        timeline: Vec::new(),
        edges: Vec::new(),
        claims: Vec::new(),
        quotes: Vec::new(),
    };
    let mut aliases: HashMap<String, i64> = HashMap::new();
    let mut timeline: BTreeMap<String, i64> = BTreeMap::new();
    let mut edges: Vec<EdgeView> = Vec::new();
    for m in &members {
        page.curated_aliases
            .extend(cur.aliases.get(&m.key).into_iter().flatten().cloned());
        let Some(report) = corpus.entity_by_id(m.id)? else {
            continue;
        };
        page.kb_id = page.kb_id.or(report.kb_id);
        for (a, n) in report.aliases {
            *aliases.entry(a).or_default() += n;
        }
        page.documents += report.documents;
        page.first_seen = min_opt(page.first_seen.take(), report.first_seen);
        page.last_seen = max_opt(page.last_seen.take(), report.last_seen);
        page.claims.extend(report.relations);
        page.quotes.extend(
            report
                .quotes
                .into_iter()
                .filter(|q| !quote_text_rejected(corpus, cur, q)),
        );
        for (day, n) in corpus.entity_timeline(m.id)? {
            *timeline.entry(day).or_default() += n;
        }
        edges.extend(corpus.entity_edges(m.id, EDGES_PER_ENTITY)?);
    }
    let mut aliases: Vec<(String, i64)> = aliases.into_iter().collect();
    aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    page.aliases = aliases;
    page.timeline = timeline.into_iter().collect();
    page.edges = curate_edges(edges, cur);
    Ok(Some(page))
}

/// A quote of an entity report is matched to a rejection by document and text, since the
/// report carries no offsets.
fn quote_text_rejected(corpus: &dyn ReadStore, cur: &Curation, q: &QuoteRow) -> bool {
    if cur.is_empty() {
        return false;
    }
    match corpus.document(&q.doc_id) {
        Ok(Some(doc)) => doc
            .quotes
            .iter()
            .any(|d| d.text == q.text && cur.quote_rejected(&doc.id, d.start, d.end)),
        _ => false,
    }
}

/// Edges with merged ends joined, retyped, rejected reports taken off, then re-counted.
fn curate_edges(edges: Vec<EdgeView>, cur: &Curation) -> Vec<EdgeView> {
    let mut merged: Vec<EdgeView> = Vec::with_capacity(edges.len());
    for e in edges {
        let subject = cur.entity(&e.subject);
        let object = cur.entity(&e.object);
        if let Some(x) = merged.iter_mut().find(|x| {
            x.subject.key == subject.key
                && x.object.key == object.key
                && x.kind == e.kind
                && x.negated == e.negated
        }) {
            // The same claim from two merged entities: listed once per member query, so a
            // self-edge of a member is not counted twice.
            if !(e.subject.key == x.subject.key && e.object.key == x.object.key) {
                x.documents += e.documents;
            }
            continue;
        }
        merged.push(EdgeView {
            subject,
            kind: e.kind,
            object,
            negated: e.negated,
            documents: e.documents,
        });
    }
    for e in &mut merged {
        e.documents -= cur.rejected_reports(&e.subject.key, &e.kind, &e.object.key);
    }
    merged.retain(|e| e.documents > 0);
    merged.sort_by_key(|e| std::cmp::Reverse(e.documents));
    merged
}

/// The claim table with curation applied, filtered and sorted.
pub fn claims(mut rows: Vec<ClaimView>, cur: &Curation) -> Vec<ClaimView> {
    if cur.is_empty() {
        return rows;
    }
    let mut out: Vec<ClaimView> = Vec::with_capacity(rows.len());
    for mut c in rows.drain(..) {
        c.subject = cur.entity(&c.subject);
        c.object = cur.entity(&c.object);
        c.asserted_by = c.asserted_by.iter().map(|a| cur.entity(a)).collect();
        if let Some(x) = out.iter_mut().find(|x| {
            x.subject.key == c.subject.key
                && x.object.key == c.object.key
                && x.kind == c.kind
                && x.negated == c.negated
        }) {
            x.documents += c.documents;
            x.first_seen = min_opt(x.first_seen.take(), c.first_seen);
            x.last_seen = max_opt(x.last_seen.take(), c.last_seen);
            for a in c.asserted_by {
                if !x.asserted_by.iter().any(|y| y.key == a.key) {
                    x.asserted_by.push(a);
                }
            }
            continue;
        }
        out.push(c);
    }
    for c in &mut out {
        c.documents -= cur.rejected_reports(&c.subject.key, &c.kind, &c.object.key);
    }
    out.retain(|c| c.documents > 0);
    out
}

/// Every report of a claim, over the entities merged into either end, rejected ones left out.
pub fn evidence(
    corpus: &dyn ReadStore,
    cur: &Curation,
    (subject, kind, object, negated): (&EntityRef, &str, &EntityRef, bool),
    limit: usize,
) -> Result<Vec<EvidenceView>, ApiError> {
    let mut out = Vec::new();
    let refs = |key: &str| -> Result<Vec<EntityRef>, ApiError> {
        let mut v = Vec::new();
        for k in cur.members(cur.resolve(key)) {
            v.extend(corpus.entity_by_key(&k)?);
        }
        Ok(v)
    };
    for s in refs(&subject.key)? {
        for o in refs(&object.key)? {
            for e in corpus.claim_evidence(s.id, kind, o.id, negated, limit)? {
                if !cur.relation_rejected(&e.doc_id, &s.key, kind, &o.key, e.ev_start) {
                    out.push(e);
                }
            }
        }
    }
    out.sort_by(|a, b| {
        a.published
            .cmp(&b.published)
            .then_with(|| a.doc_id.cmp(&b.doc_id))
    });
    out.truncate(limit);
    Ok(out)
}

fn min_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}
