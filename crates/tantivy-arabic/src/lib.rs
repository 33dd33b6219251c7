//! An Arabic analyzer for [Tantivy](https://docs.rs/tantivy): isnad's search keys as tokens, with
//! clitics stripped, hamza spellings folded and Latin spellings of names mapped to the Arabic.
//!
//! # Brief overview
//! * [`ArabicAnalyzer`] is a `tantivy_tokenizer_api::Tokenizer`. [`ArabicAnalyzer::new`] is
//!   for indexing and stacks, at each word's position, the clitic-free stem key
//!   (وبالكتاب → كتاب), the whole-word key when it differs, and a Latin consonant skeleton of
//!   the stem's romanization (البغدادي → `bgdd`). [`ArabicAnalyzer::query`] gives one term per
//!   word, so a query parser builds term and phrase queries out of it.
//! * Keys are [`term_key`]s: isnad's one key fold [`isnad_doc::fold_key`] (diacritics, tatweel
//!   and invisibles removed, أإآٱ→ا, ى→ي, ة→ه, ؤ/ئ→ء, ک→ك, digits ASCII; presentation forms first
//!   read as their letters) with one search tolerance, [`drop_final_hamza`].
//! * Latin words become [`latin_skeleton`]s, so «Baghdadi», «al-Baghdadi» and «el-Bagdadi» all
//!   find البغدادي.
//! * Offsets are byte offsets of the surface word in the original text (for highlighting).
//!
//! The crate depends on `tantivy-tokenizer-api` only; with the `tantivy` feature it also
//! offers [`register`].
//!
//! # Example
//! ```
//! use tantivy_arabic::ArabicAnalyzer;
//! use tantivy_tokenizer_api::{TokenStream, Tokenizer};
//!
//! let text = "وبالكتاب";
//! let mut analyzer = ArabicAnalyzer::query();
//! let mut stream = analyzer.token_stream(text);
//! assert!(stream.advance());
//! assert_eq!(stream.token().text, "كتاب");
//! assert_eq!((stream.token().offset_from, stream.token().offset_to), (0, text.len()));
//! assert!(!stream.advance());
//! ```
//!
//! Registering with an index (the manager is not saved with the index: register after every
//! open, and before building a `QueryParser`):
//! ```ignore
//! index.tokenizers().register("arabic", tantivy_arabic::ArabicAnalyzer::new());
//! index.tokenizers().register("arabic_query", tantivy_arabic::ArabicAnalyzer::query());
//! ```
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod analyzer;
mod word;

pub use analyzer::{ArabicAnalyzer, ArabicTokenStream, Mode};
pub use isnad_text::translit::latin_skeleton;
pub use word::{drop_final_hamza, term_key, with_word_keys, word_keys, WordKeys};

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The name [`register`] gives the indexing analyzer.
pub const INDEX_TOKENIZER: &str = "arabic";
/// The name [`register`] gives the query analyzer.
pub const QUERY_TOKENIZER: &str = "arabic_query";

/// Registers the analyzers as [`INDEX_TOKENIZER`] and [`QUERY_TOKENIZER`].
///
/// Set a text field's tokenizer to `"arabic"`. Tantivy's `QueryParser` analyzes queries with the
/// field's own tokenizer, and a stacked index-mode query would need every key at once, so parse
/// user queries by running [`ArabicAnalyzer::query`] yourself, or give the parser a
/// field whose tokenizer is `"arabic_query"` over the same terms.
#[cfg(feature = "tantivy")]
#[cfg_attr(docsrs, doc(cfg(feature = "tantivy")))]
pub fn register(manager: &tantivy::tokenizer::TokenizerManager) {
    manager.register(INDEX_TOKENIZER, ArabicAnalyzer::new());
    manager.register(QUERY_TOKENIZER, ArabicAnalyzer::query());
}
