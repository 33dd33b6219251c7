//! isnad's document model: the types every stage after the text core shares.
//!
//! # Brief overview
//!
//! - [`AnalyzedText`]: a document after the text stage (tokens, sentences) and a morphology
//!   stage (clitic [`Segment`]s with [`Upos`] tags, offsets made absolute). NER, entities,
//!   syntax and extraction all read it. The morphology is any [`SentenceAnalyzer`] the caller
//!   passes in, so this crate holds no model.
//! - [`EntityType`], [`Entity`] and [`Mention`]: what the entity stage produces.
//! - [`fold_key`]: the one Arabic key fold. Word lists, entity identity, the knowledge base and
//!   extraction all compare words through it.
//! - [`Lexicon`]: the word lists of `lexicons/`, embedded and folded once.
//! - [`light_stem`]: the one light stemmer (article and pronoun off a folded word), for
//!   comparing vocabulary where no morphology model runs.
//! - [`identity_key`]: the one key that decides whether two mentions, two windows of a long
//!   document or two documents name the same actor.
//!
//! This crate is the bottom of the pipeline after `isnad-text`: it depends on no model, no
//! training code and no other isnad stage.
#![deny(missing_docs)]

mod document;
mod entity;
mod error;
mod fold;
mod identity;
mod lexicon;
mod morph;
mod stem;
mod syntax;

pub use document::{is_wordlike, AnalyzedText, SentenceAnalyzer};
pub use entity::{Entity, EntityType, Mention};
pub use error::DocError;
pub use fold::{fold_char, fold_into, fold_key, is_invisible, is_mark};
pub use identity::{identity_key, is_arabic, name_key};
pub use isnad_text::{Span, Token, TokenKind};
pub use lexicon::{embedded_names, Entry, Lexicon};
pub use morph::{strip_article, Segment, SegmentKind, Upos};
pub use stem::{has_clitic_article, light_stem};
pub use syntax::{Dep, Dependencies, SegmentRef};
