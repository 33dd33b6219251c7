//! Scoring of extraction against annotated articles.
//!
//! The annotations (`shared/gold`, `shared/train/gold`) follow `shared/ANNOTATION.md`; the
//! reference scorer is `shared/tools/score.py`. This crate computes the same figures, to the
//! last digit, so that `isnad eval extract` reports what the project is measured by without
//! Python, and so a test can hold the two to each other.
//!
//! Matching is lenient about orthography (diacritics, tatweel, alef/ya/ta-marbuta variants,
//! quote marks) and one leading proclitic, and strict about who is linked to whom; predicted
//! MISC entities are ignored. The scorer's own normalization ([`norm`]) is deliberately *not*
//! isnad's fold: it is the measuring stick, and must stay the scorer's.
//!
//! ```
//! use isnad_eval::{score_doc, Counts, Registry, Scores};
//! use serde_json::json;
//!
//! let registry = Registry::from_json(&json!([{"id": "hamas", "type": "ORG", "name_ar": "حماس"}]));
//! let gold = json!({"entities": [{"id": "hamas", "mentions": ["حماس"]}],
//!                   "relations": [], "quotes": [], "dates": []});
//! let pred = json!({"entities": [{"id": "e1", "type": "ORG", "name": "حماس",
//!                   "mentions": [{"text": "لحماس"}]}]});
//! let mut total = Counts::default();
//! total.add(&score_doc(&pred, &gold, &registry));
//! let s = Scores::from_counts(&total);
//! assert_eq!(s.entity.f1, 1.0);
//! ```
#![deny(missing_docs)]

mod counts;
mod extract;
mod norm;

pub use counts::{Counts, Prf, Scores};
pub use extract::{map_clusters, match_spans, relation_confidences, score_doc, Registry};
pub use norm::{norm, variants};

/// Errors of reading annotations and predictions.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file is not the JSON it should be.
    #[error("{path} is not valid JSON: {source}")]
    Json {
        /// The file.
        path: std::path::PathBuf,
        /// The underlying error.
        source: serde_json::Error,
    },
}

/// Reads a JSON file.
///
/// # Errors
///
/// [`EvalError::Io`] or [`EvalError::Json`], naming the file.
pub fn read_json(path: &std::path::Path) -> Result<serde_json::Value, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|source| EvalError::Json {
        path: path.to_path_buf(),
        source,
    })
}
