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
//! - [`train`], [`eval`] and [`build_clusters`] are what `isnad train ner`, `isnad eval ner` and
//!   `isnad train clusters` call; [`Clusters`] are the SaudiNewsNet word clusters used as features.
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

mod clusters;
mod corpus;
mod error;
mod eval;
mod features;
mod gazetteer;
mod label;
mod learner;
mod memory;
mod model;
mod neural;
mod normalize;
mod propagate;
mod rng;
mod silver;
mod stack;
mod tagger;
mod train;

pub use clusters::{build_clusters, ClusterReport, Clusters, LEVELS as CLUSTER_LEVELS};
pub use corpus::{
    parse_conll, parse_wikifane, parse_wojood, read_aqmar_split, read_corpus, wikifane_label,
    wojood_label, CorpusFormat, Sentence, AQMAR_DEV_ARTICLES,
};
pub use error::NerError;
pub use eval::{eval, eval_sentences, score, NerEval, Prf};
pub use isnad_doc::AnalyzedText;
pub use isnad_morph::{Segment, SegmentKind, Upos};
pub use isnad_text::{Span, Token, TokenKind};
pub use label::{bio_chunks, BioTag, NerLabel, NerSpan};
pub use neural::{neural_probe, ProbeConfig};
pub use normalize::norm_key;
pub use silver::{silver_sentences, write_silver, SelfTrain, SilverReport};
pub use tagger::NerTagger;
pub use train::{train, TrainOptions, TrainReport};
