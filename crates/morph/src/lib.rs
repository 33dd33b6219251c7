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
//! - [`train_segmenter`], [`train_tagger`], [`eval_segmenter`],
//!   [`eval_tagger`] and [`eval_dialect`] are what the `isnad train` /
//!   `isnad eval` commands call.
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

mod clusters;
mod codec;
mod data;
mod dialect;
mod distrib;
mod error;
mod eval;
mod ortho;

mod segmenter;
mod strmap;
mod tagger;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;

pub use crate::dialect::DialectEval;
pub use crate::error::MorphError;
pub use crate::eval::{align_words, SegEval, TagEval};
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

/// What a training run did (also printed by the CLI).
#[derive(Clone, Debug, Default, Serialize)]
pub struct TrainReport {
    /// Training sentences used.
    pub train_sentences: usize,
    /// Training sentences skipped because one of their MWTs could not be aligned.
    pub skipped_sentences: usize,
    /// MWTs in the training file.
    pub mwts: usize,
    /// MWTs whose parts could not be aligned to the surface.
    pub unresolved_mwts: usize,
    /// MWTs with more than one equally good alignment (the shortest was kept).
    pub ambiguous_mwts: usize,
    /// Epochs run.
    pub epochs: usize,
    /// Epoch whose averaged weights were kept (best on dev).
    pub best_epoch: usize,
    /// Dev score of the kept model (segmenter: word-exact accuracy; tagger:
    /// UPOS accuracy on gold segmentation), as a fraction.
    pub dev_score: f64,
    /// Segmenter only: a word's memorised analysis is used once seen this
    /// often in train (`u32::MAX` = never).
    pub memo_min_count: u32,
    /// Size of the written model file.
    pub model_bytes: usize,
    /// Wall-clock training time.
    pub seconds: f64,
    /// Tagger only: tokens of unlabelled text counted for the distributional
    /// signatures (0 = none found; see [`train_tagger`]).
    pub unlabeled_tokens: u64,
    /// Tagger only: training runs summed into the ensemble.
    pub runs: usize,
    /// Tagger only: sentences of the train + dev refit (0 = no refit; the
    /// written model is then the one `dev_score` measures).
    pub refit_sentences: usize,
}

/// How [`train_tagger_with`] trains the tagger. `Default` gives the
/// settings of the shipped model.
#[derive(Clone, Debug)]
pub struct TaggerOptions {
    /// Folder of unlabelled Arabic text (`*.zip` in the SaudiNewsNet layout,
    /// or `*.txt`) for the distributional signatures and word clusters.
    /// `None`: `$ISNAD_UNLABELED_DIR`, else `saudinewsnet/dataset` in a
    /// folder above the training file; without either the tagger trains
    /// without those features (and is weaker).
    pub unlabeled: Option<PathBuf>,
    /// After picking each run's epoch count on dev, retrain that run on
    /// train + dev for that many epochs and write the refit model. The
    /// report's `dev_score` is still the train-only model's (held out).
    pub refit: bool,
    /// Training runs with seeds `seed..seed + runs` whose averaged weights
    /// are summed (an ensemble that costs nothing at inference).
    pub runs: usize,
    /// Epochs per run; the best on dev is kept.
    pub epochs: usize,
    /// Also write the train-only model here, e.g. to score it on dev when
    /// the main output is refit on dev.
    pub holdout_out: Option<PathBuf>,
}

impl Default for TaggerOptions {
    fn default() -> TaggerOptions {
        TaggerOptions {
            unlabeled: None,
            refit: true,
            runs: tagger::RUNS,
            epochs: tagger::EPOCHS,
            holdout_out: None,
        }
    }
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

/// Trains the segmenter on a compact PADT file, tuning on `dev`, and writes the model to `out`.
///
/// Sentences with an MWT that cannot be aligned to its surface are skipped
/// (counted in the report). Reproducible for a given `seed`.
///
/// # Errors
///
/// I/O and parse errors, or [`MorphError::EmptyData`].
pub fn train_segmenter(
    train: &Path,
    dev: &Path,
    seed: u64,
    out: &Path,
) -> Result<TrainReport, MorphError> {
    segmenter::train(train, dev, seed, out)
}

/// Trains the tagger (on gold segmentation) with the default
/// [`TaggerOptions`] and writes the model to `out`.
///
/// # Errors
///
/// I/O and parse errors, or [`MorphError::EmptyData`].
pub fn train_tagger(
    train: &Path,
    dev: &Path,
    seed: u64,
    out: &Path,
) -> Result<TrainReport, MorphError> {
    train_tagger_with(train, dev, seed, out, &TaggerOptions::default())
}

/// Trains the tagger (on gold segmentation) and writes the model to `out`;
/// reproducible for a given `seed`, data and options.
///
/// # Errors
///
/// I/O and parse errors (including the unlabelled folder), or
/// [`MorphError::EmptyData`].
pub fn train_tagger_with(
    train: &Path,
    dev: &Path,
    seed: u64,
    out: &Path,
    opts: &TaggerOptions,
) -> Result<TrainReport, MorphError> {
    tagger::train(train, dev, seed, out, opts)
}

/// Segmentation words P/R/F1 (CoNLL 2018 style) from the raw surface tokens of `test`.
///
/// # Errors
///
/// I/O and parse errors.
pub fn eval_segmenter(model: &Morphology, test: &Path) -> Result<SegEval, MorphError> {
    eval::eval_segmenter(model, test)
}

/// UPOS P/R/F1 over aligned words, segmenting then tagging the raw surface tokens of `test`.
///
/// # Errors
///
/// I/O and parse errors.
pub fn eval_tagger(model: &Morphology, test: &Path) -> Result<TagEval, MorphError> {
    eval::eval_tagger(model, test)
}

/// Segmentation on the QCRI dialectal tweets (one `seg_plus_pos_*.txt` file),
/// after mapping their scheme onto PADT's (see [`DialectEval`]).
///
/// # Errors
///
/// I/O and parse errors.
pub fn eval_dialect(model: &Morphology, file: &Path) -> Result<DialectEval, MorphError> {
    dialect::eval_dialect(model, file)
}

/// Tokens of `test` whose predicted segmentation differs from the gold, as
/// (surface, predicted forms, gold forms) with forms joined by `+`.
///
/// # Errors
///
/// I/O and parse errors.
pub fn segmentation_errors(
    model: &Morphology,
    test: &Path,
) -> Result<Vec<(String, String, String)>, MorphError> {
    eval::segmentation_errors(model, test)
}

/// Aligned words of `test` whose predicted UPOS is wrong, as (gold form,
/// gold tag, predicted tag), pipeline from raw tokens. For error analysis.
///
/// # Errors
///
/// I/O and parse errors.
pub fn tagging_errors(
    model: &Morphology,
    test: &Path,
) -> Result<Vec<(String, Upos, Upos)>, MorphError> {
    eval::tagging_errors(model, test)
}
