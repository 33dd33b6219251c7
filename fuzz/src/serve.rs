//! The HTTP API's request bodies and query strings, through the real router (auth, body
//! limits, JSON error middleware) without a socket.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::sync::OnceLock;
use tower::ServiceExt;

/// The write token the harness's server accepts.
const TOKEN: &str = "fuzz-token-0123456789abcdef0123456789abcdef";

/// The endpoints fed, by the first input byte: (method, path, where the rest goes).
const ROUTES: &[(&str, &str, Place)] = &[
    ("POST", "/api/analyze", Place::Body),
    ("POST", "/api/curation", Place::Body),
    ("POST", "/api/curation/", Place::PathSegment),
    ("GET", "/api/search?q=", Place::Query),
    ("GET", "/api/search/facets?q=", Place::Query),
    ("GET", "/api/entity?name=", Place::Query),
    ("GET", "/api/document?id=", Place::Query),
    ("GET", "/api/search?", Place::RawQuery),
    ("GET", "/api/evidence?", Place::RawQuery),
    ("GET", "/api/claims?", Place::RawQuery),
    ("GET", "/api/stories?", Place::RawQuery),
    ("GET", "/api/curation?", Place::RawQuery),
];

#[derive(Clone, Copy)]
enum Place {
    Body,
    PathSegment,
    Query,
    RawQuery,
}

struct Harness {
    runtime: tokio::runtime::Runtime,
    app: axum::Router,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let data = crate::pipeline::seeded_store("serve");
        let analyzer = crate::pipeline::analyzer();
        let state =
            isnad_serve::state::AppState::open(data.clone(), analyzer, 1, Some(TOKEN.to_string()))
                .unwrap_or_else(|e| panic!("the fuzz harness could not open its store: {e:?}"));
        let config = isnad_serve::Config::new(data, analyzer);
        let app = isnad_serve::router(state, &config, false)
            .unwrap_or_else(|e| panic!("the fuzz harness could not build the router: {e:?}"));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("no tokio runtime: {e}"));
        Harness { runtime, app }
    })
}

/// Target `serve`: one request; the answer is never a 500, and an error is JSON.
pub fn serve(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let (method, path, place) = ROUTES[usize::from(which) % ROUTES.len()];
    let (uri, body) = match place {
        Place::Body => (path.to_string(), rest.to_vec()),
        Place::PathSegment => (format!("{path}{}/undo", percent(rest)), Vec::new()),
        Place::Query => (format!("{path}{}", percent(rest)), Vec::new()),
        Place::RawQuery => match std::str::from_utf8(rest) {
            Ok(q) if q.bytes().all(|b| b.is_ascii_graphic() && b != b'#') => {
                (format!("{path}{q}"), Vec::new())
            }
            _ => return,
        },
    };
    let request = Request::builder()
        .method(method)
        .uri(&uri)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Body::from(body));
    let Ok(request) = request else {
        return;
    };
    let h = harness();
    let (status, bytes) = h.runtime.block_on(async {
        let response = match h.app.clone().oneshot(request).await {
            Ok(r) => r,
            Err(never) => match never {},
        };
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 64 << 20).await;
        (status, bytes)
    });
    let Ok(bytes) = bytes else {
        panic!("{method} {uri}: the body could not be read");
    };
    assert_ne!(
        status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{method} {uri}: {}",
        String::from_utf8_lossy(&bytes)
    );
    if status.is_client_error() || status.is_server_error() {
        let json: Result<serde_json::Value, _> = serde_json::from_slice(&bytes);
        assert!(json.is_ok(), "{method} {uri}: an error that is not JSON");
    }
}

/// Every byte outside the unreserved set written `%XX`.
fn percent(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
