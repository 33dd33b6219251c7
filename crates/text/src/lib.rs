//! The Arabic text core: normalization levels with offset maps, evasion hygiene, tokenization,
//! sentence splitting and transliteration.
//!
//! # Brief overview
//! * [`decode`] turns input bytes into `&str` (BOM stripped, typed error with byte offset).
//! * [`normalize`] folds text at a [`Level`] and returns [`Normalized`]: the text, a map from
//!   each output char back to its original code-point offset, and the removed [`Invisible`]
//!   characters (evasion hygiene). [`search_key`] / [`search_key_into`] are the allocation-free
//!   fast path for matching and indexing.
//! * [`tokenize`] / [`Tokenizer`] produce [`Token`]s of a [`TokenKind`] with code-point and
//!   byte offsets; [`split_sentences`] and [`paragraphs`] produce [`Span`]s.
//! * [`translit`] has Buckwalter (both ways, lossless) and [`translit::romanize_name`].
//!
//! All offsets are Unicode code-point offsets into the original text, end exclusive.
//!
//! # Example
//! ```
//! use isnad_text::{normalize, search_key, split_sentences, tokenize, Level, TokenKind};
//!
//! let text = "قال د. أحمد إن «داعـــش» انتهى. ثم غادر.";
//! // The disguised word gets the plain word's search key.
//! assert_eq!(search_key("داعـــش"), search_key("داعش"));
//!
//! let tokens = tokenize(text);
//! assert_eq!(tokens[0].kind, TokenKind::Arabic);
//! assert_eq!(tokens[0].text(text), "قال");
//!
//! let sentences = split_sentences(text);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!((sentences[1].start, sentences[1].end), (32, 40));
//!
//! let n = normalize(text, Level::SearchKey);
//! let span = n.source_span(0, 3);
//! assert_eq!((span.start, span.end), (0, 3));
//! ```
#![deny(missing_docs)]

mod chars;
mod decode;
mod fold;
mod normalize;
mod sentence;
mod tokenize;
pub mod translit;
pub mod wordlist;

pub use decode::{decode, decode_any, DecodeError};
pub use normalize::{
    normalize, search_key, search_key_into, Invisible, Level, Normalized, ParseLevelError,
};
pub use sentence::{paragraphs, split_sentences};
pub use tokenize::{tokenize, Token, TokenKind, Tokenizer};

use serde::Serialize;

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A span of code points in the original text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl Span {
    /// Number of code points covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}
