//! Universal POS tags, segment kinds and the [`Segment`] type: what the morphology stage
//! produces and every later stage reads, so they live below it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::DocError;

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

    /// Class index inside the tagger model (0..17); the tagger's model format depends on it.
    #[inline(always)]
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Upos {
    type Err = DocError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Upos::ALL
            .iter()
            .copied()
            .find(|u| u.as_str() == s)
            .ok_or_else(|| DocError::UnknownTag(s.to_string()))
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
    /// Universal POS tag (`X` until a tagger has run).
    pub upos: Upos,
}

/// Code-point length of a leading definite article `ال` in a stem, if any.
///
/// PADT (and therefore isnad's segmenter) keeps the article attached (`الأسلحة` is one
/// syntactic word). Search and NER often want the bare noun, so this rule says how many code
/// points to drop. Pass the restored form ([`Segment::form`]): after a ل proclitic the surface
/// has lost the article's alef (`للأسلحة`), but the form has it back (`الأسلحة`);
/// [`Segment::surface_article_len`] gives the length in the surface word instead.
///
/// Rules: the stem starts with bare alef + `ل`, has at least two more letters, and is not one of
/// the `ال`-initial relative pronouns (`lexicons/relative_pronouns.tsv`). Diacritics are ignored
/// for the test but counted in the returned length.
///
/// # Examples
/// ```
/// use isnad_doc::strip_article;
/// assert_eq!(strip_article("الأسلحة"), Some(2));
/// assert_eq!(strip_article("وزير"), None);
/// assert_eq!(strip_article("الذي"), None);
/// ```
pub fn strip_article(stem: &str) -> Option<usize> {
    let letters: Vec<(usize, char)> = stem
        .chars()
        .enumerate()
        .filter(|(_, c)| !crate::fold::is_mark(*c))
        .collect();
    if letters.len() < 4 || letters[0].1 != 'ا' || letters[1].1 != 'ل' {
        return None;
    }
    let bare: String = letters.iter().map(|(_, c)| c).collect();
    if crate::Lexicon::embedded("relative_pronouns").contains_word(&bare) {
        return None;
    }
    Some(letters[1].0 + 1)
}

impl Segment {
    /// Code points of the article at the start of this segment's *surface* slice (2 for `ال`,
    /// 1 after a ل proclitic that swallowed the alef), if [`strip_article`] finds one in the
    /// form.
    pub fn surface_article_len(&self) -> Option<usize> {
        let n = strip_article(&self.form)?;
        let form_len = self.form.chars().count();
        Some(if self.end - self.start + 1 == form_len {
            n - 1
        } else {
            n
        })
    }
}
