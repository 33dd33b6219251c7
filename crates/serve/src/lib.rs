//! `isnad serve`: isnad's JSON API and its right-to-left web workbench.
//!
//! # Brief overview
//! * [`Config`] says where the corpus is, where to listen and what is allowed; [`start`]
//!   opens the corpus and binds, [`Server::run`] serves until a shutdown signal resolves.
//! * Reads (`GET /api/…`) are open; writes (ingest, curation) need the bearer token that
//!   [`load_or_create_token`] keeps in the data directory (mode 0600), and are refused with
//!   `--read-only`. Errors are JSON `{code, message}` ([`error`]).
//! * The workbench (HTML, CSS, one JavaScript module) is compiled into the binary ([`assets`]).
//! * `GET /api/openapi.json` is generated from the handlers' annotations ([`openapi`]).
#![deny(missing_docs)]

pub mod api;
pub mod apply;
pub mod assets;
pub mod auth;
pub mod cli;
pub mod curation;
pub mod error;
pub mod openapi;
pub mod state;
pub mod store;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use error::ApiError;
use isnad_analysis::Analyzer;
use state::AppState;
use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Request bodies at most, except uploads (a posted text of 1 MB, escaped as JSON).
pub const BODY_LIMIT: usize = 4 << 20;
/// Upload bodies at most.
pub const UPLOAD_LIMIT: usize = 256 << 20;
/// The file in the data directory that holds the write token.
pub const TOKEN_FILE: &str = "serve-token";

/// How to serve.
#[derive(Clone)]
pub struct Config {
    /// The data directory (`isnad ingest --data`).
    pub data: PathBuf,
    /// Team mode: read the PostgreSQL store at this URL instead (read-only: the workers
    /// write; `data` is then unused).
    pub db: Option<String>,
    /// Where to listen (loopback by default).
    pub bind: SocketAddr,
    /// Refuse every write.
    pub read_only: bool,
    /// The one origin allowed to call the API from a browser (no CORS when `None`).
    pub cors: Option<String>,
    /// Reader handles (concurrent reads).
    pub readers: usize,
    /// Requests in flight at most; more wait.
    pub max_in_flight: usize,
    /// Time a request may take before it is answered 408.
    pub timeout: Duration,
    /// The analyzer for `analyze` and ingest.
    pub analyzer: &'static Analyzer<'static>,
}

impl Config {
    /// Defaults for a data directory: loopback port 8080, writes allowed, no CORS.
    pub fn new(data: PathBuf, analyzer: &'static Analyzer<'static>) -> Config {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            data,
            db: None,
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            read_only: false,
            cors: None,
            readers: cores.clamp(2, 16),
            max_in_flight: 512,
            timeout: Duration::from_secs(30),
            analyzer,
        }
    }
}

/// A server bound to its address, ready to run.
pub struct Server {
    listener: tokio::net::TcpListener,
    app: Router,
    /// The address it listens on (the port is known even when 0 was asked for).
    pub addr: SocketAddr,
    /// The write token (`None` in read-only mode).
    pub token: Option<String>,
    /// Whether the token was created by this start (print it then).
    pub token_created: bool,
}

/// Reads the write token from the data directory, or creates one (32 random bytes, hex) in a
/// file only the owner can read.
pub fn load_or_create_token(data: &Path) -> Result<(String, bool), ApiError> {
    let path = data.join(TOKEN_FILE);
    if let Ok(text) = std::fs::read_to_string(&path) {
        let token = text.trim().to_string();
        if token.len() >= 32 {
            return Ok((token, false));
        }
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::internal(format!("no randomness for the token: {e}")))?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::create_dir_all(data)
        .map_err(|e| ApiError::internal(format!("creating {}: {e}", data.display())))?;
    write_private(&path, &token)
        .map_err(|e| ApiError::internal(format!("writing {}: {e}", path.display())))?;
    Ok((token, true))
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    // A file that existed with wider bits keeps them through `open`; narrow them.
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// Opens the corpus, makes the token and binds the listener.
pub async fn start(config: Config) -> Result<Server, ApiError> {
    if let Some(url) = config.db.clone() {
        return start_team(config, url).await;
    }
    let (token, token_created) = if config.read_only {
        (None, false)
    } else {
        let (t, created) = load_or_create_token(&config.data)?;
        (Some(t), created)
    };
    let data = config.data.clone();
    let (readers, analyzer, t) = (config.readers, config.analyzer, token.clone());
    let state = tokio::task::spawn_blocking(move || AppState::open(data, analyzer, readers, t))
        .await
        .map_err(|e| ApiError::internal(format!("opening the corpus: {e}")))??;
    bind(state, &config, config.read_only, token, token_created).await
}

/// Team mode: reads the PostgreSQL store, writes nothing (no token).
async fn start_team(config: Config, url: String) -> Result<Server, ApiError> {
    let (readers, analyzer) = (config.readers, config.analyzer);
    let state = tokio::task::spawn_blocking(move || AppState::open_team(&url, analyzer, readers))
        .await
        .map_err(|e| ApiError::internal(format!("opening the team store: {e}")))??;
    bind(state, &config, true, None, false).await
}

async fn bind(
    state: AppState,
    config: &Config,
    read_only: bool,
    token: Option<String>,
    token_created: bool,
) -> Result<Server, ApiError> {
    let app = router(state, config, read_only)?;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| ApiError::internal(format!("binding {}: {e}", config.bind)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| ApiError::internal(format!("binding {}: {e}", config.bind)))?;
    Ok(Server {
        listener,
        app,
        addr,
        token,
        token_created,
    })
}

impl Server {
    /// Serves until `shutdown` resolves, then finishes the requests in flight.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// The whole application: API, workbench and the layers around them.
pub fn router(state: AppState, config: &Config, read_only: bool) -> Result<Router, ApiError> {
    use api::{export, read, story, write};
    let writes = Router::new()
        .route("/api/curation", post(write::decide))
        .route("/api/curation/{id}/undo", post(write::undo))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .merge(
            Router::new()
                .route("/api/ingest", post(write::ingest))
                .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
                .layer(RequestBodyLimitLayer::new(UPLOAD_LIMIT)),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            auth::Guard {
                token: state.inner.token.clone(),
                read_only,
            },
            auth::require_token,
        ));
    let reads = Router::new()
        .route("/api/health", get(|| async { "ok" }))
        .route("/api/stats", get(read::stats))
        .route("/api/export", get(export::export))
        .route("/api/search", get(read::search))
        .route("/api/search/facets", get(read::facets))
        .route("/api/document", get(read::document))
        .route("/api/entity", get(read::entity_by_name))
        .route("/api/entities/{id}", get(read::entity))
        .route("/api/evidence", get(read::evidence))
        .route("/api/claims", get(read::claims))
        .route("/api/stories", get(read::stories))
        .route("/api/stories/{id}", get(story::story))
        .route("/api/ingest/{id}", get(write::job))
        .route("/api/curation", get(write::history))
        .route("/api/analyze", post(write::analyze))
        .route("/api/openapi.json", get(openapi::document))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT));
    let mut app = Router::new()
        .merge(writes)
        .merge(reads)
        .merge(assets::routes())
        .fallback(|| async { ApiError::not_found("no such page or endpoint") })
        .with_state(state)
        .layer(axum::middleware::from_fn(error::json_errors))
        .layer(CompressionLayer::new().gzip(true))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.timeout,
        ))
        .layer(GlobalConcurrencyLimitLayer::new(config.max_in_flight))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(assets::CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ));
    if let Some(origin) = &config.cors {
        let origin = HeaderValue::from_str(origin)
            .map_err(|_| ApiError::bad_request(format!("--cors {origin:?} is not an origin")))?;
        app = app.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::exact(origin))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    Ok(app)
}
