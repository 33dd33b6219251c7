//! The analysis pipeline and the `isnad.analysis/1` contract that `isnad analyze` prints.
//!
//! # Brief overview
//!
//! An [`Analyzer`] owns the read-only models of every stage (morphology, NER, knowledge base) and
//! runs them in order: text core → morphology → entities → extraction. It returns an
//! [`Analysis`], which serializes to exactly the JSON of `shared/CONTRACT.md`, and which
//! [`render_pretty`] turns into a report for people. [`DocMeta`] carries what the caller knows
//! about the document (its id, source path and publication date), because relative dates
//! («أمس») can only be resolved against the publication date.
//!
//! Build one `Analyzer` and reuse it: loading the models is the expensive part. The models are
//! the embedded ones unless the caller passes others through [`Analyzer::builder`] (or loads a
//! folder of them with [`Models::from_dir`]).
//!
//! ```
//! use isnad_analysis::{Analyzer, DocMeta, Options};
//!
//! let analyzer = Analyzer::new();
//! let text = "قال الرئيس إن الاجتماع كان مثمرا.\n\nوأضاف أن المحادثات ستستمر.";
//! let analysis = analyzer.analyze(text, DocMeta::new("demo", "demo.txt"), &Options::default());
//! assert_eq!(analysis.schema, "isnad.analysis/1");
//! assert_eq!(analysis.sentences.len(), 2);
//! let first = &analysis.sentences[0];
//! let sentence: String = text.chars().skip(first.start).take(first.end - first.start).collect();
//! assert_eq!(sentence, "قال الرئيس إن الاجتماع كان مثمرا.");
//! ```
#![deny(missing_docs)]

pub mod bench;
mod contract;
mod models;
mod pipeline;
mod pretty;
mod window;

pub use contract::{Analysis, DocInfo, TokenInfo, SCHEMA};
pub use models::{
    AnalyzerBuilder, ModelError, Models, RelationsFileError, CLUSTERS_FILE, NER_FILE, PARSER_FILE,
    RELATIONS_FILE, SEGMENTER_FILE, SPEAKERS_FILE, TAGGER_FILE,
};
pub use pipeline::{actor_of, Analyzer, DocMeta, Options, Reading};
pub use pretty::render_pretty;
pub use window::WINDOW_CHARS;
