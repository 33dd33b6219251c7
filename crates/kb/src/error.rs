//! Typed errors of the knowledge base; each names the file and, for content errors, the line.

use std::path::PathBuf;

/// What can go wrong reading, parsing or extending the knowledge base.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A line of a TSV file is malformed.
    #[error("{path}:{line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// Two entries of the same file share an id.
    #[error("{path}:{line}: duplicate id `{id}`")]
    DuplicateId {
        path: PathBuf,
        line: usize,
        id: String,
    },
    /// An entry to add is invalid (empty id, tab in a field, id already present...).
    #[error("invalid entry `{id}`: {message}")]
    InvalidEntry { id: String, message: String },
    /// No user file was given and the platform has no data directory.
    #[error("no user knowledge-base file given and no platform data directory found")]
    NoDataDir,
}
