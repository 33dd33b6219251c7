//! The crate's error type.

/// Errors of the document model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocError {
    /// A tag string is not one of the 17 UPOS names.
    #[error("unknown UPOS tag {0:?}")]
    UnknownTag(String),
    /// A word-list file is malformed.
    #[error("word list {name}, line {line}: {reason}")]
    Lexicon {
        /// The list's name.
        name: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        reason: String,
    },
}
