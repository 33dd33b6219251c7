//! The pipeline entry point over an analyzed document and its recognized entities.

use crate::{extract_analyzed, Actor, ExtractModels, Extraction};
use isnad_doc::{AnalyzedText, Dependencies};

/// Extracts quotes, relations and dates from an analyzed document.
///
/// The `actors` come from the entity stage (see the crate README for the mapping); offsets are
/// code points into `doc.text`. `syntax` is the document's parse (the relation model reads the
/// dependency path between two actors); `models` are the trained models to use.
pub fn extract(
    doc: &AnalyzedText<'_>,
    syntax: Option<&Dependencies>,
    actors: &[Actor],
    published: Option<&str>,
    models: ExtractModels<'_>,
) -> Extraction {
    extract_analyzed(doc, syntax, actors, published, models)
}
