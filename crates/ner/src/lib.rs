//! Named-entity recognition: a learned PER/ORG/LOC/MISC tagger over segmented Arabic text.
//!
//! # Brief overview
//! - [`AnalyzedText`] is the document after tokenization, sentence splitting and clitic segmentation;
//!   NER, entity linking and extraction all read it.
//! - [`NerSpan`] is a recognized mention: code-point offsets into the original text (clitics excluded),
//!   a [`NerLabel`] and a score. [`BioTag`] is the per-token tag used on pre-tokenized corpora.
#![deny(missing_docs)]

mod clusters;
mod corpus;
mod doc;
mod error;
mod eval;
mod features;
mod gazetteer;
mod label;
mod model;
mod normalize;
mod rng;
mod stack;
mod tagger;
mod train;

pub use clusters::{build_clusters, ClusterReport, Clusters, LEVELS as CLUSTER_LEVELS};
pub use doc::AnalyzedText;
pub use isnad_morph::{Segment, SegmentKind, Upos};
pub use isnad_text::{Span, Token, TokenKind};
pub use corpus::{parse_conll, read_corpus, CorpusFormat, Sentence, AQMAR_DEV_ARTICLES};
pub use error::NerError;
pub use eval::{eval, eval_sentences, score, NerEval, Prf};
pub use label::{bio_chunks, BioTag, NerLabel, NerSpan};
pub use normalize::norm_key;
pub use tagger::NerTagger;
pub use train::{train, TrainOptions, TrainReport};
