//! The corpus's error type.

use std::path::PathBuf;

/// Why a corpus operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    /// The SQLite store failed.
    #[error("store {}: {source}", path.display())]
    Store {
        /// The database file.
        path: PathBuf,
        /// The SQLite error.
        #[source]
        source: rusqlite::Error,
    },
    /// The full-text index failed.
    #[error("index {}: {source}", path.display())]
    Index {
        /// The index directory.
        path: PathBuf,
        /// The Tantivy error.
        #[source]
        source: tantivy::TantivyError,
    },
    /// A file or directory could not be read or created.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Listing or opening the input files failed.
    #[error(transparent)]
    Input(#[from] isnad_ingest::IngestError),
    /// A query could not be understood.
    #[error("bad query: {0}")]
    Query(String),
    /// No data directory was given and the platform has none.
    #[error("no data directory: pass --data DIR")]
    NoDataDir,
    /// The store was written by a newer or older isnad with another schema.
    #[error("store {}: schema version {found}, this isnad reads {expected}", path.display())]
    Schema {
        /// The database file.
        path: PathBuf,
        /// The version found.
        found: i64,
        /// The version this build reads.
        expected: i64,
    },
    /// A reading command was pointed at a directory that holds no corpus (a mistyped
    /// `--data`): nothing is created there.
    #[error("no corpus in {} (no isnad.sqlite there: check --data, or run `isnad ingest --data {}` first)", path.display(), path.display())]
    NoCorpus {
        /// The data directory.
        path: PathBuf,
    },
    /// Another process holds the corpus's writer lock (an ingest is running).
    #[error("another isnad process is writing to the corpus in {} (an ingest is running); run this again when it has finished", path.display())]
    Busy {
        /// The data directory.
        path: PathBuf,
    },
    /// The writer thread stopped unexpectedly.
    #[error("ingest writer stopped: {0}")]
    Writer(String),
}

/// Results of corpus operations.
pub type Result<T, E = CorpusError> = std::result::Result<T, E>;
