//! Named-entity recognition: a learned PER/ORG/LOC/MISC tagger over clitic-segmented Arabic text.
//!
//! # Brief overview
//! - [`AnalyzedText`] is a document after the text stage (`isnad-text` tokens and sentences) and the
//!   morphology stage (`isnad-morph` clitic segments with UPOS, offsets made absolute); NER, entity
//!   linking and extraction all read it.
//! - [`NerTagger`] is an averaged structured perceptron with Viterbi over BIO tags, in two passes (the
//!   second adds document-level evidence from the first), with a label memory of the names seen in
//!   training. [`NerTagger::global`] is the embedded model, [`NerTagger::from_file`] one trained by
//!   `isnad train ner`.
//! - [`NerTagger::recognize`] returns [`NerSpan`]s: code-point offsets into the original text with
//!   clitics excluded («لحماس» → «حماس»), a [`NerLabel`] and a score.
//! - [`Clusters`] are the SaudiNewsNet word clusters used as features.
//!
//! # Cargo features
//! - default: loading a model and tagging, nothing else (what `isnad analyze` needs).
//! - `train`: `train`, `eval` and `build_clusters` (what `isnad train ner`, `isnad eval ner` and
//!   `isnad train clusters` call), the corpus readers and self-training. The `isnad` binary
//!   turns it on.
//! - `neural` (implies `train`): the BiLSTM-CRF experiment `neural_probe` (see the README).
//!
//! # Example
//! ```
//! use isnad_morph::Morphology;
//! use isnad_ner::{AnalyzedText, NerLabel, NerTagger};
//!
//! let text = "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بغداد يوم الاثنين.";
//! let doc = AnalyzedText::new(text, Morphology::global());
//! let spans = NerTagger::global().recognize(&doc);
//! let chars: Vec<char> = text.chars().collect();
//! let found: Vec<(String, NerLabel)> =
//!     spans.iter().map(|s| (chars[s.start..s.end].iter().collect(), s.label)).collect();
//! assert!(found.contains(&("بغداد".to_string(), NerLabel::Loc)));
//! assert!(found.iter().any(|(t, l)| t.contains("ماكرون") && *l == NerLabel::Per));
//! ```
#![deny(missing_docs)]

#[cfg(feature = "train")]
mod articles;
mod clusters;
#[cfg(feature = "train")]
mod corpus;
mod error;
#[cfg(feature = "train")]
mod eval;
mod features;
mod gazetteer;
mod label;
#[cfg(feature = "train")]
mod learner;
mod memory;
mod model;
#[cfg(feature = "neural")]
mod neural;
mod normalize;
mod propagate;
mod rng;
#[cfg(feature = "train")]
mod set;
#[cfg(feature = "train")]
mod silver;
mod stack;
mod tagger;
#[cfg(feature = "train")]
mod train;

#[cfg(feature = "train")]
pub use articles::read_articles;
#[cfg(feature = "train")]
pub use clusters::{build_clusters, ClusterReport};
pub use clusters::{Clusters, LEVELS as CLUSTER_LEVELS};
#[cfg(feature = "train")]
pub use corpus::{
    parse_conll, parse_wikifane, parse_wojood, read_aqmar_split, read_corpus, wikifane_label,
    wojood_label, CorpusFormat, Sentence, AQMAR_DEV_ARTICLES,
};
pub use error::NerError;
#[cfg(feature = "train")]
pub use eval::{eval, eval_sentences, score, NerEval, Prf};
pub use isnad_doc::AnalyzedText;
pub use isnad_morph::{Segment, SegmentKind, Upos};
pub use isnad_text::{Span, Token, TokenKind};
pub use label::{bio_chunks, BioTag, NerLabel, NerSpan};
#[cfg(feature = "neural")]
pub use neural::{neural_probe, ProbeConfig};
pub use normalize::norm_key;
#[cfg(feature = "train")]
pub use silver::{silver_sentences, write_silver, SelfTrain, SilverReport};
pub use tagger::NerTagger;
#[cfg(feature = "train")]
pub use train::{train, TrainOptions, TrainReport};
