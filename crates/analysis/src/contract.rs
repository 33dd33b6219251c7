//! The serialized shape of one analysis. Field names are fixed by `shared/CONTRACT.md`: the scorer
//! and downstream tools read them, so fields may be added but never renamed or dropped.

use isnad_entities::Entity;
use isnad_extract::{DateMention, Quote, Relation};
use isnad_text::Span;
use serde::Serialize;

/// The schema tag every analysis carries, so that readers can refuse formats they do not know.
pub const SCHEMA: &str = "isnad.analysis/1";

/// One document's analysis, as `isnad analyze` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// What the document is.
    pub doc: DocInfo,
    /// Sentence spans, in code points of the input.
    pub sentences: Vec<Span>,
    /// The actors and places of the document, one per real-world referent.
    pub entities: Vec<Entity>,
    /// Who is said to do what to whom.
    pub relations: Vec<Relation>,
    /// Direct speech with its speaker and chain of sources.
    pub quotes: Vec<Quote>,
    /// Dates with ISO values.
    pub dates: Vec<DateMention>,
    /// Tokens with offsets, search keys, segments and tags; only with `--tokens`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenInfo>>,
}

/// The `doc` object of the contract.
#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    /// The file name without its extension, unless the input supplied an id.
    pub id: String,
    /// Where the text came from, as the user named it (`-` for standard input).
    pub source: String,
    /// Length in code points, the unit of every offset.
    pub chars: usize,
    /// `ar` when Arabic letters dominate, `en` for Latin text, `und` when there is no text.
    pub lang: &'static str,
    /// Publication date (ISO), when known: relative dates resolve against it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// One token of the `--tokens` listing.
#[derive(Debug, Clone, Serialize)]
pub struct TokenInfo {
    /// Code-point start in the input.
    pub start: usize,
    /// Code-point end (exclusive).
    pub end: usize,
    /// The slice of the input.
    pub text: String,
    /// The tokenizer's class (arabic, latin, number, punct, …).
    pub kind: String,
    /// The search key, the form the index and the linker compare.
    pub key: String,
    /// The syntactic words of an Arabic token, with their UPOS tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentInfo>,
}

/// One syntactic word inside a token.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentInfo {
    /// The form in PADT orthography (ta marbuta and the article of لل restored).
    pub form: String,
    /// Code-point start in the input.
    pub start: usize,
    /// Code-point end (exclusive).
    pub end: usize,
    /// proclitic, stem or enclitic.
    pub kind: String,
    /// Universal POS tag.
    pub upos: String,
    /// The syntactic head, as `[token index, segment index]` in this token list; `null` for the
    /// root of the sentence.
    pub head: Option<[usize; 2]>,
    /// The UD v2 dependency relation to the head.
    pub deprel: String,
}
