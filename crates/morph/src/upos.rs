//! Universal POS tags, segment kinds and the [`Segment`] type.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::MorphError;

/// The 17 Universal Dependencies part-of-speech tags, in PADT frequency order.
///
/// The discriminant is the class index used inside the tagger model, so the
/// order must not change without bumping the model format version.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Upos {
    /// Noun.
    NOUN,
    /// Adposition (preposition).
    ADP,
    /// Adjective.
    ADJ,
    /// Punctuation.
    PUNCT,
    /// Verb.
    VERB,
    /// Coordinating conjunction.
    CCONJ,
    /// Other; PADT tags most proper names `X`.
    X,
    /// Pronoun.
    PRON,
    /// Numeral.
    NUM,
    /// Determiner.
    DET,
    /// Subordinating conjunction.
    SCONJ,
    /// Particle.
    PART,
    /// Auxiliary.
    AUX,
    /// Adverb.
    ADV,
    /// Symbol.
    SYM,
    /// Proper noun (rare in PADT).
    PROPN,
    /// Interjection.
    INTJ,
}

impl Upos {
    /// Number of tags.
    pub const COUNT: usize = 17;
    /// All tags, indexed by their class id.
    pub const ALL: [Upos; Upos::COUNT] = [
        Upos::NOUN,
        Upos::ADP,
        Upos::ADJ,
        Upos::PUNCT,
        Upos::VERB,
        Upos::CCONJ,
        Upos::X,
        Upos::PRON,
        Upos::NUM,
        Upos::DET,
        Upos::SCONJ,
        Upos::PART,
        Upos::AUX,
        Upos::ADV,
        Upos::SYM,
        Upos::PROPN,
        Upos::INTJ,
    ];

    /// The UD name, e.g. `"NOUN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::NOUN => "NOUN",
            Upos::ADP => "ADP",
            Upos::ADJ => "ADJ",
            Upos::PUNCT => "PUNCT",
            Upos::VERB => "VERB",
            Upos::CCONJ => "CCONJ",
            Upos::X => "X",
            Upos::PRON => "PRON",
            Upos::NUM => "NUM",
            Upos::DET => "DET",
            Upos::SCONJ => "SCONJ",
            Upos::PART => "PART",
            Upos::AUX => "AUX",
            Upos::ADV => "ADV",
            Upos::SYM => "SYM",
            Upos::PROPN => "PROPN",
            Upos::INTJ => "INTJ",
        }
    }

    /// Class index inside the tagger (0..17).
    #[inline(always)]
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Upos {
    type Err = MorphError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Upos::ALL
            .iter()
            .copied()
            .find(|u| u.as_str() == s)
            .ok_or_else(|| MorphError::UnknownTag(s.to_string()))
    }
}

/// Where a segment sits inside its surface word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SegmentKind {
    /// A clitic before the stem (و, ف, ب, ل, ك, س...).
    Proclitic,
    /// The stem (exactly one per word).
    Stem,
    /// A pronoun clitic after the stem (ه, ها, هم, ني...).
    Enclitic,
}

/// One syntactic word of a surface word.
///
/// `form` is in PADT orthography, so it may differ from the surface slice:
/// `للأسلحة` gives `ل` covering surface chars `[0,1)` and `الأسلحة` covering
/// `[1,7)` (the article's alef is restored in the form, not in the offsets);
/// `عائلته` gives `عائلة` covering `[0,5)` (surface `عائلت`) and `ه` covering
/// `[5,6)`. Offsets are code points within the surface word, end exclusive;
/// the segments of a word are contiguous, non-empty and cover the whole word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// The syntactic word in PADT orthography (restored).
    pub form: String,
    /// First code point of the surface word covered by this segment.
    pub start: usize,
    /// One past the last code point covered.
    pub end: usize,
    /// Proclitic, stem or enclitic.
    pub kind: SegmentKind,
    /// Universal POS tag (`X` until the tagger has run, see [`crate::Morphology::segment`]).
    pub upos: Upos,
}
