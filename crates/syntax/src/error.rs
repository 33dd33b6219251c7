//! Typed errors of the parser crate.

use std::path::PathBuf;

/// What can go wrong loading, training or evaluating a parser.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Model bytes of another kind or format version, corrupt or truncated (the shared
    /// `isnad_learn` container says which).
    #[error(transparent)]
    Codec(#[from] isnad_learn::CodecError),
    /// A CoNLL-U line that could not be read.
    #[error("{path}:{line}: {reason}")]
    Conllu {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// No training sentences.
    #[error("no training data: {0}")]
    EmptyData(String),
}

impl SyntaxError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        SyntaxError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
