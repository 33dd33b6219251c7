//! Analyze (open: it stores nothing) and the writes: ingest and curation, which need the
//! bearer token (checked by [`crate::auth`]) and are off with `--read-only`.

use crate::curation::{Decision, DecisionRecord};
use crate::error::{ApiError, ErrorBody};
use crate::state::{lock, AppState, JobStatus};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use isnad_analysis::{Analysis, DocMeta, Options};
use isnad_corpus::{IngestEvent, IngestOptions};
use serde::Deserialize;
use std::sync::atomic::Ordering;
use utoipa::{IntoParams, ToSchema};

/// Text to analyze.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeRequest {
    /// The text (at most 1 MB).
    pub text: String,
    /// An id for the document (default `posted`).
    pub id: Option<String>,
    /// Publication date (YYYY-MM-DD), which relative dates resolve against.
    pub published: Option<String>,
}

/// Analyzes a posted text (the JSON of `isnad analyze`); stores nothing.
#[utoipa::path(post, path = "/api/analyze", request_body = AnalyzeRequest, tag = "analyze",
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn analyze(
    State(state): State<AppState>,
    Json(req): Json<AnalyzeRequest>,
) -> Result<Json<Analysis>, ApiError> {
    if let Some(d) = &req.published {
        if !crate::api::read::is_day(d) {
            return Err(ApiError::bad_request(format!(
                "published {d:?} is not a date (YYYY-MM-DD)"
            )));
        }
    }
    let analyzer = state.inner.analyzer;
    let analysis = tokio::task::spawn_blocking(move || {
        let mut meta = DocMeta::new(req.id.unwrap_or_else(|| "posted".into()), "api");
        meta.published = req.published;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyzer.analyze(&req.text, meta, &Options::default())
        }))
        .map_err(|_| ApiError::internal("internal error while analyzing (a bug; please report it)"))
    })
    .await
    .map_err(|e| ApiError::internal(format!("analysis task failed: {e}")))??;
    Ok(Json(analysis))
}

/// Uploads files (any format `isnad ingest` reads) as `multipart/form-data` and ingests them
/// in the background; answers with the job to poll.
#[utoipa::path(post, path = "/api/ingest", tag = "write",
    request_body(content_type = "multipart/form-data", content = Object, description = "one or more `file` parts"),
    security(("bearer" = [])),
    responses((status = 202, body = JobStatus), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn ingest(
    State(state): State<AppState>,
    mut multipart: Multipart,
) -> Result<(StatusCode, Json<JobStatus>), ApiError> {
    let job = state.inner.next_job.fetch_add(1, Ordering::Relaxed);
    let dir = state
        .data()
        .join("uploads")
        .join(format!("{}-{job}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| ApiError::internal(format!("creating {}: {e}", dir.display())))?;
    let mut files = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiError::bad_request(format!("reading the upload: {e}")))?
    {
        let name = safe_name(field.file_name().unwrap_or("upload.txt"), files.len());
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::bad_request(format!("reading {name}: {e}")))?;
        let path = dir.join(&name);
        std::fs::write(&path, &bytes)
            .map_err(|e| ApiError::internal(format!("writing {}: {e}", path.display())))?;
        files.push(path);
    }
    if files.is_empty() {
        return Err(ApiError::bad_request("no file in the upload"));
    }
    let status = JobStatus {
        id: job,
        state: "queued".into(),
        files: files.len(),
        committed: 0,
        skipped: 0,
        summary: None,
        error: None,
    };
    lock(&state.inner.jobs)?.insert(job, status.clone());
    let st = state.clone();
    tokio::task::spawn_blocking(move || run_ingest(&st, job, files));
    Ok((StatusCode::ACCEPTED, Json(status)))
}

/// Runs one ingest job on the writer handle (jobs queue on its mutex).
fn run_ingest(state: &AppState, job: u64, files: Vec<std::path::PathBuf>) {
    let update = |f: &mut dyn FnMut(&mut JobStatus)| {
        if let Ok(mut jobs) = lock(&state.inner.jobs) {
            if let Some(j) = jobs.get_mut(&job) {
                f(j);
            }
        }
    };
    let result = (|| -> Result<isnad_corpus::IngestSummary, ApiError> {
        let writer =
            state.inner.writer.as_ref().ok_or_else(|| {
                ApiError::bad_request("team mode: ingest with `isnad ingest --db`")
            })?;
        let mut corpus = lock(writer)?;
        update(&mut |j| j.state = "running".into());
        let options = IngestOptions {
            progress: false,
            ingest_date: Some(isnad_corpus::ingest_day(std::time::SystemTime::now())),
            ..IngestOptions::default()
        };
        let mut on_event = |e: IngestEvent<'_>| match e {
            IngestEvent::Committed(n) => update(&mut |j| j.committed = n),
            IngestEvent::Skipped(_) | IngestEvent::FileFailed(_) => update(&mut |j| j.skipped += 1),
        };
        Ok(corpus.ingest(&files, state.inner.analyzer, &options, &mut on_event)?)
    })();
    state.bump();
    if let Some(dir) = files.first().and_then(|f| f.parent()) {
        let _ = std::fs::remove_dir_all(dir);
    }
    update(&mut |j| match &result {
        Ok(s) => {
            j.state = "done".into();
            j.summary = Some(s.clone());
        }
        Err(e) => {
            j.state = "failed".into();
            j.error = Some(e.message.clone());
        }
    });
}

/// A file name that stays inside the upload folder: its last component, with only safe
/// characters, keeping the extension the reader dispatches on.
fn safe_name(name: &str, n: usize) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let clean = clean.trim_start_matches('.');
    if clean.is_empty() {
        format!("{n:04}-upload.txt")
    } else {
        format!("{n:04}-{clean}")
    }
}

/// The state of an ingest job.
#[utoipa::path(get, path = "/api/ingest/{id}", tag = "write",
    params(("id" = u64, Path, description = "job id")),
    responses((status = 200, body = JobStatus), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn job(
    State(state): State<AppState>,
    Path(id): Path<u64>,
) -> Result<Json<JobStatus>, ApiError> {
    lock(&state.inner.jobs)?
        .get(&id)
        .cloned()
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no ingest job {id}")))
}

/// A decision to record.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CurationRequest {
    /// The decision.
    pub decision: Decision,
    /// Who makes it (default `analyst`).
    pub author: Option<String>,
}

/// History parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryParams {
    /// Decisions at most (default 200).
    pub limit: Option<usize>,
}

/// Every curation decision, newest first, with who made it, when, and whether it was undone.
#[utoipa::path(get, path = "/api/curation", params(HistoryParams), tag = "curation",
    responses((status = 200, body = Vec<DecisionRecord>), (status = 400, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    Query(p): Query<HistoryParams>,
) -> Result<Json<Vec<DecisionRecord>>, ApiError> {
    let limit = p.limit.unwrap_or(200).min(10_000);
    Ok(Json(state.curation(move |c| c.history(limit)).await?))
}

/// Records a decision: merge, retype, alias, reject a mention, relation or quote.
#[utoipa::path(post, path = "/api/curation", request_body = CurationRequest, tag = "curation",
    security(("bearer" = [])),
    responses((status = 201, body = DecisionRecord), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    Json(req): Json<CurationRequest>,
) -> Result<(StatusCode, Json<DecisionRecord>), ApiError> {
    let author = req.author.unwrap_or_else(|| "analyst".into());
    if author.trim().is_empty() || author.chars().count() > 100 {
        return Err(ApiError::bad_request("an author has 1 to 100 characters"));
    }
    let record = state
        .curation(move |c| c.record(req.decision, &author))
        .await?;
    Ok((StatusCode::CREATED, Json(record)))
}

/// Undoes a decision.
#[utoipa::path(post, path = "/api/curation/{id}/undo", tag = "curation",
    params(("id" = i64, Path, description = "decision id")),
    security(("bearer" = [])),
    responses((status = 200, body = DecisionRecord), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn undo(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<DecisionRecord>, ApiError> {
    Ok(Json(state.curation(move |c| c.undo(id)).await?))
}
