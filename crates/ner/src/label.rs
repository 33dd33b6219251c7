//! Entity labels, BIO tags and recognized spans.

use serde::{Deserialize, Serialize};

/// The four coarse entity classes of ANERcorp/AQMAR (CoNLL style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NerLabel {
    /// A person.
    Per,
    /// An organization (government body, party, company, team, ...).
    Org,
    /// A location (country, city, geographic feature, ...).
    Loc,
    /// Any other named entity (events, products, nationalities, ...).
    Misc,
}

impl NerLabel {
    /// All labels, in tag-index order.
    pub const ALL: [NerLabel; 4] = [NerLabel::Per, NerLabel::Org, NerLabel::Loc, NerLabel::Misc];

    /// The conventional short name (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Org => "ORG",
            NerLabel::Loc => "LOC",
            NerLabel::Misc => "MISC",
        }
    }

    /// Parses corpus class names: ANERcorp `PERS`, AQMAR `PER`, AQMAR `MIS0..3` (all collapsed to MISC).
    pub fn parse(s: &str) -> Option<NerLabel> {
        match s.to_ascii_uppercase().as_str() {
            "PER" | "PERS" | "PERSON" => Some(NerLabel::Per),
            "ORG" | "ORGANIZATION" => Some(NerLabel::Org),
            "LOC" | "LOCATION" | "GPE" => Some(NerLabel::Loc),
            u if u.starts_with("MIS") => Some(NerLabel::Misc),
            _ => None,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            NerLabel::Per => 0,
            NerLabel::Org => 1,
            NerLabel::Loc => 2,
            NerLabel::Misc => 3,
        }
    }
}

impl std::fmt::Display for NerLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A BIO tag over one surface token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BioTag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(NerLabel),
    /// Continuation of the entity started by the previous token.
    I(NerLabel),
}

/// Number of distinct BIO tags (O + B/I for four labels).
pub(crate) const NUM_TAGS: usize = 9;

impl BioTag {
    /// Dense index used by the model: O = 0, B-x = 1 + 2x, I-x = 2 + 2x.
    pub(crate) fn index(self) -> usize {
        match self {
            BioTag::O => 0,
            BioTag::B(l) => 1 + 2 * l.index(),
            BioTag::I(l) => 2 + 2 * l.index(),
        }
    }

    pub(crate) fn from_index(i: usize) -> BioTag {
        if i == 0 || i >= NUM_TAGS {
            return BioTag::O;
        }
        let l = NerLabel::ALL[(i - 1) / 2];
        if (i - 1) % 2 == 0 {
            BioTag::B(l)
        } else {
            BioTag::I(l)
        }
    }

    /// The entity label, if any.
    pub fn label(self) -> Option<NerLabel> {
        match self {
            BioTag::O => None,
            BioTag::B(l) | BioTag::I(l) => Some(l),
        }
    }

    /// Parses `O`, `B-PERS`, `I-LOC`, `B-MIS1`...; unknown classes (AQMAR noise such as `B-ENGLISH`) become `O`.
    pub fn parse(s: &str) -> BioTag {
        let s = s.trim();
        let (prefix, class) = match s.split_once('-') {
            Some((p, c)) => (p, c.trim_start_matches('-')),
            None => return BioTag::O,
        };
        match (prefix.to_ascii_uppercase().as_str(), NerLabel::parse(class)) {
            ("B", Some(l)) => BioTag::B(l),
            ("I", Some(l)) => BioTag::I(l),
            _ => BioTag::O,
        }
    }
}

impl std::fmt::Display for BioTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BioTag::O => f.write_str("O"),
            BioTag::B(l) => write!(f, "B-{l}"),
            BioTag::I(l) => write!(f, "I-{l}"),
        }
    }
}

/// A recognized entity mention.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NerSpan {
    /// Start, in code points into the document text; proclitics (و، ب، ل، ال...) are excluded.
    pub start: usize,
    /// End (exclusive), in code points; enclitic pronouns are excluded.
    pub end: usize,
    /// The entity class.
    pub label: NerLabel,
    /// Confidence in (0, 1]: the margin of the best path over the best competing tag, squashed.
    pub score: f32,
}

/// Converts a BIO sequence to `(start_token, end_token_exclusive, label)` chunks, conlleval style
/// (an `I-x` that does not continue an `x` chunk opens a new one).
pub fn bio_chunks(tags: &[BioTag]) -> Vec<(usize, usize, NerLabel)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, NerLabel)> = None;
    for (i, t) in tags.iter().enumerate() {
        match *t {
            BioTag::O => {
                if let Some((s, l)) = cur.take() {
                    out.push((s, i, l));
                }
            }
            BioTag::B(l) => {
                if let Some((s, pl)) = cur.take() {
                    out.push((s, i, pl));
                }
                cur = Some((i, l));
            }
            BioTag::I(l) => match cur {
                Some((_, pl)) if pl == l => {}
                _ => {
                    if let Some((s, pl)) = cur.take() {
                        out.push((s, i, pl));
                    }
                    cur = Some((i, l));
                }
            },
        }
    }
    if let Some((s, l)) = cur {
        out.push((s, tags.len(), l));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_index_roundtrip() {
        for i in 0..NUM_TAGS {
            assert_eq!(BioTag::from_index(i).index(), i);
        }
    }

    #[test]
    fn parse_corpus_tags() {
        assert_eq!(BioTag::parse("B-PERS"), BioTag::B(NerLabel::Per));
        assert_eq!(BioTag::parse("I-MIS2"), BioTag::I(NerLabel::Misc));
        assert_eq!(BioTag::parse("B-ENGLISH"), BioTag::O);
        assert_eq!(BioTag::parse("I--ORG"), BioTag::I(NerLabel::Org));
        assert_eq!(BioTag::parse("O"), BioTag::O);
    }

    #[test]
    fn chunks_follow_conlleval() {
        use BioTag::*;
        use NerLabel::*;
        let tags = [B(Per), I(Per), O, I(Loc), I(Loc), B(Org), I(Per)];
        assert_eq!(
            bio_chunks(&tags),
            vec![(0, 2, Per), (3, 5, Loc), (5, 6, Org), (6, 7, Per)]
        );
    }
}
