//! The write guard: a bearer token for every write, and no writes at all in read-only mode.

use crate::error::ApiError;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// What the guard checks against.
#[derive(Clone)]
pub struct Guard {
    /// The token (`None` when read-only).
    pub token: Option<String>,
    /// Writes are off.
    pub read_only: bool,
}

/// Middleware on the write routes.
pub async fn require_token(State(guard): State<Guard>, req: Request<Body>, next: Next) -> Response {
    if guard.read_only {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "read_only",
            "this server is read-only (--read-only)",
        )
        .into_response();
    }
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match (guard.token.as_deref(), given) {
        (Some(t), Some(g)) if constant_time_eq(t.as_bytes(), g.as_bytes()) => next.run(req).await,
        _ => ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "writes need the bearer token `isnad serve` printed at its first start (Authorization: Bearer …)",
        )
        .into_response(),
    }
}

/// Compares without stopping at the first difference, so timing tells nothing of the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
