//! Extraction: quotations with their chain of sources, relations between actors, and dates.
//!
//! # Brief overview
//!
//! [`extract_actors`] reads a text and the actors found in it ([`Actor`]: id, type and mention
//! offsets) and returns an [`Extraction`]:
//! - [`Quote`]s: words inside quotation marks or after a speech verb and a colon, with the cue
//!   («قال», «وأضاف», «كما كتب», «وفقا ل»), the speaker (an actor id, or `None` with a
//!   description for unnamed sources such as «مصدر أمني») and the `via` chain of outlets;
//! - [`Relation`]s of the fourteen [`RelationType`]s between actors of one sentence, with
//!   negation, attribution (`asserted_by`), the evidence span and a confidence;
//! - [`DateMention`]s with ISO values, relative ones resolved against the publication date.
//!
//! All offsets are code points into the original text, and every `text` is that exact slice.
//! The pipeline entry point for analyzed documents is [`extract`], which maps recognized
//! entities to actors first.
//!
//! ```
//! use isnad_extract::{extract_actors, Actor, ActorKind};
//!
//! let text = "وقال المتحدث باسم الجيش أحمد علي: «سنرد على هذا الهجوم في الوقت المناسب».";
//! let find = |s: &str| {
//!     let b = text.find(s).unwrap();
//!     let start = text[..b].chars().count();
//!     (start, start + s.chars().count())
//! };
//! let actors = vec![
//!     Actor { id: "e1".into(), kind: ActorKind::Org, name: "الجيش".into(), mentions: vec![find("الجيش")] },
//!     Actor { id: "e2".into(), kind: ActorKind::Per, name: "أحمد علي".into(), mentions: vec![find("أحمد علي")] },
//! ];
//! let morph = isnad_morph::Morphology::global();
//! let x = extract_actors(text, morph, &actors, Some("2024-05-02"));
//! assert_eq!(x.quotes.len(), 1);
//! assert_eq!(x.quotes[0].speaker.as_deref(), Some("e2"));
//! assert_eq!(x.quotes[0].text, "سنرد على هذا الهجوم في الوقت المناسب");
//! assert_eq!(x.relations[0].kind, isnad_extract::RelationType::MemberOf);
//! ```
#![deny(missing_docs)]

mod arguments;
mod calendar;
mod constructs;
mod dates;
mod doc;
mod entry;
mod learned;
mod morph;
mod quotes;
mod raw;
mod relations;
mod scan;
mod speakers;
mod speech;
mod triggers;
mod words;

pub use entry::extract;
#[cfg(feature = "train")]
pub use learned::train as relation_training;
pub use learned::{RelationModel, FORMAT_VERSION as RELATION_MODEL_VERSION};
#[cfg(feature = "train")]
pub use speakers::{train_speakers, SpeakerDoc, SpeakerOptions, SpeakerReport, SpeakerTarget};
pub use speakers::{SpeakerModel, SpeakerModelError};

use serde::Serialize;

/// The kind of an actor, as the entity stage typed it (the document model's [`EntityType`]:
/// MISC is never a speaker or relation argument).
pub use isnad_doc::EntityType as ActorKind;

/// One actor of the document: what extraction needs from an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The entity id the output refers to.
    pub id: String,
    /// Its type.
    pub kind: ActorKind,
    /// Its canonical name (fallback speaker text).
    pub name: String,
    /// Mention spans, code points into the original text, end exclusive.
    pub mentions: Vec<(usize, usize)>,
}

/// The contract's relation types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    /// A person or unit belongs to an organization; a branch to its parent.
    MemberOf,
    /// Leads an organization.
    LeaderOf,
    /// Alliance, collaboration, coordination (symmetric).
    CooperatesWith,
    /// Weapons, explosives, equipment, materiel.
    Supplies,
    /// Medical care, shelter, money, logistics, communication services.
    ProvidesAid,
    /// Armed attack, killing, execution, bombing.
    Attacks,
    /// Threatens.
    Threatens,
    /// Arrests, detains, tortures, persecutes.
    Represses,
    /// Accuses, condemns, criticizes, declares apostate.
    Accuses,
    /// Denies a claim or a tie; the object is the other party.
    Denies,
    /// Meeting or visit (symmetric).
    Meets,
    /// Based in, operates in, comes from a place.
    LocatedIn,
    /// Sends a letter or message to.
    CommunicatesWith,
    /// An outlet or institute translates, publishes or reports a text of the object.
    TranslatesOrPublishes,
}

impl RelationType {
    /// Every type, in the order of the contract.
    pub const ALL: [RelationType; 14] = [
        RelationType::MemberOf,
        RelationType::LeaderOf,
        RelationType::CooperatesWith,
        RelationType::Supplies,
        RelationType::ProvidesAid,
        RelationType::Attacks,
        RelationType::Threatens,
        RelationType::Represses,
        RelationType::Accuses,
        RelationType::Denies,
        RelationType::Meets,
        RelationType::LocatedIn,
        RelationType::CommunicatesWith,
        RelationType::TranslatesOrPublishes,
    ];

    /// The contract's name (`member_of` …).
    pub fn as_str(self) -> &'static str {
        match self {
            RelationType::MemberOf => "member_of",
            RelationType::LeaderOf => "leader_of",
            RelationType::CooperatesWith => "cooperates_with",
            RelationType::Supplies => "supplies",
            RelationType::ProvidesAid => "provides_aid",
            RelationType::Attacks => "attacks",
            RelationType::Threatens => "threatens",
            RelationType::Represses => "represses",
            RelationType::Accuses => "accuses",
            RelationType::Denies => "denies",
            RelationType::Meets => "meets",
            RelationType::LocatedIn => "located_in",
            RelationType::CommunicatesWith => "communicates_with",
            RelationType::TranslatesOrPublishes => "translates_or_publishes",
        }
    }

    /// The type of a contract name.
    pub fn parse(name: &str) -> Option<RelationType> {
        RelationType::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// `cooperates_with` and `meets` hold both ways and are scored without order.
    pub fn is_symmetric(self) -> bool {
        matches!(self, RelationType::CooperatesWith | RelationType::Meets)
    }
}

/// The trained models extraction can use; each missing one falls back to the hand rules.
/// The caller owns them (load once, pass to every document).
#[derive(Debug, Clone, Copy, Default)]
pub struct ExtractModels<'m> {
    /// The relation classifier (`isnad train relations`).
    pub relations: Option<&'m RelationModel>,
    /// The quote-speaker ranker (`isnad train speakers`); without it the rules choose.
    pub speakers: Option<&'m SpeakerModel>,
}

/// The clause a relation was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The exact slice of the text.
    pub text: String,
}

/// A directed relation between two actors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    /// Subject entity id.
    pub subject: String,
    /// Relation type.
    #[serde(rename = "type")]
    pub kind: RelationType,
    /// Object entity id.
    pub object: String,
    /// The text says it did not happen.
    pub negated: bool,
    /// The entity the text attributes the statement to; `None` for the outlet's own voice.
    pub asserted_by: Option<String>,
    /// How the text describes an unnamed source the statement is attributed to («مصادر
    /// أمنية»), when `asserted_by` is `None` because no entity names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asserted_by_text: Option<String>,
    /// The clause that states it.
    pub evidence: Evidence,
    /// Rule reliability in [0, 1].
    pub confidence: f32,
}

/// A quotation (direct speech).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Speaker entity id, `None` for unnamed or unresolved sources.
    pub speaker: Option<String>,
    /// How the text names the speaker («أبو عبدالله», «مصدر أمني»).
    pub speaker_text: String,
    /// The speech verb or phrase as written («وقال», «كما كتب», «وفقا ل»).
    pub cue: String,
    /// The quoted words without the marks.
    pub text: String,
    /// First code point of `text`.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// Entities the words passed through (translated, published, quoted by), nearest first.
    pub via: Vec<String>,
}

/// A date expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// The exact slice of the text.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// ISO 8601 with dashes for unknown parts (`--02-24`, `2016-10`, `2017-W06`, `2025/2026`,
    /// a decade `199-`); `----` when nothing can be resolved (a weekday with no publication date,
    /// a Hijri year alone). Hijri days are converted by the tabular calendar (±1 day).
    pub value: String,
}

/// Everything extraction finds in one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Extraction {
    /// Relations between actors.
    pub relations: Vec<Relation>,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Date mentions.
    pub dates: Vec<DateMention>,
}

/// Extracts quotes, relations and dates from `text` given its actors, running the text and
/// morphology stages first (use [`extract`] when the document is already analyzed). Relations
/// come from the hand rules; [`extract`] takes a parse and a trained model.
///
/// # Arguments
/// * `text` - the original document; all offsets refer to it.
/// * `actors` - entities with their mention spans; speakers and relation arguments are taken
///   only from these.
/// * `published` - the ISO publication date (`YYYY-MM-DD…`), used to resolve «أمس», «الثلاثاء».
/// * `morph` - the morphology stage (the caller owns the model: `isnad_morph::Morphology`).
pub fn extract_actors(
    text: &str,
    morph: &dyn isnad_doc::SentenceAnalyzer,
    actors: &[Actor],
    published: Option<&str>,
) -> Extraction {
    extract_analyzed(
        &isnad_doc::AnalyzedText::new(text, morph),
        None,
        actors,
        published,
        ExtractModels::default(),
    )
}

/// The descriptor span of the unnamed source that vouches for `start..end`, if any.
fn unnamed_source(
    clauses: &[(usize, usize)],
    attribution: &[Vec<raw::Attribution>],
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let i = clauses.partition_point(|c| c.1 <= start);
    let a = raw::source_of(attribution.get(i)?, start, end)?;
    a.actor.is_none().then_some(a.descriptor).flatten()
}

/// Extraction over a document the text and morphology stages have already read.
pub(crate) fn extract_analyzed(
    analyzed: &isnad_doc::AnalyzedText<'_>,
    syntax: Option<&isnad_doc::Dependencies>,
    actors: &[Actor],
    published: Option<&str>,
    models: ExtractModels<'_>,
) -> Extraction {
    let doc = doc::Doc::new(analyzed, actors);
    let reference = dates::Reference::parse(published);
    let dates = dates::find(&doc.chars, &doc.words, reference.as_ref());
    let mut rules = relations::rules(&doc, models.speakers);
    let raw = match models.relations {
        Some(model) => {
            let ctx = learned::candidates::Context::new(
                &doc,
                analyzed,
                syntax,
                &rules.relations,
                &rules.quotes,
            );
            learned::find(model, &ctx, &rules.clauses, &rules.attribution)
        }
        None => std::mem::take(&mut rules.relations),
    };
    let found = &rules.quotes;
    let id = |a: usize| actors[a].id.clone();
    let mut relations: Vec<Relation> = raw
        .into_iter()
        .map(|r| Relation {
            subject: id(r.subject),
            kind: r.kind,
            object: id(r.object),
            negated: r.negated,
            asserted_by: r.asserted_by.map(id),
            asserted_by_text: r
                .asserted_by
                .is_none()
                .then(|| unnamed_source(&rules.clauses, &rules.attribution, r.start, r.end))
                .flatten()
                .map(|(s, e)| doc.slice(s, e)),
            evidence: Evidence {
                start: r.start,
                end: r.end,
                text: doc.slice(r.start, r.end),
            },
            confidence: r.confidence,
        })
        .collect();
    // Quotes relayed by an outlet: the outlet publishes the speaker's words.
    for q in found {
        if let Some(sp) = q.speaker {
            for &v in &q.via {
                if v != sp
                    && actors[v].kind == ActorKind::Org
                    && !relations.iter().any(|r| {
                        r.kind == RelationType::TranslatesOrPublishes
                            && r.subject == actors[v].id
                            && r.object == actors[sp].id
                    })
                {
                    relations.push(Relation {
                        subject: id(v),
                        kind: RelationType::TranslatesOrPublishes,
                        object: id(sp),
                        negated: false,
                        asserted_by: None,
                        asserted_by_text: None,
                        evidence: Evidence {
                            start: q.start,
                            end: q.end,
                            text: doc.slice(q.start, q.end),
                        },
                        confidence: 0.7,
                    });
                }
            }
        }
    }
    let quotes = rules
        .quotes
        .into_iter()
        .map(|q| Quote {
            speaker: q.speaker.map(id),
            speaker_text: q.speaker_text,
            cue: q.cue,
            text: doc.slice(q.start, q.end),
            start: q.start,
            end: q.end,
            via: q.via.into_iter().map(id).collect(),
        })
        .collect();
    Extraction {
        relations,
        quotes,
        dates,
    }
}
