//! Relations before ids are attached, the set they are collected in, and who vouches for them.
//! Shared by the trigger rules (`relations`) and the fixed constructions (`constructs`), so
//! neither module depends on the other's internals.

use crate::RelationType;

/// A relation before ids are attached: actors are indices into the actor list.
#[derive(Debug, Clone)]
pub(crate) struct RawRelation {
    pub subject: usize,
    pub kind: RelationType,
    pub object: usize,
    pub negated: bool,
    pub asserted_by: Option<usize>,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
}

/// A span of text the document attributes to an actor: a quote's words, or what a sentence
/// reports «وفقا ل X» or after «قال X إن».
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attribution {
    pub start: usize,
    pub end: usize,
    /// The actor; `None` for an unnamed source («مصادر أمنية»).
    pub actor: Option<usize>,
    /// How the text describes an unnamed source (code points).
    pub descriptor: Option<(usize, usize)>,
}

/// The actor that vouches for the text `start..end`: the first attribution span covering it
/// (`None` for the outlet's own voice and for an unnamed source).
pub(crate) fn asserted_by(spans: &[Attribution], start: usize, end: usize) -> Option<usize> {
    source_of(spans, start, end).and_then(|a| a.actor)
}

/// The first attribution span covering `start..end`.
pub(crate) fn source_of(spans: &[Attribution], start: usize, end: usize) -> Option<&Attribution> {
    spans.iter().find(|a| a.start <= start && end <= a.end)
}

/// Adds `r` unless it relates an actor to itself; a relation already present (either direction
/// for the symmetric types) keeps the higher confidence instead of being repeated.
pub(crate) fn push(out: &mut Vec<RawRelation>, r: RawRelation) {
    if r.subject == r.object {
        return;
    }
    let symmetric = matches!(r.kind, RelationType::CooperatesWith | RelationType::Meets);
    let dup = out.iter_mut().find(|o| {
        o.kind == r.kind
            && o.negated == r.negated
            && ((o.subject == r.subject && o.object == r.object)
                || (symmetric && o.subject == r.object && o.object == r.subject))
    });
    match dup {
        Some(o) => o.confidence = o.confidence.max(r.confidence),
        None => out.push(r),
    }
}
