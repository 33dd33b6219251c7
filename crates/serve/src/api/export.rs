//! `GET /api/export`: the exports of `isnad export` (STIX 2.1, GraphML, FollowTheMoney, CSV,
//! JSON lines) for the whole corpus or a slice of it, as a download.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use isnad_export::{ExportError, Format, Options, Selection, Tlp};
use serde::Deserialize;
use utoipa::IntoParams;

/// What to export; every filter given must hold (the whole corpus when none is).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `stix`, `graphml`, `ftm`, `csv` (a zip of five tables) or `jsonl`.
    pub format: String,
    /// Documents mentioning this entity (any spelling).
    pub entity: Option<String>,
    /// Documents of this story.
    pub story: Option<String>,
    /// Documents a search for these words finds.
    pub q: Option<String>,
    /// Published on or after (YYYY-MM-DD).
    pub from: Option<String>,
    /// Published on or before (YYYY-MM-DD).
    pub to: Option<String>,
    /// STIX marking: `white` (default), `green`, `amber`, `red`.
    pub tlp: Option<String>,
    /// CSV: a UTF-8 byte-order mark so that Excel reads Arabic.
    #[serde(default)]
    pub excel: bool,
}

fn media_type(format: Format) -> &'static str {
    match format {
        Format::Stix => "application/stix+json;version=2.1",
        Format::Graphml => "application/graphml+xml",
        Format::Ftm | Format::Jsonl => "application/x-ndjson",
        Format::Csv => "application/zip",
    }
}

impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Selection(m) => ApiError::bad_request(m),
            ExportError::Corpus(e) => e.into(),
            e => ApiError::internal(e.to_string()),
        }
    }
}

/// The corpus, or the slice the filters select, in one export format.
#[utoipa::path(get, path = "/api/export", tag = "read", params(ExportParams),
    responses((status = 200, description = "the export file"),
              (status = 400, body = crate::error::ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    Query(p): Query<ExportParams>,
) -> Result<Response, ApiError> {
    let format = Format::parse(&p.format).ok_or_else(|| {
        ApiError::bad_request(format!(
            "format {:?} is not one of stix, graphml, ftm, csv, jsonl",
            p.format
        ))
    })?;
    let tlp = match p.tlp.as_deref() {
        None => Tlp::default(),
        Some(t) => Tlp::parse(t).ok_or_else(|| {
            ApiError::bad_request(format!("tlp {t:?} is not white, green, amber or red"))
        })?,
    };
    let options = Options {
        excel: p.excel,
        tlp,
    };
    let selection = Selection {
        entity: p.entity,
        story: p.story,
        query: p.q,
        from: p.from,
        to: p.to,
    };
    let bytes = state
        .read(move |corpus| {
            let slice = corpus.slice(&selection)?;
            let mut out = Vec::new();
            isnad_export::export(&slice, format, &options, &mut out)?;
            Ok(out)
        })
        .await?;
    let name = format!("attachment; filename=\"isnad.{}\"", format.extension());
    Ok((
        [
            (header::CONTENT_TYPE, media_type(format).to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        bytes,
    )
        .into_response())
}
