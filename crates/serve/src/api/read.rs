//! The read endpoints: open to anyone who can reach the server (loopback by default).

use crate::apply::{self, EntityPage};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use crate::store::ReadStore;
use axum::extract::{Path, Query, State};
use axum::Json;
use isnad_corpus::{ClaimView, DocumentView, Hit, SearchQuery, Stats, StoryRow};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// Hits fetched at most to page through or to filter by outlet, story or relation type.
const MAX_WINDOW: usize = 500;
/// Hits the facets count over.
const FACET_WINDOW: usize = 200;

/// Search parameters (the workbench keeps them in its URL).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words; `"…"` quotes a phrase. Arabic or Latin script.
    #[serde(default)]
    pub q: String,
    /// Only documents mentioning this entity (any spelling).
    pub entity: Option<String>,
    /// Published on or after (YYYY-MM-DD).
    pub from: Option<String>,
    /// Published on or before (YYYY-MM-DD).
    pub to: Option<String>,
    /// Only this outlet.
    pub outlet: Option<String>,
    /// Only documents of this story.
    pub story: Option<String>,
    /// Only documents stating a relation of this type.
    pub relation: Option<String>,
    /// The query is a name in Latin script: also resolve it to a corpus entity.
    #[serde(default)]
    pub latin: bool,
    /// Page, from 1.
    pub page: Option<usize>,
    /// Hits per page (1 to 100, default 20).
    pub size: Option<usize>,
}

/// One page of hits.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    /// The query.
    pub query: String,
    /// Page number, from 1.
    pub page: usize,
    /// Hits per page.
    pub size: usize,
    /// Whether another page follows.
    pub more: bool,
    /// The hits (`snippet` has the matches in `<b>`, the rest escaped; `fragment` and
    /// `highlights` give the same without markup).
    #[schema(value_type = Vec<Object>)]
    pub hits: Vec<Hit>,
    /// With `latin`: the corpus entity the name designates.
    #[schema(value_type = Option<Object>)]
    pub entity: Option<isnad_corpus::EntityRef>,
}

/// Counts over the best hits of a search, to narrow it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetsPage {
    /// How many hits were counted.
    pub counted: usize,
    /// Outlets with hit counts.
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub outlets: Vec<(String, usize)>,
    /// Months (YYYY-MM) with hit counts.
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub months: Vec<(String, usize)>,
    /// Stories with hit counts (stories with one hit left out).
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub stories: Vec<(String, usize)>,
    /// Entities with hit counts.
    #[schema(value_type = Vec<Object>)]
    pub entities: Vec<Object2>,
    /// Relation types with hit counts.
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub relation_types: Vec<(String, i64)>,
}

/// An entity and a count.
#[derive(Debug, Serialize, ToSchema)]
pub struct Object2 {
    /// The entity.
    #[schema(value_type = Object)]
    pub entity: isnad_corpus::EntityRef,
    /// Documents.
    pub count: i64,
}

fn check_day(name: &str, v: &Option<String>) -> Result<(), ApiError> {
    match v {
        Some(d) if !is_day(d) => Err(ApiError::bad_request(format!(
            "{name} {d:?} is not a date (YYYY-MM-DD)"
        ))),
        _ => Ok(()),
    }
}

pub(crate) fn is_day(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn run_search(
    corpus: &dyn ReadStore,
    p: &SearchParams,
    limit: usize,
) -> Result<Vec<Hit>, ApiError> {
    if p.q.chars().count() > 1000 {
        return Err(ApiError::bad_request("a query has at most 1000 characters"));
    }
    let query = SearchQuery {
        text: p.q.clone(),
        entity: nonempty(&p.entity),
        from: nonempty(&p.from),
        to: nonempty(&p.to),
        limit,
    };
    if query.text.trim().is_empty()
        && query.entity.is_none()
        && query.from.is_none()
        && query.to.is_none()
    {
        return Ok(Vec::new());
    }
    check_day("from", &query.from)?;
    check_day("to", &query.to)?;
    corpus.search(&query)
}

/// Keeps the hits that pass the filters the index does not hold (outlet, story, relation).
fn post_filter(
    corpus: &dyn ReadStore,
    p: &SearchParams,
    hits: Vec<Hit>,
) -> Result<Vec<Hit>, ApiError> {
    let (outlet, story, relation) = (
        nonempty(&p.outlet),
        nonempty(&p.story),
        nonempty(&p.relation),
    );
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        if outlet
            .as_ref()
            .is_some_and(|o| hit.outlet.as_ref() != Some(o))
        {
            continue;
        }
        if let Some(s) = &story {
            if corpus.story_of(&hit.id)?.as_ref() != Some(s) {
                continue;
            }
        }
        if let Some(r) = &relation {
            let f = corpus.doc_facets(std::slice::from_ref(&hit.id))?;
            if !f.relation_types.iter().any(|(t, _)| t == r) {
                continue;
            }
        }
        out.push(hit);
    }
    Ok(out)
}

/// Full-text search, one page at a time.
#[utoipa::path(get, path = "/api/search", params(SearchParams), tag = "read",
    responses((status = 200, body = SearchPage), (status = 400, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchPage>, ApiError> {
    let page = p.page.unwrap_or(1);
    let size = p.size.unwrap_or(20);
    if page == 0 || !(1..=100).contains(&size) {
        return Err(ApiError::bad_request("page starts at 1; size is 1 to 100"));
    }
    let filtered = nonempty(&p.outlet).is_some()
        || nonempty(&p.story).is_some()
        || nonempty(&p.relation).is_some();
    let want = page.saturating_mul(size).saturating_add(1);
    if want > MAX_WINDOW {
        return Err(ApiError::bad_request(format!(
            "only the best {MAX_WINDOW} hits can be paged through; narrow the search"
        )));
    }
    let result = state
        .read(move |corpus| {
            let limit = if filtered { MAX_WINDOW } else { want };
            let hits = run_search(corpus, &p, limit)?;
            let hits = if filtered {
                post_filter(corpus, &p, hits)?
            } else {
                hits
            };
            let more = hits.len() > page * size;
            let hits: Vec<Hit> = hits
                .into_iter()
                .skip((page - 1) * size)
                .take(size)
                .collect();
            let entity = if p.latin && !p.q.trim().is_empty() {
                match corpus.find_entity(&p.q)? {
                    Some(id) => corpus.entity_ref(id)?,
                    None => None,
                }
            } else {
                None
            };
            Ok(SearchPage {
                query: p.q,
                page,
                size,
                more,
                hits,
                entity,
            })
        })
        .await?;
    Ok(Json(result))
}

/// Facets over the best hits of a search.
#[utoipa::path(get, path = "/api/search/facets", params(SearchParams), tag = "read",
    responses((status = 200, body = FacetsPage), (status = 400, body = ErrorBody)))]
pub async fn facets(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Json<FacetsPage>, ApiError> {
    let stories = state.story_index().await?;
    let cur = state.curation(|c| c.current()).await?;
    let page = state
        .read(move |corpus| {
            let hits = run_search(corpus, &p, FACET_WINDOW)?;
            let hits = post_filter(corpus, &p, hits)?;
            let mut outlets: HashMap<String, usize> = HashMap::new();
            let mut months: HashMap<String, usize> = HashMap::new();
            let mut story_counts: HashMap<String, usize> = HashMap::new();
            for h in &hits {
                *outlets
                    .entry(h.outlet.clone().unwrap_or_default())
                    .or_default() += 1;
                if let Some(m) = h.date.as_deref().and_then(|d| d.get(..7)) {
                    *months.entry(m.to_string()).or_default() += 1;
                }
                if let Some(s) = stories.get(&h.id) {
                    *story_counts.entry(s.clone()).or_default() += 1;
                }
            }
            let ids: Vec<String> = hits.iter().map(|h| h.id.clone()).collect();
            let f = corpus.doc_facets(&ids)?;
            let mut entities: Vec<Object2> = Vec::new();
            for (e, count) in f.entities {
                let e = cur.entity(&e);
                match entities.iter_mut().find(|x| x.entity.key == e.key) {
                    Some(x) => x.count += count,
                    None => entities.push(Object2 { entity: e, count }),
                }
            }
            let mut months = sorted(months);
            months.sort();
            Ok(FacetsPage {
                counted: hits.len(),
                outlets: sorted(outlets),
                months,
                stories: sorted(story_counts)
                    .into_iter()
                    .filter(|s| s.1 > 1)
                    .take(20)
                    .collect(),
                entities,
                relation_types: f.relation_types,
            })
        })
        .await?;
    Ok(Json(page))
}

fn sorted(m: HashMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// A document id.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocParams {
    /// Document id.
    pub id: String,
}

/// One document with its mentions, relations, quotes and metadata (curation applied).
#[utoipa::path(get, path = "/api/document", params(DocParams), tag = "read",
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn document(
    State(state): State<AppState>,
    Query(p): Query<DocParams>,
) -> Result<Json<DocumentView>, ApiError> {
    let cur = state.curation(|c| c.current()).await?;
    let doc = state
        .read(move |corpus| {
            let mut doc = corpus
                .document(&p.id)?
                .ok_or_else(|| ApiError::not_found(format!("no document has the id {:?}", p.id)))?;
            apply::document(&mut doc, &cur, corpus)?;
            Ok(doc)
        })
        .await?;
    Ok(Json(doc))
}

/// The page of an entity by store id (a merged entity answers with its target's page).
#[utoipa::path(get, path = "/api/entities/{id}", tag = "read",
    params(("id" = i64, Path, description = "corpus entity id")),
    responses((status = 200, body = EntityPage), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn entity(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<EntityPage>, ApiError> {
    let cur = state.curation(|c| c.current()).await?;
    let page = state
        .read(move |corpus| {
            apply::entity_page(corpus, &cur, id)?
                .ok_or_else(|| ApiError::not_found(format!("no entity has the id {id}")))
        })
        .await?;
    Ok(Json(page))
}

/// A name to look up.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NameParams {
    /// Any spelling, Arabic or Latin.
    pub name: String,
}

/// The page of the entity a name designates (as `isnad entity NAME`, plus curated aliases).
#[utoipa::path(get, path = "/api/entity", params(NameParams), tag = "read",
    responses((status = 200, body = EntityPage), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn entity_by_name(
    State(state): State<AppState>,
    Query(p): Query<NameParams>,
) -> Result<Json<EntityPage>, ApiError> {
    let name = p.name.clone();
    let curated = state.curation(move |c| c.entity_by_alias(&name)).await?;
    let cur = state.curation(|c| c.current()).await?;
    let page = state
        .read(move |corpus| {
            let id = match curated {
                Some(e) => Some(e.id),
                None => corpus.find_entity(&p.name)?,
            };
            let not_found =
                || ApiError::not_found(format!("no entity named {:?} in the corpus", p.name));
            let id = id.ok_or_else(not_found)?;
            apply::entity_page(corpus, &cur, id)?.ok_or_else(not_found)
        })
        .await?;
    Ok(Json(page))
}

/// One claim: subject, type, object.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvidenceParams {
    /// Subject entity id.
    pub subject: i64,
    /// Relation type.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: String,
    /// Object entity id.
    pub object: i64,
    /// The negated claim.
    #[serde(default)]
    pub negated: bool,
}

/// Every report of one claim: the documents and the clauses.
#[utoipa::path(get, path = "/api/evidence", params(EvidenceParams), tag = "read",
    responses((status = 200, body = Vec<Object>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn evidence(
    State(state): State<AppState>,
    Query(p): Query<EvidenceParams>,
) -> Result<Json<Vec<isnad_corpus::EvidenceView>>, ApiError> {
    let cur = state.curation(|c| c.current()).await?;
    let rows = state
        .read(move |corpus| {
            let get = |id| -> Result<isnad_corpus::EntityRef, ApiError> {
                corpus
                    .entity_ref(id)?
                    .ok_or_else(|| ApiError::not_found(format!("no entity has the id {id}")))
            };
            let (s, o) = (get(p.subject)?, get(p.object)?);
            apply::evidence(corpus, &cur, (&s, &p.kind, &o, p.negated), 200)
        })
        .await?;
    Ok(Json(rows))
}

/// Claim table parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClaimParams {
    /// Rows at most (default 500, at most 5000).
    pub limit: Option<usize>,
}

/// Every relation claim in the corpus with its documents, dates, asserters and corroboration,
/// most reported first (the workbench filters and sorts it).
#[utoipa::path(get, path = "/api/claims", params(ClaimParams), tag = "read",
    responses((status = 200, body = Vec<Object>), (status = 400, body = ErrorBody)))]
pub async fn claims(
    State(state): State<AppState>,
    Query(p): Query<ClaimParams>,
) -> Result<Json<Vec<ClaimView>>, ApiError> {
    let limit = p.limit.unwrap_or(500);
    if !(1..=5000).contains(&limit) {
        return Err(ApiError::bad_request("limit is 1 to 5000"));
    }
    let cur = state.curation(|c| c.current()).await?;
    let rows = state
        .read(move |corpus| Ok(apply::claims(corpus.claim_table(limit)?, &cur)))
        .await?;
    Ok(Json(rows))
}

/// Corpus overview.
#[utoipa::path(get, path = "/api/stats", tag = "read", responses((status = 200, body = Object)))]
pub async fn stats(State(state): State<AppState>) -> Result<Json<Stats>, ApiError> {
    Ok(Json(state.read(|c| c.stats()).await?))
}

/// Story list parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoriesParams {
    /// Only stories with at least this many documents (default 2).
    pub min_docs: Option<usize>,
    /// Stories at most (default 100, at most 1000).
    pub limit: Option<usize>,
}

/// Stories, largest first.
#[utoipa::path(get, path = "/api/stories", params(StoriesParams), tag = "read",
    responses((status = 200, body = Vec<Object>), (status = 400, body = ErrorBody)))]
pub async fn stories(
    State(state): State<AppState>,
    Query(p): Query<StoriesParams>,
) -> Result<Json<Vec<StoryRow>>, ApiError> {
    let limit = p.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::bad_request("limit is 1 to 1000"));
    }
    let min = p.min_docs.unwrap_or(2);
    let rows = state
        .read(move |c| {
            Ok(c.stories()?
                .into_iter()
                .filter(|s| s.doc_ids.len() >= min)
                .take(limit)
                .collect())
        })
        .await?;
    Ok(Json(rows))
}
