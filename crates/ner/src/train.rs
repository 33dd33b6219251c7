//! Averaged structured perceptron training with dev-set early stopping.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::corpus::{read_corpus, CorpusFormat, Sentence};
use crate::error::NerError;
use crate::eval::{score, NerEval};
use crate::features::{features, TokInfo};
use crate::gazetteer::Gazetteer;
use crate::label::{BioTag, NUM_TAGS};
use crate::memory::Memory;
use crate::model::{FeatMap, Model};
use crate::rng::Rng;
use crate::tagger::{segment_words, NerTagger};

/// Training options.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Seed of the per-epoch sentence shuffle.
    pub seed: u64,
    /// Maximum number of epochs; the best epoch on the dev set is kept.
    pub epochs: usize,
    /// Fraction of the training sentences (taken from the END of the file) held out as dev when no
    /// dev file is given.
    pub dev_fraction: f64,
    /// After choosing the epoch count on dev, retrain on train + dev for that many epochs.
    pub refit: bool,
    /// Loss-augmented ("recall-oriented", Mohit et al. 2012) training: while training, a wrong tag gains
    /// this much score when the gold tag is an entity tag and the wrong tag is `O` (a miss), and 1/3 of it
    /// for any other wrong tag, so the learner must beat misses by a margin. 0 = plain perceptron.
    pub miss_cost: f32,
    /// Features whose largest absolute averaged weight is below this are dropped from the model file.
    pub prune: f32,
    /// ANETAC `EN-AR Named-entities.txt` (typed gazetteer), if available.
    pub anetac: Option<PathBuf>,
    /// AQMAR `featureFiles/lexicons/NEList.txt` (untyped Wikipedia-title gazetteer), if available.
    pub aqmar_lexicon: Option<PathBuf>,
    /// AQMAR articles directory: its 8 official dev articles are added to training (Wikipedia domain;
    /// the 20 test articles are never read).
    pub aqmar_dev: Option<PathBuf>,
    /// Features seen fewer times than this in training are not learned.
    pub min_count: u32,
    /// Add the stacked second pass (document-level evidence from the first pass).
    pub stacked: bool,
    /// Add the label memory of the training data (jackknifed while training; see `memory.rs`).
    pub memory: bool,
    /// Extra training corpora in the WikiFANE layout, mapped to coarse classes and appended to train
    /// (never NewsFANE: it is the ANERcorp text).
    pub extra_train: Vec<PathBuf>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 42,
            epochs: 12,
            dev_fraction: 0.1,
            refit: true,
            miss_cost: 5.0,
            stacked: true,
            memory: true,
            min_count: 2,
            aqmar_dev: None,
            prune: 0.05,
            anetac: None,
            aqmar_lexicon: None,
            extra_train: Vec::new(),
        }
    }
}

/// What training did.
#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    /// Training sentences used for the final model.
    pub train_sentences: usize,
    /// Dev sentences.
    pub dev_sentences: usize,
    /// Gazetteer entries embedded.
    pub gazetteer_entries: usize,
    /// Label-memory entries (training names and words) embedded.
    pub memory_entries: usize,
    /// Epoch count chosen on dev, per pass.
    pub best_epochs: Vec<usize>,
    /// Dev micro F1 per epoch, per pass.
    pub dev_f1: Vec<Vec<f64>>,
    /// Dev scores of the chosen epoch of the last pass (before refitting on train + dev).
    pub dev: Option<NerEval>,
    /// Features in the written model.
    pub features: usize,
    /// Bytes of the written model.
    pub bytes: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// A summary, then the dev scores of the chosen epoch in conlleval's layout.
impl std::fmt::Display for TrainReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "trained on {} sentences ({} dev) in {:.1}s: {} features, {} bytes, {} gazetteer and {} memory entries",
            self.train_sentences,
            self.dev_sentences,
            self.seconds,
            self.features,
            self.bytes,
            self.gazetteer_entries,
            self.memory_entries
        )?;
        for (pass, (epoch, f1s)) in self.best_epochs.iter().zip(&self.dev_f1).enumerate() {
            let best = f1s.get(epoch.saturating_sub(1)).copied().unwrap_or(0.0);
            writeln!(
                f,
                "pass {}: best epoch {epoch} (dev FB1 {best:.2})",
                pass + 1
            )?;
        }
        match &self.dev {
            Some(dev) => write!(f, "dev (chosen epoch, before refitting):\n{dev}"),
            None => Ok(()),
        }
    }
}

/// A sentence with precomputed feature rows.
struct Prepared {
    feats: Vec<Vec<u32>>,
    gold: Vec<usize>,
}

/// Perceptron state with the lazy-averaging trick: `avg = w - u / c`.
struct Learner {
    index: FeatMap,
    w: Vec<[f32; NUM_TAGS]>,
    u: Vec<[f32; NUM_TAGS]>,
    tw: [[f32; NUM_TAGS]; NUM_TAGS + 1],
    tu: [[f32; NUM_TAGS]; NUM_TAGS + 1],
    c: f32,
}

impl Learner {
    fn new() -> Self {
        Learner {
            index: FeatMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            tw: [[0.0; NUM_TAGS]; NUM_TAGS + 1],
            tu: [[0.0; NUM_TAGS]; NUM_TAGS + 1],
            c: 1.0,
        }
    }

    fn id(&mut self, h: u64) -> u32 {
        let n = self.w.len() as u32;
        *self.index.entry(h).or_insert_with(|| {
            self.w.push([0.0; NUM_TAGS]);
            self.u.push([0.0; NUM_TAGS]);
            n
        })
    }

    fn model(&self) -> Model {
        let avg = |w: &[f32; NUM_TAGS], u: &[f32; NUM_TAGS]| {
            let mut a = [0f32; NUM_TAGS];
            for t in 0..NUM_TAGS {
                a[t] = w[t] - u[t] / self.c;
            }
            a
        };
        let weights = self
            .index
            .iter()
            .map(|(&h, &r)| (h, avg(&self.w[r as usize], &self.u[r as usize])))
            .collect();
        let mut trans = [[0f32; NUM_TAGS]; NUM_TAGS + 1];
        for (p, row) in trans.iter_mut().enumerate() {
            *row = avg(&self.tw[p], &self.tu[p]);
        }
        Model {
            weights,
            trans,
            o_bias: 0.0,
        }
    }

    fn step(&mut self, s: &Prepared, miss_cost: f32) {
        let mut em = vec![[0f32; NUM_TAGS]; s.feats.len()];
        for (e, fs) in em.iter_mut().zip(&s.feats) {
            for &f in fs {
                let w = &self.w[f as usize];
                for t in 0..NUM_TAGS {
                    e[t] += w[t];
                }
            }
        }
        if miss_cost > 0.0 {
            for (e, &g) in em.iter_mut().zip(&s.gold) {
                for (t, x) in e.iter_mut().enumerate() {
                    if t != g {
                        *x += if g != 0 && t == 0 {
                            miss_cost
                        } else {
                            miss_cost / 3.0
                        };
                    }
                }
            }
        }
        let scorer = Model {
            trans: self.tw,
            ..Model::default()
        };
        let (pred, _) = scorer.viterbi(&em);
        if pred != s.gold {
            let c = self.c;
            for (i, fs) in s.feats.iter().enumerate() {
                let (g, p) = (s.gold[i], pred[i]);
                if g != p {
                    for &f in fs {
                        self.w[f as usize][g] += 1.0;
                        self.u[f as usize][g] += c;
                        self.w[f as usize][p] -= 1.0;
                        self.u[f as usize][p] -= c;
                    }
                }
                let (gp, pp) = if i == 0 {
                    (NUM_TAGS, NUM_TAGS)
                } else {
                    (s.gold[i - 1], pred[i - 1])
                };
                if (gp, g) != (pp, p) {
                    self.tw[gp][g] += 1.0;
                    self.tu[gp][g] += c;
                    self.tw[pp][p] -= 1.0;
                    self.tu[pp][p] -= c;
                }
            }
        }
        self.c += 1.0;
    }
}

fn prepare(
    learner: &mut Learner,
    infos: &[Vec<TokInfo>],
    gold: &[Vec<usize>],
    min_count: u32,
) -> Vec<Prepared> {
    let mut feats = Vec::with_capacity(128);
    // Features seen fewer than `min_count` times are dropped: singletons let the perceptron memorize
    // training tokens instead of weighting the features that generalize to unseen names.
    let mut counts: HashMap<u64, u32> = HashMap::new();
    if min_count > 1 {
        for s in infos {
            for i in 0..s.len() {
                features(s, i, &mut feats);
                for &h in &feats {
                    *counts.entry(h).or_insert(0) += 1;
                }
            }
        }
    }
    infos
        .iter()
        .zip(gold)
        .map(|(s, g)| {
            let rows = (0..s.len())
                .map(|i| {
                    features(s, i, &mut feats);
                    feats
                        .iter()
                        .filter(|h| {
                            min_count <= 1 || counts.get(h).is_some_and(|&c| c >= min_count)
                        })
                        .map(|&h| learner.id(h))
                        .collect()
                })
                .collect();
            Prepared {
                feats: rows,
                gold: g.clone(),
            }
        })
        .collect()
}

fn run_epochs(
    learner: &mut Learner,
    data: &[Prepared],
    epochs: usize,
    seed: u64,
    miss_cost: f32,
    mut after_epoch: impl FnMut(usize, &Learner),
) {
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    for ep in 0..epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            learner.step(&data[i], miss_cost);
        }
        after_epoch(ep + 1, learner);
    }
}

fn to_tags(paths: &[Vec<usize>]) -> Vec<Vec<BioTag>> {
    paths
        .iter()
        .map(|p| p.iter().map(|&t| BioTag::from_index(t)).collect())
        .collect()
}

/// Token infos and gold tag indices of a set of sentences.
type Labeled<'a> = (&'a [Vec<TokInfo>], &'a [Vec<usize>]);

/// One pass: trains for `epochs` (or, with a dev set, keeps the best epoch's averaged model).
struct Fit {
    model: Model,
    best_epoch: usize,
    dev_f1: Vec<f64>,
    dev: Option<NerEval>,
}

fn fit(
    train: Labeled<'_>,
    dev: Option<Labeled<'_>>,
    epochs: usize,
    opts: &TrainOptions,
    label: &str,
) -> Fit {
    let t0 = Instant::now();
    let mut learner = Learner::new();
    let data = prepare(&mut learner, train.0, train.1, opts.min_count);
    let mut best = Fit {
        model: Model::default(),
        best_epoch: 0,
        dev_f1: Vec::new(),
        dev: None,
    };
    let mut best_f1 = -1.0;
    run_epochs(
        &mut learner,
        &data,
        epochs.max(1),
        opts.seed,
        opts.miss_cost,
        |ep, l| {
            let model = l.model();
            let Some((dv, dg)) = dev else {
                best.model = model;
                best.best_epoch = ep;
                return;
            };
            let paths: Vec<Vec<usize>> = dv.iter().map(|s| model.tag_infos(s).0).collect();
            let e = score(&to_tags(dg), &to_tags(&paths));
            eprintln!(
                "{label} epoch {ep}: dev F1 {:.2} ({:.1}s)",
                e.micro.f1,
                t0.elapsed().as_secs_f64()
            );
            best.dev_f1.push(e.micro.f1);
            if e.micro.f1 > best_f1 {
                best_f1 = e.micro.f1;
                best.model = model;
                best.best_epoch = ep;
                best.dev = Some(e);
            }
        },
    );
    if let Some((dv, dg)) = dev {
        tune_o_bias(&mut best, dv, dg, label);
    }
    best
}

/// Picks the `O` bias that maximizes dev F1 (a coarse grid; 0 = untouched).
fn tune_o_bias(fit: &mut Fit, dv: &[Vec<TokInfo>], dg: &[Vec<usize>], label: &str) {
    let gold = to_tags(dg);
    let mut best = (fit.dev.as_ref().map_or(-1.0, |e| e.micro.f1), 0.0f32);
    for bias in [0.5f32, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        fit.model.o_bias = bias;
        let paths: Vec<Vec<usize>> = dv.iter().map(|s| fit.model.tag_infos(s).0).collect();
        let e = score(&gold, &to_tags(&paths));
        eprintln!("{label} O-bias {bias}: dev F1 {:.2}", e.micro.f1);
        if e.micro.f1 > best.0 {
            best = (e.micro.f1, bias);
            fit.dev = Some(e);
        }
    }
    fit.model.o_bias = best.1;
}

/// Pass-1 tags of `infos` where each of `folds` contiguous chunks is tagged by a model trained on the
/// other chunks, so the second pass learns from first-pass errors as they occur on unseen text.
fn jackknife(
    infos: &[Vec<TokInfo>],
    gold: &[Vec<usize>],
    epochs: usize,
    opts: &TrainOptions,
    folds: usize,
) -> Vec<Vec<usize>> {
    let n = infos.len();
    let mut out = vec![Vec::new(); n];
    for f in 0..folds {
        let (lo, hi) = (n * f / folds, n * (f + 1) / folds);
        let tr: Vec<Vec<TokInfo>> = infos[..lo].iter().chain(&infos[hi..]).cloned().collect();
        let tg: Vec<Vec<usize>> = gold[..lo].iter().chain(&gold[hi..]).cloned().collect();
        let m = fit((&tr, &tg), None, epochs, opts, "fold").model;
        for i in lo..hi {
            out[i] = m.tag_infos(&infos[i]).0;
        }
    }
    out
}

/// Fills the label memory of each of `folds` contiguous chunks of `infos` from the other chunks, so
/// that training sees the memory as incomplete as it is on new text.
fn jackknife_memory(infos: &mut [Vec<TokInfo>], gold: &[Vec<usize>], folds: usize) {
    let n = infos.len();
    for f in 0..folds {
        let (lo, hi) = (n * f / folds, n * (f + 1) / folds);
        let others = infos[..lo]
            .iter()
            .chain(&infos[hi..])
            .map(Vec::as_slice)
            .zip(gold[..lo].iter().chain(&gold[hi..]).map(Vec::as_slice));
        let memory = Memory::build(others);
        infos[lo..hi].iter_mut().for_each(|s| memory.fill(s));
    }
}

/// Builds the gazetteer from the resources named in `opts`.
fn build_gazetteer(opts: &TrainOptions) -> Result<Gazetteer, NerError> {
    let mut g = Gazetteer::default();
    if let Some(p) = &opts.anetac {
        g.load_anetac(p)?;
    }
    if let Some(p) = &opts.aqmar_lexicon {
        g.load_aqmar_lexicon(p)?;
    }
    Ok(g)
}

fn infos_of(shell: &NerTagger, sents: &[Sentence]) -> (Vec<Vec<TokInfo>>, Vec<Vec<usize>>) {
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let segs: Vec<_> = words.iter().map(|w| segment_words(w)).collect();
    let pairs: Vec<(Vec<&str>, &[Vec<isnad_morph::Segment>])> = words
        .iter()
        .zip(&segs)
        .map(|(w, s)| (w.clone(), s.as_slice()))
        .collect();
    let infos = shell.infos(&pairs);
    let gold = sents
        .iter()
        .map(|s| s.tags.iter().map(|t| t.index()).collect())
        .collect();
    (infos, gold)
}

/// Trains a tagger on an ANERcorp-layout file and writes the model to `out`.
///
/// Without `dev`, the last `opts.dev_fraction` of the training sentences is the dev set. Each pass keeps
/// its best epoch on dev; with `opts.refit`, the passes are then retrained on train + dev for those
/// epoch counts. With `opts.stacked`, a second pass learns from jackknifed first-pass tags.
///
/// # Errors
/// Unreadable inputs, an empty training set, or an unwritable `out`.
pub fn train(
    train: &Path,
    dev: Option<&Path>,
    opts: &TrainOptions,
    out: &Path,
) -> Result<TrainReport, NerError> {
    let t0 = Instant::now();
    let mut sents = read_corpus(train, CorpusFormat::Anercorp)?;
    let dev_sents = match dev {
        Some(d) => read_corpus(d, CorpusFormat::Anercorp)?,
        None => {
            let n_dev = ((sents.len() as f64) * opts.dev_fraction).round() as usize;
            sents.split_off(sents.len() - n_dev.min(sents.len().saturating_sub(1)))
        }
    };
    if let Some(d) = &opts.aqmar_dev {
        sents.extend(crate::corpus::read_aqmar_split(d, true)?);
    }
    for p in &opts.extra_train {
        sents.extend(read_corpus(p, CorpusFormat::WikiFane)?);
    }
    if sents.is_empty() {
        return Err(NerError::InvalidArgument("empty training set".into()));
    }
    let mut tagger = NerTagger {
        passes: Vec::new(),
        gazetteer: build_gazetteer(opts)?,
        memory: Memory::default(),
    };
    let (mut tr, tg) = infos_of(&tagger, &sents);
    let (mut dv, dg) = infos_of(&tagger, &dev_sents);
    if opts.memory {
        jackknife_memory(&mut tr, &tg, 5);
        let memory = Memory::build(
            tr.iter()
                .map(Vec::as_slice)
                .zip(tg.iter().map(Vec::as_slice)),
        );
        dv.iter_mut().for_each(|s| memory.fill(s));
    }
    let dev_set = (!dv.is_empty()).then_some((dv.as_slice(), dg.as_slice()));

    let p1 = fit((&tr, &tg), dev_set, opts.epochs, opts, "pass1");
    let mut best_epochs = vec![p1.best_epoch];
    let mut dev_f1 = vec![p1.dev_f1.clone()];
    let mut dev_eval = p1.dev.clone();
    let mut passes = vec![p1.model];
    let mut stacked_data = None;
    if opts.stacked {
        let folds = 5.min(tr.len()).max(2);
        let jk = jackknife(&tr, &tg, p1.best_epoch, opts, folds);
        let mut tr2 = tr.clone();
        crate::stack::apply(&mut tr2, &jk);
        let dev_p1: Vec<Vec<usize>> = dv.iter().map(|s| passes[0].tag_infos(s).0).collect();
        let mut dv2 = dv.clone();
        crate::stack::apply(&mut dv2, &dev_p1);
        let dev2 = (!dv2.is_empty()).then_some((dv2.as_slice(), dg.as_slice()));
        let p2 = fit((&tr2, &tg), dev2, opts.epochs, opts, "pass2");
        best_epochs.push(p2.best_epoch);
        dev_f1.push(p2.dev_f1.clone());
        dev_eval = p2.dev.clone();
        passes.push(p2.model);
        stacked_data = Some((tr2, dv2));
    }
    let mut n_train = tr.len();
    if opts.refit && !dv.is_empty() {
        let all: Vec<Vec<TokInfo>> = tr.iter().chain(&dv).cloned().collect();
        let gold: Vec<Vec<usize>> = tg.iter().chain(&dg).cloned().collect();
        n_train = all.len();
        let bias = passes[0].o_bias;
        passes[0] = fit((&all, &gold), None, best_epochs[0], opts, "refit1").model;
        passes[0].o_bias = bias;
        if let Some((tr2, dv2)) = &stacked_data {
            let all2: Vec<Vec<TokInfo>> = tr2.iter().chain(dv2).cloned().collect();
            let bias = passes[1].o_bias;
            passes[1] = fit((&all2, &gold), None, best_epochs[1], opts, "refit2").model;
            passes[1].o_bias = bias;
        }
    }
    tagger.passes = passes;
    if opts.memory {
        tagger.memory = Memory::build(
            tr.iter()
                .chain(&dv)
                .map(Vec::as_slice)
                .zip(tg.iter().chain(&dg).map(Vec::as_slice)),
        );
    }
    let bytes = tagger.to_bytes(opts.prune)?;
    std::fs::write(out, &bytes).map_err(|e| NerError::io(out, e))?;
    let features = NerTagger::from_bytes(&bytes)?
        .passes
        .iter()
        .map(|m| m.weights.len())
        .sum();
    Ok(TrainReport {
        train_sentences: n_train,
        dev_sentences: dev_sents.len(),
        gazetteer_entries: tagger.gazetteer.entries.len(),
        memory_entries: tagger.memory.len(),
        best_epochs,
        dev_f1,
        dev: dev_eval,
        features,
        bytes: bytes.len(),
        seconds: t0.elapsed().as_secs_f64(),
    })
}
