//! One story: its documents by outlet and time, and which are near-copies of which.

use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use isnad_stories::{jaccard_estimate, signature};
use serde::Serialize;
use utoipa::ToSchema;

/// Estimated shingle overlap above which a later text counts as a copy of an earlier one
/// (the threshold corroboration uses).
const COPY_THRESHOLD: f32 = 0.7;
/// Documents of a story the copy chain is computed for (pairwise comparison).
const MAX_DOCS: usize = 300;

/// A document of a story.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryDocView {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// The earlier document this one near-copies (none: an independent report).
    pub copy_of: Option<String>,
    /// Estimated similarity to that document.
    pub similarity: Option<f32>,
}

/// A story with its copy chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryView {
    /// Story id.
    pub id: String,
    /// Representative title.
    pub title: String,
    /// Its documents by date.
    pub documents: Vec<StoryDocView>,
    /// Documents that copy no earlier one.
    pub independent: usize,
    /// Distinct outlets.
    pub outlets: usize,
}

/// One story with its documents and copy chain.
#[utoipa::path(get, path = "/api/stories/{id}", tag = "read",
    params(("id" = String, Path, description = "story id")),
    responses((status = 200, body = StoryView), (status = 404, body = ErrorBody)))]
pub async fn story(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<StoryView>, ApiError> {
    let view = state
        .read(move |corpus| {
            let story = corpus
                .stories()?
                .into_iter()
                .find(|s| s.id == id)
                .ok_or_else(|| ApiError::not_found(format!("no story has the id {id:?}")))?;
            let mut docs = Vec::new();
            for d in story.doc_ids.iter().take(MAX_DOCS) {
                if let Some(doc) = corpus.document(d)? {
                    let sig = signature(&doc.text);
                    docs.push((doc, sig));
                }
            }
            docs.sort_by(|a, b| {
                a.0.published
                    .cmp(&b.0.published)
                    .then_with(|| a.0.id.cmp(&b.0.id))
            });
            let mut out: Vec<StoryDocView> = Vec::with_capacity(docs.len());
            for (i, (doc, sig)) in docs.iter().enumerate() {
                // The most similar earlier report above the threshold is the one copied.
                let best = docs[..i]
                    .iter()
                    .map(|(d, s)| (d, jaccard_estimate(sig, s)))
                    .filter(|(_, j)| *j >= COPY_THRESHOLD)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                out.push(StoryDocView {
                    id: doc.id.clone(),
                    title: doc.title.clone(),
                    outlet: doc.outlet.clone(),
                    published: doc.published.clone(),
                    copy_of: best.map(|(d, _)| d.id.clone()),
                    similarity: best.map(|(_, j)| j),
                });
            }
            let mut outlets: Vec<&str> = out.iter().filter_map(|d| d.outlet.as_deref()).collect();
            outlets.sort_unstable();
            outlets.dedup();
            Ok(StoryView {
                id: story.id,
                title: story.title,
                independent: out.iter().filter(|d| d.copy_of.is_none()).count(),
                outlets: outlets.len(),
                documents: out,
            })
        })
        .await?;
    Ok(Json(view))
}
