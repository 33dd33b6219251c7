//! The OpenAPI 3 document, generated from the handlers' annotations (never written by hand).

use crate::api::{export, read, story, write};
use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "isnad", description = "Arabic news intelligence: search, documents, entities, claims, stories, curation, ingest."),
    paths(
        read::search, read::facets, read::document, read::entity, read::entity_by_name,
        read::evidence, read::claims, read::stats, export::export, read::stories, story::story,
        write::analyze, write::ingest, write::job, write::history, write::decide, write::undo
    ),
    components(schemas(crate::error::ErrorBody)),
    modifiers(&Bearer)
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
