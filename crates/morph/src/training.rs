//! Training and evaluation entry points (feature `train`): what the `isnad
//! train` / `isnad eval` commands call.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::{
    dialect, eval, segmenter, tagger, DialectEval, MorphError, Morphology, SegEval, TagEval, Upos,
};

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
    /// `None`: the tagger trains without those features (and is weaker).
    /// [`train_tagger`] fills it with [`TaggerOptions::find_unlabeled`].
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

impl TaggerOptions {
    /// The unlabelled corpus of the shared data layout: `saudinewsnet/dataset`
    /// in one of the four folders above the training file (the layout is
    /// `data/ud-arabic-padt/<export>/train` beside `data/saudinewsnet/dataset`).
    /// What `isnad train tagger` uses when `--unlabeled` is not given.
    pub fn find_unlabeled(train: &Path) -> Option<PathBuf> {
        let abs = std::fs::canonicalize(train).ok()?;
        abs.ancestors()
            .skip(1)
            .take(4)
            .map(|a| a.join("saudinewsnet").join("dataset"))
            .find(|p| p.is_dir())
    }
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
/// [`TaggerOptions`], the unlabelled text found by
/// [`TaggerOptions::find_unlabeled`], and writes the model to `out`.
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
    let opts = TaggerOptions {
        unlabeled: TaggerOptions::find_unlabeled(train),
        ..TaggerOptions::default()
    };
    train_tagger_with(train, dev, seed, out, &opts)
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
