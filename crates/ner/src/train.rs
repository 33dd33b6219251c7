//! Averaged structured perceptron training with dev-set early stopping.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::clusters::Clusters;
use crate::corpus::{read_corpus, CorpusFormat, Sentence};
use crate::error::NerError;
use crate::eval::{eval_sentences, NerEval};
use crate::features::{features, token_infos};
use crate::gazetteer::Gazetteer;
use crate::label::NUM_TAGS;
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
    /// Features whose largest absolute averaged weight is below this are dropped from the model file.
    pub prune: f32,
    /// ANETAC `EN-AR Named-entities.txt` (typed gazetteer), if available.
    pub anetac: Option<PathBuf>,
    /// AQMAR `featureFiles/lexicons/NEList.txt` (untyped Wikipedia-title gazetteer), if available.
    pub aqmar_lexicon: Option<PathBuf>,
    /// Extra training corpora in the ANERcorp layout (e.g. a WikiFANE conversion), appended to train.
    pub extra_train: Vec<PathBuf>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 42,
            epochs: 15,
            dev_fraction: 0.1,
            refit: true,
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
    /// Epoch count chosen on dev.
    pub best_epoch: usize,
    /// Dev micro F1 per epoch.
    pub dev_f1: Vec<f64>,
    /// Dev scores of the chosen epoch.
    pub dev: Option<NerEval>,
    /// Features in the written model.
    pub features: usize,
    /// Bytes of the written model.
    pub bytes: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
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

    fn model(&self, gazetteer: &Gazetteer) -> Model {
        let avg = |w: &[f32; NUM_TAGS], u: &[f32; NUM_TAGS]| {
            let mut a = [0f32; NUM_TAGS];
            for t in 0..NUM_TAGS {
                a[t] = w[t] - u[t] / self.c;
            }
            a
        };
        let weights = self.w.iter().zip(&self.u).map(|(w, u)| avg(w, u)).collect();
        let mut trans = [[0f32; NUM_TAGS]; NUM_TAGS + 1];
        for p in 0..=NUM_TAGS {
            trans[p] = avg(&self.tw[p], &self.tu[p]);
        }
        Model { index: self.index.clone(), weights, trans, gazetteer: gazetteer.clone() }
    }

    fn step(&mut self, s: &Prepared) {
        let mut em = vec![[0f32; NUM_TAGS]; s.feats.len()];
        for (e, fs) in em.iter_mut().zip(&s.feats) {
            for &f in fs {
                let w = &self.w[f as usize];
                for t in 0..NUM_TAGS {
                    e[t] += w[t];
                }
            }
        }
        let scorer = Model { trans: self.tw, ..Model::default() };
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
                let (gp, pp) = if i == 0 { (NUM_TAGS, NUM_TAGS) } else { (s.gold[i - 1], pred[i - 1]) };
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

fn prepare(learner: &mut Learner, sents: &[Sentence], gaz: &Gazetteer) -> Vec<Prepared> {
    let clusters = Clusters::global();
    let mut feats = Vec::with_capacity(96);
    sents
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let segs = segment_words(&words);
            let infos = token_infos(&words, &segs, clusters, gaz);
            let rows = (0..infos.len())
                .map(|i| {
                    features(&infos, i, &mut feats);
                    feats.iter().map(|&h| learner.id(h)).collect()
                })
                .collect();
            Prepared { feats: rows, gold: s.tags.iter().map(|t| t.index()).collect() }
        })
        .collect()
}

fn run_epochs(
    learner: &mut Learner,
    data: &[Prepared],
    epochs: usize,
    seed: u64,
    mut after_epoch: impl FnMut(usize, &Learner),
) {
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    for ep in 0..epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            learner.step(&data[i]);
        }
        after_epoch(ep + 1, learner);
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

/// Trains a tagger on an ANERcorp-layout file and writes the model to `out`.
///
/// Without `dev`, the last `opts.dev_fraction` of the training sentences is the dev set. Each epoch's
/// averaged model is scored on dev; the best epoch count is kept (and, with `opts.refit`, the model is
/// retrained on train + dev for that many epochs).
///
/// # Errors
/// Unreadable inputs, an empty training set, or an unwritable `out`.
pub fn train(train: &Path, dev: Option<&Path>, opts: &TrainOptions, out: &Path) -> Result<TrainReport, NerError> {
    let t0 = Instant::now();
    let mut sents = read_corpus(train, CorpusFormat::Anercorp)?;
    let dev_sents = match dev {
        Some(d) => read_corpus(d, CorpusFormat::Anercorp)?,
        None => {
            let n_dev = ((sents.len() as f64) * opts.dev_fraction).round() as usize;
            sents.split_off(sents.len() - n_dev.min(sents.len().saturating_sub(1)))
        }
    };
    let mut extra = Vec::new();
    for p in &opts.extra_train {
        extra.extend(read_corpus(p, CorpusFormat::Anercorp)?);
    }
    if sents.is_empty() {
        return Err(NerError::InvalidArgument("empty training set".into()));
    }
    let gaz = build_gazetteer(opts)?;
    let mut train_all = sents.clone();
    train_all.extend(extra.iter().cloned());

    let mut learner = Learner::new();
    let data = prepare(&mut learner, &train_all, &gaz);
    let mut dev_f1 = Vec::new();
    let mut best: (f64, usize, Option<NerEval>, Option<Model>) = (-1.0, 0, None, None);
    run_epochs(&mut learner, &data, opts.epochs.max(1), opts.seed, |ep, l| {
        if dev_sents.is_empty() {
            best = (0.0, ep, None, Some(l.model(&gaz)));
            return;
        }
        let tagger = NerTagger { model: l.model(&gaz) };
        let e = eval_sentences(&tagger, &dev_sents);
        dev_f1.push(e.micro.f1);
        eprintln!("epoch {ep}: dev F1 {:.2} ({:.0}s)", e.micro.f1, t0.elapsed().as_secs_f64());
        if e.micro.f1 > best.0 {
            best = (e.micro.f1, ep, Some(e), Some(tagger.model));
        }
    });
    let (_, best_epoch, dev_eval, best_model) = best;
    let mut model = best_model.ok_or_else(|| NerError::InvalidArgument("no epoch ran".into()))?;
    let mut n_train = train_all.len();
    if opts.refit && !dev_sents.is_empty() {
        let mut all = train_all;
        all.extend(dev_sents.iter().cloned());
        n_train = all.len();
        let mut learner = Learner::new();
        let data = prepare(&mut learner, &all, &gaz);
        run_epochs(&mut learner, &data, best_epoch, opts.seed, |_, _| {});
        model = learner.model(&gaz);
    }
    let bytes = model.to_bytes(opts.prune)?;
    std::fs::write(out, &bytes).map_err(|e| NerError::io(out, e))?;
    let features = Model::from_bytes(&bytes)?.index.len();
    Ok(TrainReport {
        train_sentences: n_train,
        dev_sentences: dev_sents.len(),
        gazetteer_entries: gaz.entries.len(),
        best_epoch,
        dev_f1,
        dev: dev_eval,
        features,
        bytes: bytes.len(),
        seconds: t0.elapsed().as_secs_f64(),
    })
}
