//! isnad's team mode: a PostgreSQL store that several analysts read and several stateless
//! workers fill, through a work queue in the same database.
//!
//! # Brief overview
//! * [`PgStore::connect`] opens a connection pool on a `postgres://` URL; [`PgStore::migrate`]
//!   applies the versioned migrations embedded from `migrations/` (what `isnad db migrate`
//!   runs). Every other call checks that the schema is current first.
//! * [`PgStore::enqueue`] puts parsed documents ([`isnad_ingest::RawDoc`]) on the queue, one
//!   job per content hash, so enqueuing twice is one job.
//! * [`Worker`] claims jobs (`FOR UPDATE SKIP LOCKED`, with a lease that another worker may
//!   take over once expired), analyzes them, and writes each document with all its rows and
//!   marks its job done in one transaction, fenced by the lease: a killed worker loses
//!   nothing and duplicates nothing. A job that fails [`WorkerOptions::max_attempts`] times
//!   is `failed`, with its error ([`QueueProgress`]).
//! * [`PgStore`] implements [`isnad_corpus::CorpusStore`]: search runs on a `tsvector` of
//!   isnad's own search keys ([`search_vector`], a GIN index), so clitics, hamza spellings and
//!   Latin names match as in the embedded Tantivy index.
//! * [`PgStore::group_stories`] places the documents stored since the last grouping into
//!   stories and recounts corroboration with the embedded store's own code
//!   ([`isnad_corpus::grouping`]), in one transaction under an advisory lock; workers call it
//!   when their queue runs dry. Exports and `isnad serve --db` read through
//!   [`isnad_corpus::CorpusStore`] as on the embedded store.
//!
//! # Example
//! ```no_run
//! use isnad_corpus::{CorpusStore, SearchQuery};
//! use isnad_pg::{PgStore, Worker, WorkerOptions};
//! let store = PgStore::connect("postgres://localhost/isnad", 4).unwrap();
//! store.migrate().unwrap();
//! let docs = isnad_ingest::read_file("news.jsonl".as_ref()).unwrap().filter_map(Result::ok);
//! store.enqueue(docs, None).unwrap();
//! let analyzer = isnad_analysis::Analyzer::new();
//! Worker::new(&store, &analyzer, WorkerOptions::default()).run_until_empty().unwrap();
//! let hits = store.search(&SearchQuery { text: "حماس".into(), limit: 10, ..Default::default() });
//! ```
#![deny(missing_docs)]

mod entity;
mod error;
mod migrate;
mod queue;
mod read;
mod search;
mod stories;
mod views;
mod worker;
mod write;

pub use error::{PgError, Result};
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};
pub use queue::{Enqueued, FailedJob, QueueProgress};
pub use search::{search_vector, tsquery};
pub use stories::Grouped;
pub use worker::{Worker, WorkerOptions, WorkerSummary};

use postgres::NoTls;
use r2d2_postgres::PostgresConnectionManager;

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;
pub(crate) type Conn = r2d2::PooledConnection<PostgresConnectionManager<NoTls>>;

/// A PostgreSQL corpus: a pool of connections to one database.
///
/// Cheap to clone (the pool is shared); every method takes a connection for its duration.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("connections", &self.pool.max_size())
            .finish()
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:port/db`) with at most `connections` pooled
    /// connections (a worker takes one per thread). Fails when the database is unreachable.
    pub fn connect(url: &str, connections: u32) -> Result<PgStore> {
        let config: postgres::Config = url
            .parse()
            .map_err(|e: postgres::Error| PgError::Url(e.to_string()))?;
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = r2d2::Pool::builder()
            .max_size(connections.max(1))
            .min_idle(Some(0))
            .connection_timeout(std::time::Duration::from_secs(10))
            .build(manager)?;
        Ok(PgStore { pool })
    }

    /// A pooled connection.
    pub(crate) fn conn(&self) -> Result<Conn> {
        Ok(self.pool.get()?)
    }

    /// A pooled connection to a database whose schema this build reads.
    pub(crate) fn checked(&self) -> Result<Conn> {
        let mut conn = self.conn()?;
        migrate::check(&mut conn)?;
        Ok(conn)
    }
}

/// For tests (here and in the `isnad` binary's): a fresh schema per test on one server.
#[doc(hidden)]
pub mod testing {
    /// Creates (anew) schema `name` on the server of `url` and returns a URL whose
    /// connections use it, so that parallel tests never see each other's tables.
    ///
    /// # Panics
    /// When the server cannot be reached: a test that asked for it must fail.
    pub fn fresh_schema(url: &str, name: &str) -> String {
        let mut client = postgres::Client::connect(url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("PostgreSQL at {url}: {e}"));
        client
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
            ))
            .unwrap_or_else(|e| panic!("creating schema {name}: {e}"));
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}options=-c%20search_path%3D{name}")
    }
}
