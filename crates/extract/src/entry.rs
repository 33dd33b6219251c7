//! The pipeline entry point over an analyzed document and its recognized entities.

use crate::{extract_analyzed, Actor, Extraction};
use isnad_doc::AnalyzedText;

/// Extracts quotes, relations and dates from an analyzed document.
///
/// The `actors` come from the entity stage (see the crate README for the mapping); offsets are
/// code points into `doc.text`.
pub fn extract(doc: &AnalyzedText<'_>, actors: &[Actor], published: Option<&str>) -> Extraction {
    extract_analyzed(doc, actors, published)
}
