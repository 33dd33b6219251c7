//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong while loading, training or evaluating a tagger.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NerError {
    /// A file could not be read or written; the path says which.
    #[error("{path}: {source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A model file is not ours, is truncated, or was written by another format version.
    #[error("invalid model: {0}")]
    InvalidModel(String),
    /// A model file is not in the container format (bad magic, version, compression or a
    /// truncated payload).
    #[error(transparent)]
    Codec(#[from] isnad_learn::CodecError),
    /// The SaudiNewsNet corpus could not be read.
    #[cfg(feature = "train")]
    #[error(transparent)]
    Corpus(#[from] isnad_ingest::saudinewsnet::SaudiNewsNetError),
    /// A corpus or resource file has an unexpected layout; the message names the file and line.
    #[error("invalid format: {0}")]
    InvalidFormat(String),
    /// An argument is out of range (e.g. an empty training set).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
}

impl NerError {
    /// Wraps an I/O error with the path it concerns, so messages say which file failed.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        NerError::Io {
            path: path.into(),
            source,
        }
    }
}
