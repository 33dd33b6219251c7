//! Training of the tagger: gold sentences, jackknifed ambiguity classes,
//! the perceptron passes, the run ensemble and the refit on train + dev.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use super::{
    beam_search, dynamic_features, signature, static_features, Item, TagScratch, Tagger, BITS, BOS,
    C,
};
use crate::clitics::kinds;
use crate::data::{read_corpus, Corpus};
use crate::strmap::StrMap;
use crate::{MorphError, SegmentKind, TaggerOptions, TrainReport};
use isnad_learn::{quantize, FastMap, Perceptron, XorShift};

/// A gold sentence flattened to items plus gold tags.
struct GoldSent {
    forms: Vec<String>,
    surfaces: Vec<String>,
    kinds: Vec<SegmentKind>,
    index: Vec<(usize, usize)>,
    tags: Vec<usize>,
    /// Ambiguity classes; in training, jackknifed (see [`jackknife_classes`]).
    classes: Vec<u32>,
    /// Distributional signatures of the forms.
    sigs: Vec<u32>,
}

impl GoldSent {
    fn items(&self) -> Vec<Item<'_>> {
        (0..self.forms.len())
            .map(|i| Item {
                form: &self.forms[i],
                surface: &self.surfaces[i],
                kind: self.kinds[i],
                index: self.index[i].0,
                parts: self.index[i].1,
            })
            .collect()
    }
}

fn gold_sentences(c: &Corpus) -> Vec<GoldSent> {
    c.sentences
        .iter()
        .map(|s| {
            let mut g = GoldSent {
                forms: Vec::new(),
                surfaces: Vec::new(),
                kinds: Vec::new(),
                index: Vec::new(),
                tags: Vec::new(),
                classes: Vec::new(),
                sigs: Vec::new(),
            };
            for w in &s.words {
                let forms: Vec<&str> = w.parts.iter().map(|p| p.form.as_str()).collect();
                let ks = kinds(&forms);
                for (j, p) in w.parts.iter().enumerate() {
                    g.forms.push(p.form.clone());
                    g.surfaces.push(w.surface.clone());
                    g.kinds.push(ks[j]);
                    g.index.push((j, w.parts.len()));
                    g.tags.push(p.upos.index());
                }
            }
            g
        })
        .collect()
}

/// Number of folds for the jackknifed ambiguity classes.
const FOLDS: usize = 5;

/// Gives each training sentence the ambiguity classes computed without its
/// own fold, so the class features are as unreliable on train as on unseen
/// text; returns the full lexicon for the model.
fn jackknife_classes(sents: &mut [GoldSent]) -> FastMap<String, u32> {
    let mut counts: HashMap<String, [[u32; C]; FOLDS]> = HashMap::new();
    for (si, s) in sents.iter().enumerate() {
        for (f, &t) in s.forms.iter().zip(&s.tags) {
            counts.entry(f.clone()).or_insert([[0; C]; FOLDS])[si % FOLDS][t] += 1;
        }
    }
    for (si, s) in sents.iter_mut().enumerate() {
        s.classes = s
            .forms
            .iter()
            .map(|f| {
                let Some(c) = counts.get(f) else { return 0 };
                (0..C)
                    .filter(|&t| (0..FOLDS).any(|k| k != si % FOLDS && c[k][t] > 0))
                    .fold(0u32, |acc, t| acc | 1 << t)
            })
            .collect();
    }
    counts
        .into_iter()
        .map(|(f, c)| {
            let class = (0..C)
                .filter(|&t| (0..FOLDS).any(|k| c[k][t] > 0))
                .fold(0u32, |acc, t| acc | 1 << t);
            (f, class)
        })
        .collect()
}

fn accuracy(t: &Tagger, sents: &[GoldSent]) -> f64 {
    let mut sc = TagScratch::default();
    let (mut ok, mut all) = (0usize, 0usize);
    for s in sents {
        let pred = t.tag(&s.items(), &mut sc);
        ok += pred
            .iter()
            .zip(&s.tags)
            .filter(|(p, g)| p.index() == **g)
            .count();
        all += s.tags.len();
    }
    ok as f64 / all.max(1) as f64
}

/// Gold-segmentation tag accuracy of `t` on `c`.
#[cfg(test)]
pub(crate) fn corpus_accuracy(t: &Tagger, c: &Corpus) -> f64 {
    accuracy(t, &gold_sentences(c))
}

/// Trains the tagger; see [`crate::train_tagger_with`].
pub(crate) fn train(
    train: &Path,
    dev: &Path,
    seed: u64,
    out: &Path,
    opts: &TaggerOptions,
) -> Result<TrainReport, MorphError> {
    let t0 = Instant::now();
    let corpus = read_corpus(train)?;
    let dev_c = read_corpus(dev)?;
    let (signatures, unlabeled_tokens) = match &opts.unlabeled {
        Some(dir) => {
            let text = super::unlabeled::read_unlabeled(dir)?;
            (unlabeled_table(&text), text.tokens())
        }
        None => (StrMap::default(), 0),
    };
    let trained = train_corpus(&corpus, &dev_c, signatures, seed, opts)?;
    if let Some(path) = &opts.holdout_out {
        let bytes = trained.holdout.to_bytes()?;
        std::fs::write(path, &bytes).map_err(|e| MorphError::io(path, e))?;
    }
    let model = trained.refit.as_ref().unwrap_or(&trained.holdout);
    let bytes = model.to_bytes()?;
    std::fs::write(out, &bytes).map_err(|e| MorphError::io(out, e))?;
    Ok(TrainReport {
        model_bytes: bytes.len(),
        seconds: t0.elapsed().as_secs_f64(),
        unlabeled_tokens,
        ..trained.report
    })
}

/// Base form → signature (low 16 bits) | coarse cluster + 1 (7 bits) | fine
/// cluster + 1 (9 bits).
fn unlabeled_table(text: &super::unlabeled::Unlabeled) -> StrMap {
    let mut table: FastMap<String, u32> = super::unlabeled::signatures(text)
        .into_iter()
        .map(|(k, v)| (k, v as u32))
        .collect();
    for (k, (coarse, fine)) in super::clusters::clusters(text) {
        *table.entry(k).or_insert(0) |= (coarse as u32) << 16 | (fine as u32) << 23;
    }
    let mut pairs: Vec<(&str, u32)> = table.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    pairs.sort();
    StrMap::from_pairs(pairs)
}

/// Trains the weights; returns those of the best dev epoch, that epoch and
/// its dev accuracy (with no dev sentences: the last epoch's, accuracy 0).
fn train_pass(
    model: &mut Tagger,
    sents: &[GoldSent],
    dev_s: &[GoldSent],
    seed: u64,
    epochs: usize,
) -> (Vec<f32>, usize, f64) {
    let mut p = Perceptron::new(BITS, C);
    let mut rng = XorShift::new(seed);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut sc = TagScratch::default();
    let mut best: (f64, usize, Vec<f32>) = (-1.0, 0, Vec::new());
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = &sents[si];
            let items = s.items();
            static_features(&items, &s.classes, &s.sigs, &mut sc);
            let (pred, stop) = beam_search(&p, &items, &mut sc, Some(&s.tags));
            let end = stop.map_or(items.len(), |i| i + 1);
            if pred[..end] != s.tags[..end] {
                let hist = |t: &[usize], j: usize| -> (u64, u64) {
                    let t1 = if j > 0 { t[j - 1] as u64 } else { BOS };
                    let t2 = if j > 1 { t[j - 2] as u64 } else { BOS };
                    (t1, t2)
                };
                for j in 0..end {
                    let (g, q) = (hist(&s.tags, j), hist(&pred, j));
                    if s.tags[j] == pred[j] && g == q {
                        continue;
                    }
                    let stat = &sc.statics[sc.offsets[j]..sc.offsets[j + 1]];
                    p.update_one(stat, s.tags[j], 1.0);
                    p.update_one(stat, pred[j], -1.0);
                    dynamic_features(j, g.0, g.1, &items, &mut sc);
                    p.update_one(&sc.rows, s.tags[j], 1.0);
                    dynamic_features(j, q.0, q.1, &items, &mut sc);
                    p.update_one(&sc.rows, pred[j], -1.0);
                }
            }
            for _ in 0..items.len() {
                p.tick();
            }
        }
        if dev_s.is_empty() {
            // Refit on all the data: nothing to pick from, keep the last epoch.
            if epoch + 1 == epochs {
                best = (0.0, epochs, p.averaged());
            }
            continue;
        }
        let avg = p.averaged();
        model.weights = quantize(&avg).0;
        let acc = accuracy(model, dev_s);
        if acc > best.0 {
            best = (acc, epoch + 1, avg);
        }
    }
    (best.2, best.1, best.0)
}

/// The models one training produces.
pub(crate) struct Trained {
    /// Trained on train only, epochs picked on dev: the model whose dev
    /// score is an honest held-out figure.
    pub holdout: Tagger,
    /// Retrained on train + dev with each run's picked epoch count, when
    /// [`TaggerOptions::refit`] asks for it.
    pub refit: Option<Tagger>,
    pub report: TrainReport,
}

/// Builds the training sentences (jackknifed classes, signatures) and the
/// model shell (full lexicon, signatures) for one corpus.
fn prepare(corpora: &[&Corpus], signatures: &StrMap) -> (Vec<GoldSent>, Tagger) {
    let mut sents: Vec<GoldSent> = corpora.iter().flat_map(|c| gold_sentences(c)).collect();
    let lexicon = jackknife_classes(&mut sents);
    let mut key = String::new();
    for s in &mut sents {
        s.sigs = s
            .forms
            .iter()
            .map(|f| signature(signatures, f, &mut key))
            .collect();
    }
    let model = Tagger {
        weights: Vec::new(),
        lexicon: StrMap::from_pairs(lexicon.iter().map(|(k, v)| (k.as_str(), *v))),
        signatures: signatures.clone(),
    };
    (sents, model)
}

/// Adds `w` to the running ensemble sum `sum`.
fn accumulate(sum: &mut Vec<f32>, w: Vec<f32>) {
    if sum.is_empty() {
        *sum = w;
    } else {
        sum.iter_mut().zip(&w).for_each(|(a, b)| *a += b);
    }
}

/// Trains on in-memory corpora (gold segmentation); each run keeps its best
/// dev epoch, and with `opts.refit` is then retrained on train + dev for
/// that many epochs.
pub(crate) fn train_corpus(
    corpus: &Corpus,
    dev: &Corpus,
    signatures: StrMap,
    seed: u64,
    opts: &TaggerOptions,
) -> Result<Trained, MorphError> {
    let (sents, mut model) = prepare(&[corpus], &signatures);
    if sents.iter().all(|s| s.forms.is_empty()) {
        return Err(MorphError::EmptyData(std::path::PathBuf::from("train")));
    }
    let dev_s = gold_sentences(dev);
    let mut refit = opts.refit.then(|| prepare(&[corpus, dev], &signatures));
    // Several runs over differently shuffled data, weights averaged: a
    // cheap ensemble that costs nothing at inference.
    let (mut sum, mut refit_sum) = (Vec::new(), Vec::new());
    let mut best_epoch = 0;
    // Zero runs or epochs would leave no weights; one of each is the least.
    let (runs, epochs) = (opts.runs.max(1), opts.epochs.max(1));
    for r in 0..runs {
        let run_seed = seed.wrapping_add(r as u64);
        let (w, e, _) = train_pass(&mut model, &sents, &dev_s, run_seed, epochs);
        best_epoch = best_epoch.max(e);
        accumulate(&mut sum, w);
        if let Some((all, shell)) = &mut refit {
            // No held-out data left: train exactly the picked epoch count.
            let (w, _, _) = train_pass(shell, all, &[], run_seed, e);
            accumulate(&mut refit_sum, w);
        }
    }
    model.weights = quantize(&sum).0;
    let dev_score = accuracy(&model, &dev_s);
    let refit_sentences = refit.as_ref().map_or(0, |(all, _)| all.len());
    let refit = refit.map(|(_, mut shell)| {
        shell.weights = quantize(&refit_sum).0;
        shell
    });
    Ok(Trained {
        holdout: model,
        refit,
        report: TrainReport {
            train_sentences: sents.len(),
            skipped_sentences: 0,
            mwts: corpus.mwts,
            unresolved_mwts: corpus.unresolved,
            ambiguous_mwts: corpus.ambiguous,
            epochs,
            best_epoch,
            dev_score,
            memo_min_count: 0,
            model_bytes: 0,
            seconds: 0.0,
            unlabeled_tokens: 0,
            runs,
            refit_sentences,
        },
    })
}
