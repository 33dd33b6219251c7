//! What the handlers share: a pool of read-only corpus handles, one writer, the ingest jobs,
//! the curation store and the write token.
//!
//! SQLite (WAL) lets readers read while one writer writes, and Tantivy readers never block its
//! writer, so reads go to a pool of separate `Corpus` handles while the single writer handle
//! ingests behind a mutex. Every write bumps a generation number; a reader that is behind
//! reloads its index before it answers, so a search sees what was just ingested.
//!
//! In team mode (`serve --db`) reads go to the PostgreSQL store's connection pool instead;
//! the workers write, so the server only reads (no writer, no token, curation empty).

use crate::curation::CurationStore;
use crate::error::ApiError;
use crate::store::ReadStore;
use isnad_analysis::Analyzer;
use isnad_corpus::Corpus;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;
use utoipa::ToSchema;

/// A reader handle and the write generation its index last reloaded at.
struct Reader {
    corpus: Corpus,
    seen: u64,
}

/// The state behind every handler (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

/// Where reads go.
enum Backend {
    /// Reader handles on the data directory.
    Embedded(Mutex<Vec<Reader>>),
    /// Team mode's store (a pool: each read takes a connection).
    Team(isnad_pg::PgStore),
}

/// How long team mode keeps the story of each document before reading it again (workers
/// group stories in other processes, so no write here says when it changed).
const TEAM_STORIES_TTL: std::time::Duration = std::time::Duration::from_secs(10);

pub(crate) struct Inner {
    pub data: PathBuf,
    pub analyzer: &'static Analyzer<'static>,
    backend: Backend,
    permits: Semaphore,
    /// The embedded store's writer (`None` in team mode: read-only).
    pub writer: Option<Arc<Mutex<Corpus>>>,
    pub generation: AtomicU64,
    pub token: Option<String>,
    pub curation: Mutex<CurationStore>,
    pub jobs: Mutex<HashMap<u64, JobStatus>>,
    pub next_job: AtomicU64,
    /// Story of each document, rebuilt after a write (facets count stories per hit).
    stories: Mutex<Option<(u64, std::time::Instant, StoryIndex)>>,
}

/// Document id → story id.
pub type StoryIndex = Arc<HashMap<String, String>>;

/// The state of one ingest job, as `GET /api/ingest/{id}` reports it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JobStatus {
    /// Job id.
    pub id: u64,
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    /// Files uploaded.
    pub files: usize,
    /// Documents committed so far.
    pub committed: usize,
    /// Records skipped as malformed so far.
    pub skipped: usize,
    /// The summary when done (`isnad ingest --format json`).
    #[schema(value_type = Option<Object>)]
    pub summary: Option<isnad_corpus::IngestSummary>,
    /// The error when failed.
    pub error: Option<String>,
}

impl AppState {
    /// Opens the writer (which heals the index after a crash) and `readers` reader handles.
    pub fn open(
        data: PathBuf,
        analyzer: &'static Analyzer<'static>,
        readers: usize,
        token: Option<String>,
    ) -> Result<AppState, ApiError> {
        let writer = Corpus::open(&data)?;
        let mut pool = Vec::with_capacity(readers);
        for _ in 0..readers.max(1) {
            pool.push(Reader {
                corpus: Corpus::open_reader(&data)?,
                seen: 0,
            });
        }
        let curation = CurationStore::open(&data.join("isnad.sqlite"))?;
        let n = pool.len();
        Ok(AppState::with(
            data,
            analyzer,
            Backend::Embedded(Mutex::new(pool)),
            n,
            Some(writer),
            token,
            curation,
        ))
    }

    /// Team mode: reads through a pool of `readers` connections to the PostgreSQL store at
    /// `url`; nothing is written (curation decisions live in the embedded store only).
    pub fn open_team(
        url: &str,
        analyzer: &'static Analyzer<'static>,
        readers: usize,
    ) -> Result<AppState, ApiError> {
        let n = readers.max(1);
        let store = isnad_pg::PgStore::connect(url, u32::try_from(n).unwrap_or(16))?;
        // Fails now, not at the first request, when the database is unreachable or unmigrated.
        isnad_corpus::CorpusStore::overview(&store)?;
        let curation = CurationStore::open(std::path::Path::new(":memory:"))?;
        Ok(AppState::with(
            PathBuf::new(),
            analyzer,
            Backend::Team(store),
            n,
            None,
            None,
            curation,
        ))
    }

    fn with(
        data: PathBuf,
        analyzer: &'static Analyzer<'static>,
        backend: Backend,
        readers: usize,
        writer: Option<Corpus>,
        token: Option<String>,
        curation: CurationStore,
    ) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                data,
                analyzer,
                backend,
                permits: Semaphore::new(readers),
                writer: writer.map(|w| Arc::new(Mutex::new(w))),
                generation: AtomicU64::new(0),
                token,
                curation: Mutex::new(curation),
                jobs: Mutex::new(HashMap::new()),
                next_job: AtomicU64::new(1),
                stories: Mutex::new(None),
            }),
        }
    }

    /// Whether reads go to team mode's PostgreSQL store.
    pub fn is_team(&self) -> bool {
        matches!(self.inner.backend, Backend::Team(_))
    }

    /// The data directory.
    pub fn data(&self) -> &std::path::Path {
        &self.inner.data
    }

    /// Runs `f` on a reader handle on the blocking pool (searches and reports are CPU and
    /// disk work that must not stall the async workers).
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn ReadStore) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("server shutting down"))?;
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let readers = match &inner.backend {
                Backend::Team(store) => return f(store),
                Backend::Embedded(readers) => readers,
            };
            let mut reader = lock(readers)?
                .pop()
                .ok_or_else(|| ApiError::internal("no reader free"))?;
            let generation = inner.generation.load(Ordering::Acquire);
            let result = (|| {
                if reader.seen != generation {
                    reader.corpus.refresh()?;
                    reader.seen = generation;
                }
                f(&reader.corpus)
            })();
            lock(readers)?.push(reader);
            result
        })
        .await
        .map_err(|e| ApiError::internal(format!("reader task failed: {e}")))?
    }

    /// Runs `f` with the curation store on the blocking pool.
    pub async fn curation<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut CurationStore) -> Result<T, ApiError> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || f(&mut *lock(&inner.curation)?))
            .await
            .map_err(|e| ApiError::internal(format!("curation task failed: {e}")))?
    }

    /// The story of every document (cached until the next write).
    pub async fn story_index(&self) -> Result<StoryIndex, ApiError> {
        let generation = self.inner.generation.load(Ordering::Acquire);
        if let Some((g, at, index)) = lock(&self.inner.stories)?.as_ref() {
            if *g == generation && (!self.is_team() || at.elapsed() < TEAM_STORIES_TTL) {
                return Ok(index.clone());
            }
        }
        let index: StoryIndex = self
            .read(|c| {
                let mut m = HashMap::new();
                for s in c.stories()? {
                    for d in s.doc_ids {
                        m.insert(d, s.id.clone());
                    }
                }
                Ok(Arc::new(m))
            })
            .await?;
        *lock(&self.inner.stories)? = Some((generation, std::time::Instant::now(), index.clone()));
        Ok(index)
    }

    /// Tells readers that the store changed.
    pub fn bump(&self) {
        self.inner.generation.fetch_add(1, Ordering::AcqRel);
    }
}

/// Locks a mutex; a poisoned one (a panic elsewhere) is a server error, not a crash.
pub(crate) fn lock<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>, ApiError> {
    m.lock()
        .map_err(|_| ApiError::internal("a previous request failed while holding a lock"))
}
