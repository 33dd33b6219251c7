//! Training: a greedy arc-eager parser with a dynamic oracle and exploration (Goldberg & Nivre
//! 2012), averaged perceptrons, and the seeded shuffle that makes it byte-reproducible.

use std::path::{Path, PathBuf};
use std::time::Instant;

use isnad_learn::{quantize, Perceptron, XorShift};
use serde::Serialize;

use crate::conllu::{self, Flavour, Sentence};
use crate::eval::{predicted_tags, upos_of};
use crate::features::{label_rows, transition_rows, Tok};
use crate::model::{Parser, Weights};
use crate::system::{Config, LEFT, RIGHT, TRANSITIONS};
use crate::SyntaxError;

/// Hashed rows of the transition model (`1 << TRANS_BITS`).
const TRANS_BITS: u32 = 19;
/// Hashed rows of the label model.
const LABEL_BITS: u32 = 17;

/// How to train.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// The folder with PADT v1's `ar-ud-dev.conllu` and `ar-ud-test.conllu`.
    pub padt_v1: PathBuf,
    /// Shuffle and exploration seed.
    pub seed: u64,
    /// Training epochs.
    pub epochs: usize,
    /// Train on the tags isnad's tagger predicts (true) or on gold tags.
    pub predicted_tags: bool,
    /// Hold out every tenth training document and print its score after each epoch (for
    /// choosing `epochs` without looking at the held-out test part).
    pub tune: bool,
    /// Independent runs (seeds `seed`, `seed + 1`, …) whose averaged weights are summed into
    /// one table: an ensemble that costs nothing at parse time.
    pub runs: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            padt_v1: PathBuf::from("../shared/data/ud-arabic-padt/v1-2016-04-22-conllu"),
            seed: 1,
            epochs: 9,
            predicted_tags: true,
            tune: false,
            runs: 4,
        }
    }
}

/// What a training run did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TrainReport {
    /// Training sentences and words.
    pub sentences: usize,
    /// Training words.
    pub words: usize,
    /// Non-projective training sentences (kept: the oracle picks the least costly transition).
    pub non_projective: usize,
    /// Labels in the model.
    pub labels: usize,
    /// Epochs run.
    pub epochs: usize,
    /// Tuning UAS per epoch (only with `tune`).
    pub tune_uas: Vec<f64>,
    /// Model file size.
    pub model_bytes: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// One training sentence, ready for the features.
pub(crate) struct Example {
    pub toks: Vec<Tok>,
    pub gold: Vec<u32>,
    pub labels: Vec<u8>,
}

/// The training sentences of the split: all of `ar-ud-dev.conllu` plus the test documents that
/// are not held out.
pub fn training_sentences(dir: &Path) -> Result<Vec<Sentence>, SyntaxError> {
    let mut all = conllu::read(&dir.join("ar-ud-dev.conllu"), Flavour::PadtV1)?;
    let test = conllu::read(&dir.join("ar-ud-test.conllu"), Flavour::PadtV1)?;
    all.extend(conllu::split_test_file(test).0);
    Ok(all)
}

pub(crate) fn example(s: &Sentence, predicted: bool, names: &[String]) -> Example {
    let tags = if predicted {
        predicted_tags(s)
    } else {
        s.words.iter().map(|w| upos_of(&w.upos)).collect()
    };
    let mut fold = String::new();
    let mut toks = vec![Tok::root()];
    for (w, &u) in s.words.iter().zip(&tags) {
        toks.push(Tok::new(&w.bare, u, w.kind, &mut fold));
    }
    toks.push(Tok::none());
    let labels = std::iter::once(0)
        .chain(
            s.words
                .iter()
                .map(|w| names.iter().position(|n| *n == w.label).unwrap_or(0) as u8),
        )
        .collect();
    Example {
        toks,
        gold: s.heads(),
        labels,
    }
}

/// The label inventory: labels by descending training frequency (ties by name), at most 64.
fn label_inventory(sents: &[Sentence]) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for w in sents.iter().flat_map(|s| &s.words) {
        *counts.entry(w.label.as_str()).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(64).map(|(l, _)| l.to_string()).collect()
}

/// Trains the parser and writes it to `out`.
///
/// # Errors
///
/// I/O and CoNLL-U errors, [`SyntaxError::EmptyData`].
pub fn train(opts: &TrainOptions, out: &Path) -> Result<TrainReport, SyntaxError> {
    train_fold(opts, out, 0)
}

/// [`train`] with another tuning part (with `tune`): the documents whose 1-based number is
/// `fold` modulo 10 (0–9), so a setting can be checked on a second, disjoint tuning part.
///
/// # Errors
///
/// As [`train`].
pub fn train_fold(
    opts: &TrainOptions,
    out: &Path,
    fold: usize,
) -> Result<TrainReport, SyntaxError> {
    let t0 = Instant::now();
    let mut sents = training_sentences(&opts.padt_v1)?;
    let mut tune = Vec::new();
    if opts.tune {
        let mut docs: Vec<String> = Vec::new();
        let (mut keep, mut held) = (Vec::new(), Vec::new());
        for s in sents {
            if !docs.contains(&s.doc) {
                docs.push(s.doc.clone());
            }
            if docs.len() % 10 == fold % 10 && docs.last() == Some(&s.doc) {
                held.push(s);
            } else {
                keep.push(s);
            }
        }
        sents = keep;
        tune = held;
    }
    if sents.is_empty() {
        return Err(SyntaxError::EmptyData("no PADT v1 sentences".into()));
    }
    let names = label_inventory(&sents);
    let examples: Vec<Example> = sents
        .iter()
        .map(|s| example(s, opts.predicted_tags, &names))
        .collect();
    let mut report = TrainReport {
        sentences: sents.len(),
        words: sents.iter().map(|s| s.words.len()).sum(),
        non_projective: examples
            .iter()
            .filter(|e| !crate::system::projective(&e.gold))
            .count(),
        labels: names.len(),
        epochs: opts.epochs,
        ..TrainReport::default()
    };
    let mut runs: Vec<Run> = (0..opts.runs.max(1) as u64)
        .map(|k| Run {
            tp: Perceptron::new(TRANS_BITS, TRANSITIONS),
            lp: Perceptron::new(LABEL_BITS, names.len()),
            rng: XorShift::new(opts.seed.wrapping_add(k)),
            order: (0..examples.len()).collect(),
        })
        .collect();
    for epoch in 0..opts.epochs {
        for run in &mut runs {
            run.rng.shuffle(&mut run.order);
            for &i in &run.order {
                train_sentence(
                    &examples[i],
                    &mut run.tp,
                    &mut run.lp,
                    &mut run.rng,
                    epoch > 0,
                );
            }
        }
        if opts.tune {
            let p = finish_model(&runs, &names);
            let e = crate::eval::eval_gold(&p, &tune, opts.predicted_tags);
            eprintln!(
                "epoch {}: tune UAS {:.2} LAS {:.2}",
                epoch + 1,
                e.uas,
                e.las
            );
            report.tune_uas.push(e.uas);
        }
    }
    let parser = finish_model(&runs, &names);
    let bytes = parser.to_bytes()?;
    std::fs::write(out, &bytes).map_err(|e| SyntaxError::io(out, e))?;
    report.model_bytes = bytes.len();
    report.seconds = t0.elapsed().as_secs_f64();
    Ok(report)
}

/// One seeded training run of an ensemble.
struct Run {
    tp: Perceptron,
    lp: Perceptron,
    rng: XorShift,
    order: Vec<usize>,
}

/// The sum of the runs' averaged weights, in run order (so the bytes are reproducible).
fn summed(runs: &[Run], pick: impl Fn(&Run) -> &Perceptron) -> Vec<f32> {
    let mut acc = pick(&runs[0]).averaged();
    for r in &runs[1..] {
        for (a, w) in acc.iter_mut().zip(pick(r).averaged()) {
            *a += w;
        }
    }
    acc
}

fn finish_model(runs: &[Run], names: &[String]) -> Parser {
    let (tw, _) = quantize(&summed(runs, |r| &r.tp));
    let (lw, _) = quantize(&summed(runs, |r| &r.lp));
    Parser::new(
        Weights {
            bits: TRANS_BITS,
            classes: TRANSITIONS,
            w: tw,
        },
        Weights {
            bits: LABEL_BITS,
            classes: names.len(),
            w: lw,
        },
        names.to_vec(),
    )
}

/// One pass over a sentence: update toward the best zero-cost (least-cost) transition whenever
/// the model prefers a costlier one; with `explore`, follow the model's own choice 90% of the
/// time so later decisions are learned on realistic, imperfect histories.
fn train_sentence(
    ex: &Example,
    tp: &mut Perceptron,
    lp: &mut Perceptron,
    rng: &mut XorShift,
    explore: bool,
) {
    let n = ex.gold.len() - 1;
    let mut c = Config::new(n);
    let mut rows = Vec::with_capacity(128);
    let mut scores = [0f32; TRANSITIONS];
    let mut lscores = vec![0f32; lp.classes];
    while !c.terminal() {
        transition_rows(&c, &ex.toks, TRANS_BITS, &mut rows);
        tp.scores(&rows, &mut scores);
        let mut costs = [u32::MAX; TRANSITIONS];
        for (t, cost) in costs.iter_mut().enumerate() {
            if c.legal(t) {
                *cost = c.cost(t, &ex.gold);
            }
        }
        let min = *costs.iter().min().unwrap_or(&0);
        let mut gold_t = usize::MAX;
        for t in 0..TRANSITIONS {
            if costs[t] == min && (gold_t == usize::MAX || scores[t] > scores[gold_t]) {
                gold_t = t;
            }
        }
        let pred_t = best_by(&c, &scores);
        if costs[pred_t] > min {
            tp.update(&rows, gold_t, pred_t, 1.0);
        }
        tp.tick();
        let follow = if explore && rng.next() % 10 < 9 {
            pred_t
        } else {
            gold_t
        };
        let mut label = 0;
        if follow == LEFT || follow == RIGHT {
            let s0 = *c.stack.last().unwrap_or(&0);
            let (h, d) = if follow == LEFT { (c.b, s0) } else { (s0, c.b) };
            label_rows(&c, &ex.toks, h, d, LABEL_BITS, &mut rows);
            lp.scores(&rows, &mut lscores);
            let pred = argmax(&lscores);
            if ex.gold[d as usize] == h {
                let g = ex.labels[d as usize] as usize;
                if pred != g {
                    lp.update(&rows, g, pred, 1.0);
                }
                lp.tick();
            }
            label = pred as u8;
        }
        c.apply(follow, label);
    }
}

/// The best legal transition by float score (ties: the lowest id, as at inference).
fn best_by(c: &Config, scores: &[f32]) -> usize {
    let mut best = usize::MAX;
    for (t, &s) in scores.iter().enumerate() {
        if c.legal(t) && (best == usize::MAX || s > scores[best]) {
            best = t;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

fn argmax(s: &[f32]) -> usize {
    let mut b = 0;
    for (i, &x) in s.iter().enumerate() {
        if x > s[b] {
            b = i;
        }
    }
    b
}
