//! Entities and mentions: what the entity stage produces and extraction, the corpus and every
//! export read.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The coarse type of an actor or place, as the analysis contract spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organization (group, government body, outlet, armed unit).
    #[serde(rename = "ORG")]
    Org,
    /// A place.
    #[serde(rename = "LOC")]
    Loc,
    /// Any other name; never a speaker or relation argument.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// The contract spelling: `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses the contract spelling (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PER" => Some(EntityType::Per),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A mention: code-point offsets into the original text (end exclusive); `text` is that slice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The slice of the original text.
    pub text: String,
}

/// One real-world actor or place inside a document, as the analysis contract prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Per-document id: «e1», «e2»... in order of first mention.
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The fullest Arabic name among the mentions.
    pub name: String,
    /// The knowledge base's English name when linked, else a romanization.
    pub name_en: String,
    /// The knowledge-base id when linked.
    pub kb_id: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}
