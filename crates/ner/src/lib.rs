//! Named-entity recognition: a learned PER/ORG/LOC/MISC tagger over segmented Arabic text.
//!
//! # Brief overview
//! - [`AnalyzedText`] is the document after tokenization, sentence splitting and clitic segmentation;
//!   NER, entity linking and extraction all read it.
//! - [`NerSpan`] is a recognized mention: code-point offsets into the original text (clitics excluded),
//!   a [`NerLabel`] and a score. [`BioTag`] is the per-token tag used on pre-tokenized corpora.
#![deny(missing_docs)]

mod doc;
mod error;
mod label;
mod normalize;
mod segment;

pub use doc::{AnalyzedText, Segment, SegmentKind, Span, Token, TokenKind};
pub use error::NerError;
pub use label::{bio_chunks, BioTag, NerLabel, NerSpan};
pub use normalize::norm_key;
