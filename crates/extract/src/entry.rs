//! The pipeline entry point over an analyzed document and its recognized entities.

use crate::{extract_analyzed, Actor, Extraction, SpeakerModel};
use isnad_doc::AnalyzedText;

/// Extracts quotes, relations and dates from an analyzed document.
///
/// The `actors` come from the entity stage (see the crate README for the mapping); offsets are
/// code points into `doc.text`.
pub fn extract(doc: &AnalyzedText<'_>, actors: &[Actor], published: Option<&str>) -> Extraction {
    extract_analyzed(doc, actors, published, None)
}

/// Like [`extract`], with quote speakers chosen by a trained ranker ([`SpeakerModel`]) instead
/// of the rules alone; `None` is [`extract`].
pub fn extract_with_speakers(
    doc: &AnalyzedText<'_>,
    actors: &[Actor],
    published: Option<&str>,
    speakers: Option<&SpeakerModel>,
) -> Extraction {
    extract_analyzed(doc, actors, published, speakers)
}
