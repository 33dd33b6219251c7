//! Arabic morphology: a learned clitic segmenter and UPOS tagger, trained on UD Arabic-PADT.
//!
//! # Brief overview
//!
//! - [`Morphology`] bundles the two models. [`Morphology::global`] loads the
//!   models embedded in the binary once; [`Morphology::from_bytes`] loads others.
//! - [`Morphology::segment`] splits one surface word into its syntactic words
//!   ([`Segment`]: restored PADT form, code-point range in the surface word,
//!   [`SegmentKind`], and a cheap most-frequent [`Upos`]).
//! - [`Morphology::analyze`] segments a whole sentence and tags every segment
//!   in context with the perceptron tagger.
//! - [`strip_article`] is the rule-based article splitter for search and NER
//!   (PADT itself keeps `ال` on the stem).
//! - With the `train` feature (off by default; the `isnad` binary turns it
//!   on): `train_segmenter`, `train_tagger`, `eval_segmenter`, `eval_tagger`
//!   and `eval_dialect`, what the `isnad train` / `isnad eval` commands call,
//!   with the PADT and dialect readers they need. Without it the crate only
//!   loads and runs models.
//!
//! Segmentation follows PADT: proclitics و ف ب ل ك س and pronoun enclitics
//! are split, the article is not, and forms are restored (`للأسلحة` →
//! `ل` + `الأسلحة`, `عائلته` → `عائلة` + `ه`).
//!
//! # Example
//!
//! ```
//! use isnad_morph::{Morphology, SegmentKind, Upos};
//!
//! let m = Morphology::global();
//! let segs = m.segment("وبالسلاح");
//! let forms: Vec<&str> = segs.iter().map(|s| s.form.as_str()).collect();
//! assert_eq!(forms, ["و", "ب", "السلاح"]);
//! assert_eq!((segs[2].start, segs[2].end), (2, 8));
//! assert_eq!(segs[2].kind, SegmentKind::Stem);
//!
//! let sent = m.analyze(&["قال", "الوزير", "لعائلته"]);
//! assert_eq!(sent[2].len(), 3);
//! assert_eq!(sent[2][1].form, "عائلة");
//! assert_eq!(sent[2][0].upos, Upos::ADP);
//! assert_eq!(sent[2][2].upos, Upos::PRON);
//! ```
#![deny(missing_docs)]

mod clitics;
#[cfg(feature = "train")]
mod data;
#[cfg(feature = "train")]
mod dialect;
mod distrib;
mod error;
#[cfg(feature = "train")]
mod eval;
mod ortho;

mod segmenter;
mod strmap;
mod tagger;
#[cfg(all(test, feature = "train"))]
mod tests;
#[cfg(feature = "train")]
mod training;

use std::path::Path;
use std::sync::OnceLock;

#[cfg(feature = "train")]
pub use crate::dialect::DialectEval;
pub use crate::error::MorphError;
#[cfg(feature = "train")]
pub use crate::eval::{align_words, SegEval, TagEval};
#[cfg(feature = "train")]
pub use crate::training::*;
pub use isnad_doc::strip_article;
pub use isnad_doc::{Segment, SegmentKind, Upos};

use crate::segmenter::Segmenter;
use crate::tagger::{Item, TagScratch, Tagger};

/// Version of this crate.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The segmenter trained by `isnad train segmenter` on PADT train (a static,
/// not a const, so the bytes live once in the binary).
static SEGMENTER_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/segmenter.bin"
));
/// The tagger trained by `isnad train tagger` on PADT train.
static TAGGER_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/tagger.bin"
));

/// A clitic segmenter plus a UPOS tagger. Immutable and `Sync`: share one.
pub struct Morphology {
    segmenter: Segmenter,
    tagger: Tagger,
}

impl Morphology {
    /// The models embedded in the binary, loaded once on first use.
    ///
    /// # Panics
    ///
    /// Panics if the embedded models are corrupt or of another format
    /// version, which is a build error (the crate's tests catch it).
    pub fn global() -> &'static Morphology {
        static GLOBAL: OnceLock<Morphology> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            Morphology::from_bytes(SEGMENTER_BYTES, TAGGER_BYTES)
                .expect("embedded morphology models are valid (rebuild models/ with `isnad train`)")
        })
    }

    /// Loads models written by [`train_segmenter`] and [`train_tagger`].
    ///
    /// # Errors
    ///
    /// [`MorphError::InvalidModel`] on a bad magic, format version or payload.
    pub fn from_bytes(seg: &[u8], tag: &[u8]) -> Result<Morphology, MorphError> {
        // The two models decode independently; doing it on two threads
        // roughly halves the first-use latency of `global()`.
        let (segmenter, tagger) = std::thread::scope(|s| {
            let tagger = s.spawn(|| Tagger::from_bytes(tag));
            let segmenter = Segmenter::from_bytes(seg);
            let tagger = tagger.join().unwrap_or_else(|_| {
                Err(MorphError::InvalidModel {
                    what: "tagger",
                    reason: "the loading thread panicked".into(),
                })
            });
            (segmenter, tagger)
        });
        Ok(Morphology {
            segmenter: segmenter?,
            tagger: tagger?,
        })
    }

    /// Loads models from files (see [`Morphology::from_bytes`]).
    ///
    /// # Errors
    ///
    /// I/O errors and the errors of [`Morphology::from_bytes`].
    pub fn from_files(seg: &Path, tag: &Path) -> Result<Morphology, MorphError> {
        let s = std::fs::read(seg).map_err(|e| MorphError::io(seg, e))?;
        let t = std::fs::read(tag).map_err(|e| MorphError::io(tag, e))?;
        Morphology::from_bytes(&s, &t)
    }

    /// Splits one surface word into its syntactic words.
    ///
    /// Offsets are code points within `word`; the segments are contiguous and
    /// cover it. `upos` here is the form's most frequent tag in training (no
    /// context); use [`Morphology::analyze`] for contextual tags. Words that
    /// are not purely Arabic letters (digits, Latin, punctuation) are never split.
    pub fn segment(&self, word: &str) -> Vec<Segment> {
        self.segmenter.segment(word)
    }

    /// Segments and tags a sentence of surface words; one `Vec` per word.
    pub fn analyze(&self, words: &[&str]) -> Vec<Vec<Segment>> {
        let mut out: Vec<Vec<Segment>> = words.iter().map(|w| self.segment(w)).collect();
        self.tag_segments(words, &mut out);
        out
    }

    /// Tags in context the segments of a sentence already segmented by
    /// [`Morphology::segment`] (`segments[i]` are the segments of
    /// `words[i]`), overwriting their `upos`. [`Morphology::analyze`] is
    /// `segment` + this; it is separate so callers that keep segments can
    /// re-tag, and so tagging speed can be measured alone.
    pub fn tag_segments(&self, words: &[&str], segments: &mut [Vec<Segment>]) {
        let out = segments;
        let items: Vec<Item> = out
            .iter()
            .zip(words)
            .flat_map(|(segs, w)| {
                segs.iter().enumerate().map(move |(j, s)| Item {
                    form: s.form.as_str(),
                    surface: w,
                    kind: s.kind,
                    index: j,
                    parts: segs.len(),
                })
            })
            .collect();
        thread_local! {
            static SCRATCH: std::cell::RefCell<TagScratch> = std::cell::RefCell::new(TagScratch::default());
        }
        let tags = SCRATCH.with(|sc| match sc.try_borrow_mut() {
            Ok(mut sc) => self.tagger.tag(&items, &mut sc),
            Err(_) => self.tagger.tag(&items, &mut TagScratch::default()),
        });
        drop(items);
        for (seg, t) in out.iter_mut().flatten().zip(tags) {
            seg.upos = t;
        }
    }
}

impl isnad_doc::SentenceAnalyzer for Morphology {
    fn analyze_sentence(&self, words: &[&str]) -> Vec<Vec<Segment>> {
        self.analyze(words)
    }
}
