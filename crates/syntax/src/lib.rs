//! Arabic dependency parsing for isnad: the stage between morphology and entities.
//!
//! A greedy arc-eager transition parser ([`system`]) whose transitions and labels are chosen by
//! two averaged perceptrons over hashed Zhang & Nivre-style features ([`features`]). It is
//! trained with a dynamic oracle on UD Arabic-PADT v1 (labels mapped to UD v2, forms folded
//! with `isnad_doc::fold_key`, tags predicted by isnad's own tagger), so it parses the
//! syntactic words isnad's segmenter and tagger produce. See the crate README for the split,
//! the figures and the commands.
//!
//! ```no_run
//! use isnad_syntax::Parser;
//! let morph = isnad_morph::Morphology::global();
//! let doc = isnad_doc::AnalyzedText::new("ذهب الوزير إلى القاهرة.", morph);
//! let deps = Parser::global().parse_document(&doc);
//! assert_eq!(deps.len(), doc.segments.len());
//! ```
#![deny(missing_docs)]

#[cfg(feature = "train")]
pub mod conllu;
mod error;
#[cfg(feature = "train")]
pub mod eval;
pub mod features;
pub mod label;
mod model;
pub mod system;
#[cfg(feature = "train")]
mod train;

use std::sync::OnceLock;

use isnad_doc::{AnalyzedText, SegmentKind, Upos};
pub use isnad_doc::{Dep, Dependencies, SegmentRef};
use isnad_text::TokenKind;

pub use error::SyntaxError;
pub use model::{Arc, ParseInput, Parser, FORMAT_VERSION};
#[cfg(feature = "train")]
pub use train::{train, TrainOptions, TrainReport};

/// The parser trained by `isnad train parser` (a static, so the bytes live once in the binary).
static PARSER_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/parser.bin"
));

/// One word of a sentence as the parser sees it, and where it comes from in the document
/// (`None` for punctuation and symbols, which carry no segments but are parsed as words).
pub struct SentenceWord<'a> {
    /// What the parser reads.
    pub input: ParseInput<'a>,
    /// The segment it is, if any.
    pub at: Option<SegmentRef>,
    /// Code-point span in the text of the token it belongs to.
    pub token_span: (usize, usize),
    /// Whether its token has more than one word.
    pub multiword: bool,
}

/// The UPOS given to a token without segments (punctuation, symbols, URLs...).
fn nonword_upos(kind: TokenKind) -> Upos {
    match kind {
        TokenKind::Punct | TokenKind::QuoteMark => Upos::PUNCT,
        TokenKind::Symbol | TokenKind::Emoji => Upos::SYM,
        _ => Upos::X,
    }
}

/// The parser's words for the tokens `range` of `doc`: every segment, plus one word per token
/// without segments.
pub fn sentence_words<'a>(
    doc: &'a AnalyzedText<'_>,
    range: std::ops::Range<usize>,
) -> Vec<SentenceWord<'a>> {
    let mut out = Vec::new();
    for t in range {
        let tok = &doc.tokens[t];
        let span = (tok.start, tok.end);
        let segs = &doc.segments[t];
        if segs.is_empty() {
            out.push(SentenceWord {
                input: ParseInput {
                    form: doc.token_str(t),
                    upos: nonword_upos(tok.kind),
                    kind: SegmentKind::Stem,
                },
                at: None,
                token_span: span,
                multiword: false,
            });
        }
        for (j, s) in segs.iter().enumerate() {
            out.push(SentenceWord {
                input: ParseInput {
                    form: &s.form,
                    upos: s.upos,
                    kind: s.kind,
                },
                at: Some(SegmentRef {
                    token: t,
                    segment: j,
                }),
                token_span: span,
                multiword: segs.len() > 1,
            });
        }
    }
    out
}

impl Parser {
    /// The model embedded in the binary, loaded once on first use.
    ///
    /// # Panics
    ///
    /// Panics if the embedded model is corrupt or of another format version, which is a build
    /// error (the crate's tests catch it).
    pub fn global() -> &'static Parser {
        static GLOBAL: OnceLock<Parser> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            Parser::from_bytes(PARSER_BYTES)
                .expect("embedded parser model is valid (rebuild it with `isnad train parser`)")
        })
    }

    /// Parses every sentence of `doc` into the document model's [`Dependencies`] (the trees
    /// with this parser's label names), which extraction reads.
    pub fn dependencies(&self, doc: &AnalyzedText) -> Dependencies {
        Dependencies {
            deps: self.parse_document(doc),
            labels: self.label_names().to_vec(),
        }
    }

    /// Parses every sentence of `doc`; the result is aligned with `doc.segments` (one [`Dep`]
    /// per segment). A segment whose parsed head is a punctuation token takes that token's head.
    pub fn parse_document(&self, doc: &AnalyzedText) -> Vec<Vec<Dep>> {
        let mut out: Vec<Vec<Dep>> = doc
            .segments
            .iter()
            .map(|s| {
                vec![
                    Dep {
                        head: None,
                        label: 0
                    };
                    s.len()
                ]
            })
            .collect();
        for r in &doc.sentence_tokens {
            let words = sentence_words(doc, r.clone());
            let inputs: Vec<ParseInput> = words.iter().map(|w| w.input).collect();
            let arcs = self.parse(&inputs);
            for (w, a) in words.iter().zip(&arcs) {
                let Some(at) = w.at else { continue };
                // Climb past heads that are not segments (bounded: the tree is acyclic).
                let mut h = a.head;
                for _ in 0..arcs.len() {
                    if h == 0 || words[h - 1].at.is_some() {
                        break;
                    }
                    h = arcs[h - 1].head;
                }
                let head = if h == 0 { None } else { words[h - 1].at };
                out[at.token][at.segment] = Dep {
                    head,
                    label: a.label,
                };
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
