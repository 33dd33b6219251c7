//! The crate's error type.

use std::path::PathBuf;

/// Errors from loading, training or evaluating models.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MorphError {
    /// Reading or writing a file failed.
    #[error("I/O error on {path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A model's payload is not what this build reads (a table of the wrong shape).
    #[error("invalid {what} model: {reason}")]
    InvalidModel {
        /// `"segmenter"` or `"tagger"`.
        what: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// A model file is not in the container format (bad magic, version,
    /// compression or truncated payload).
    #[error(transparent)]
    Codec(#[from] isnad_learn::CodecError),
    /// A line of a PADT compact file could not be parsed.
    #[error("{path}:{line}: {reason}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        reason: String,
    },
    /// A tag string is not one of the 17 UPOS names.
    #[error("unknown UPOS tag {0:?}")]
    UnknownTag(String),
    /// A data set had no usable sentences.
    #[error("no usable training data in {0}")]
    EmptyData(PathBuf),
}

impl MorphError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        MorphError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
