//! Averaged structured perceptron training with dev-set early stopping.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::corpus::{read_corpus, CorpusFormat, Sentence};
use crate::error::NerError;
use crate::eval::{score, NerEval};
use crate::features::TokInfo;
use crate::gazetteer::Gazetteer;
use crate::label::BioTag;
use crate::learner::{prepare, Ensemble, Rows};
use crate::memory::Memory;
use crate::model::Model;
use crate::set::{Set, DOMAINS, NEWS, SILVER, WIKI, WOJOOD};
use crate::silver::{SelfTrain, SilverReport};
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
    /// isnad's knowledge base (`kb/actors.tsv`), a typed gazetteer of the actors of Arabic news.
    pub kb: Option<PathBuf>,
    /// AQMAR articles directory: its 8 official dev articles tune the Wikipedia model's `O` bias and
    /// join its training at refit (the 20 test articles are never read).
    pub aqmar_dev: Option<PathBuf>,
    /// Wojood 1.1 flat files (news-like, other annotation habits), mapped by
    /// [`crate::corpus::wojood_label`] and trained as their own domain.
    pub wojood: Vec<PathBuf>,
    /// Learn each feature once shared and once per corpus domain (Daumé 2007) when extra corpora
    /// are given; off = plain concatenation.
    pub augment: bool,
    /// Perceptrons trained side by side on differently shuffled data and averaged (1 = a single
    /// one); averaging removes much of the run-to-run variance of one shuffle.
    pub ensemble: usize,
    /// Self-train on raw news (see `silver.rs`).
    pub self_train: Option<SelfTrain>,
    /// Self-training files (`token TAG` lines written by [`crate::write_silver`]), their own domain.
    pub silver: Vec<PathBuf>,
    /// Where to write the model folded for the Wikipedia domain (WikiFANE + AQMAR dev), if wanted.
    pub wiki_out: Option<PathBuf>,
    /// Features seen fewer times than this in training are not learned.
    pub min_count: u32,
    /// Add the stacked second pass (document-level evidence from the first pass).
    pub stacked: bool,
    /// Add the label memory of the training data (jackknifed while training; see `memory.rs`).
    pub memory: bool,
    /// Extra training corpora in the WikiFANE layout, mapped to coarse classes and trained as the
    /// Wikipedia domain (never NewsFANE: it is the ANERcorp text).
    pub extra_train: Vec<PathBuf>,
    /// Annotated news articles (`text/`, `gold/`, `split.tsv`, as in `shared/train`): the gold
    /// mention strings of the articles marked `train` are projected onto their text and trained as
    /// news (see `articles.rs`); the other splits are never read.
    pub articles: Option<PathBuf>,
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
            articles: None,
            wojood: Vec::new(),
            augment: true,
            wiki_out: None,
            kb: None,
            silver: Vec::new(),
            self_train: None,
            ensemble: 1,
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
    /// AQMAR dev scores of the Wikipedia model before refitting, when AQMAR dev was given.
    pub wiki_dev: Option<NerEval>,
    /// What self-training added, when it ran.
    pub silver: Option<SilverReport>,
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
        if let Some(dev) = &self.dev {
            write!(f, "dev (chosen epoch, before refitting):\n{dev}")?;
        }
        if let Some(dev) = &self.wiki_dev {
            write!(f, "AQMAR dev, Wikipedia model (before refitting):\n{dev}")?;
        }
        Ok(())
    }
}

fn to_tags(paths: &[Vec<usize>]) -> Vec<Vec<BioTag>> {
    paths
        .iter()
        .map(|p| p.iter().map(|&t| BioTag::from_index(t)).collect())
        .collect()
}

/// One pass: trains for `epochs` (or, with a dev set, keeps the best epoch's averaged models).
struct Fit {
    /// One folded model per domain.
    models: Vec<Model>,
    best_epoch: usize,
    dev_f1: Vec<f64>,
    dev: Option<NerEval>,
    wiki_dev: Option<NerEval>,
}

/// The held-out sets of a pass: news `dev` picks the epoch; each tunes the `O` bias of its domain.
#[derive(Clone, Copy)]
struct Devs<'a> {
    news: Option<&'a Set>,
    wiki: Option<&'a Set>,
}

fn fit(train: &Set, devs: Devs<'_>, epochs: usize, opts: &TrainOptions, label: &str) -> Fit {
    let t0 = Instant::now();
    let augment = opts.augment && train.domains.iter().any(|&d| d != NEWS);
    let mut rows = Rows::new(augment);
    let data = prepare(&mut rows, train, opts.min_count);
    let mut ensemble = Ensemble::new(rows, opts.ensemble, opts.seed);
    let epochs = epochs.max(1);
    let mut best = Fit {
        models: Vec::new(),
        best_epoch: 0,
        dev_f1: Vec::new(),
        dev: None,
        wiki_dev: None,
    };
    let mut best_f1 = -1.0;
    for ep in 1..=epochs {
        ensemble.epoch(&data, opts.miss_cost);
        let Some(dev) = devs.news else {
            if ep == epochs {
                best.models = ensemble.models();
                best.best_epoch = ep;
            }
            continue;
        };
        let news = ensemble.model(NEWS);
        let e = score(
            &to_tags(&dev.gold),
            &to_tags(&dev.tag_with(std::slice::from_ref(&news))),
        );
        eprintln!(
            "{label} epoch {ep}: dev F1 {:.2} ({:.1}s)",
            e.micro.f1,
            t0.elapsed().as_secs_f64()
        );
        best.dev_f1.push(e.micro.f1);
        if e.micro.f1 > best_f1 {
            best_f1 = e.micro.f1;
            // The news model is already folded; fold the other domains only.
            let mut models: Vec<Model> = (0..DOMAINS)
                .map(|d| {
                    if d == NEWS {
                        Model::default()
                    } else {
                        ensemble.model(d)
                    }
                })
                .collect();
            models[NEWS] = news;
            best.models = models;
            best.best_epoch = ep;
            best.dev = Some(e);
        }
    }
    if let Some(dev) = devs.news {
        best.dev = tune_o_bias(&mut best.models[NEWS], dev, best.dev.take(), label);
    }
    if let Some(dev) = devs.wiki {
        best.wiki_dev = tune_o_bias(&mut best.models[WIKI], dev, None, label);
    }
    best
}

/// Picks the `O` bias that maximizes F1 on `dev` (a coarse grid; 0 = untouched) and returns the
/// scores at that bias.
fn tune_o_bias(
    model: &mut Model,
    dev: &Set,
    at_zero: Option<NerEval>,
    label: &str,
) -> Option<NerEval> {
    let gold = to_tags(&dev.gold);
    let eval_at = |model: &Model| {
        let paths: Vec<Vec<usize>> = dev.infos.iter().map(|s| model.tag_infos(s).0).collect();
        score(&gold, &to_tags(&paths))
    };
    model.o_bias = 0.0;
    let mut best_eval = at_zero.unwrap_or_else(|| eval_at(model));
    let mut best_bias = 0.0f32;
    for bias in [
        0.5f32, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0, 40.0,
    ] {
        model.o_bias = bias;
        let e = eval_at(model);
        eprintln!("{label} O-bias {bias}: dev F1 {:.2}", e.micro.f1);
        if e.micro.f1 > best_eval.micro.f1 {
            best_eval = e;
            best_bias = bias;
        }
    }
    model.o_bias = best_bias;
    Some(best_eval)
}

/// Pass-1 tags of `set` where each of `folds` contiguous chunks is tagged by a model trained on the
/// other chunks, so the second pass learns from first-pass errors as they occur on unseen text.
fn jackknife(set: &Set, epochs: usize, opts: &TrainOptions, folds: usize) -> Vec<Vec<usize>> {
    let n = set.len();
    let mut out = vec![Vec::new(); n];
    let no_dev = Devs {
        news: None,
        wiki: None,
    };
    for f in 0..folds {
        let (lo, hi) = (n * f / folds, n * (f + 1) / folds);
        let models = fit(&set.without(lo, hi), no_dev, epochs, opts, "fold").models;
        for i in lo..hi {
            out[i] = models[set.domains[i]].tag_infos(&set.infos[i]).0;
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

/// Gives the training set a jackknifed label memory and the held-out sets the memory of all of it.
fn attach_memory(train: &mut Set, held_out: &mut [&mut Set]) {
    jackknife_memory(&mut train.infos, &train.gold, 5);
    let memory = Memory::build(
        train
            .infos
            .iter()
            .map(Vec::as_slice)
            .zip(train.gold.iter().map(Vec::as_slice)),
    );
    for set in held_out.iter_mut() {
        set.infos.iter_mut().for_each(|s| memory.fill(s));
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
    if let Some(p) = &opts.kb {
        g.load_kb(p)?;
    }
    Ok(g)
}

fn set_of(shell: &NerTagger, sents: &[Sentence], domain: usize) -> Set {
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
    Set {
        infos,
        gold,
        domains: vec![domain; sents.len()],
    }
}

/// Reads the training corpora: ANERcorp train (news; its tail is the dev set without `dev`), WikiFANE
/// files (Wikipedia), Wojood files, and AQMAR dev (Wikipedia, held out until refit).
fn read_sets(
    shell: &NerTagger,
    train: &Path,
    dev: Option<&Path>,
    opts: &TrainOptions,
    silver: &[Sentence],
) -> Result<(Set, Set, Set), NerError> {
    let mut sents = read_corpus(train, CorpusFormat::Anercorp)?;
    let dev_sents = match dev {
        Some(d) => read_corpus(d, CorpusFormat::Anercorp)?,
        None => {
            let n_dev = ((sents.len() as f64) * opts.dev_fraction).round() as usize;
            sents.split_off(sents.len() - n_dev.min(sents.len().saturating_sub(1)))
        }
    };
    let mut tr = set_of(shell, &sents, NEWS);
    if let Some(dir) = &opts.articles {
        tr.append(&set_of(
            shell,
            &crate::articles::read_articles(dir, "train")?,
            NEWS,
        ));
    }
    for p in &opts.extra_train {
        tr.append(&set_of(
            shell,
            &read_corpus(p, CorpusFormat::WikiFane)?,
            WIKI,
        ));
    }
    for p in &opts.wojood {
        tr.append(&set_of(
            shell,
            &read_corpus(p, CorpusFormat::Wojood)?,
            WOJOOD,
        ));
    }
    for p in &opts.silver {
        tr.append(&set_of(
            shell,
            &read_corpus(p, CorpusFormat::Anercorp)?,
            SILVER,
        ));
    }
    if !silver.is_empty() {
        tr.append(&set_of(shell, silver, SILVER));
    }
    if tr.is_empty() {
        return Err(NerError::InvalidArgument("empty training set".into()));
    }
    let wiki_dev = match &opts.aqmar_dev {
        Some(d) => set_of(shell, &crate::corpus::read_aqmar_split(d, true)?, WIKI),
        None => Set::default(),
    };
    Ok((tr, set_of(shell, &dev_sents, NEWS), wiki_dev))
}

/// Trains a tagger on an ANERcorp-layout file (plus the extra corpora of `opts`) and writes the news
/// model to `out` (and the Wikipedia model to `opts.wiki_out`).
///
/// Without `dev`, the last `opts.dev_fraction` of the training sentences is the dev set. Each pass keeps
/// its best epoch on dev; with `opts.refit`, the passes are then retrained on train + dev for those
/// epoch counts. With `opts.stacked`, a second pass learns from jackknifed first-pass tags. With
/// `opts.self_train`, a first model is trained, tags raw news, and the final model is trained again
/// with the sentences it was sure of (see `silver.rs`).
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
    let mut silver = Vec::new();
    let mut silver_report = None;
    if let Some(st) = &opts.self_train {
        // The first model never sees the dev set, so that dev still measures the final one fairly
        // (a refit first model would leak dev names into the self-training data).
        let first = TrainOptions {
            refit: false,
            ..opts.clone()
        };
        let base = fit_taggers(train, dev, &first, &[])?;
        // Tag with the model as it would be shipped (pruned, quantized).
        let base = NerTagger::from_bytes(&base.news.to_bytes(opts.prune)?)?;
        let (sents, report) = crate::silver::silver_sentences(&base, st)?;
        eprintln!("self-training: {report:?}");
        silver = sents;
        silver_report = Some(report);
    }
    let Trained {
        mut news,
        wiki_passes,
        mut report,
    } = fit_taggers(train, dev, opts, &silver)?;
    if let Some(path) = &opts.wiki_out {
        let mut wiki = news.clone();
        wiki.passes = wiki_passes;
        let bytes = wiki.to_bytes(opts.prune)?;
        std::fs::write(path, &bytes).map_err(|e| NerError::io(path, e))?;
    }
    let bytes = news.to_bytes(opts.prune)?;
    std::fs::write(out, &bytes).map_err(|e| NerError::io(out, e))?;
    news = NerTagger::from_bytes(&bytes)?;
    report.features = news.passes.iter().map(|m| m.weights.len()).sum();
    report.bytes = bytes.len();
    report.silver = silver_report;
    report.seconds = t0.elapsed().as_secs_f64();
    Ok(report)
}

/// The news tagger and the Wikipedia passes of one training run, not yet written.
struct Trained {
    news: NerTagger,
    wiki_passes: Vec<Model>,
    report: TrainReport,
}

fn fit_taggers(
    train: &Path,
    dev: Option<&Path>,
    opts: &TrainOptions,
    silver: &[Sentence],
) -> Result<Trained, NerError> {
    let mut tagger = NerTagger {
        passes: Vec::new(),
        gazetteer: build_gazetteer(opts)?,
        memory: Memory::default(),
    };
    let (mut tr, mut dv, mut wdv) = read_sets(&tagger, train, dev, opts, silver)?;
    if opts.memory {
        attach_memory(&mut tr, &mut [&mut dv, &mut wdv]);
    }
    let devs = Devs {
        news: (!dv.is_empty()).then_some(&dv),
        wiki: (!wdv.is_empty()).then_some(&wdv),
    };

    let p1 = fit(&tr, devs, opts.epochs, opts, "pass1");
    let mut best_epochs = vec![p1.best_epoch];
    let mut dev_f1 = vec![p1.dev_f1.clone()];
    let (mut dev_eval, mut wiki_eval) = (p1.dev.clone(), p1.wiki_dev.clone());
    let mut passes = vec![p1.models];
    let mut stacked_data = None;
    if opts.stacked {
        let folds = 5.min(tr.len()).max(2);
        let tr2 = tr.stacked(&jackknife(&tr, p1.best_epoch, opts, folds));
        let dv2 = dv.stacked(&dv.tag_with(&passes[0]));
        let wdv2 = wdv.stacked(&wdv.tag_with(&passes[0]));
        let devs2 = Devs {
            news: (!dv2.is_empty()).then_some(&dv2),
            wiki: (!wdv2.is_empty()).then_some(&wdv2),
        };
        let p2 = fit(&tr2, devs2, opts.epochs, opts, "pass2");
        best_epochs.push(p2.best_epoch);
        dev_f1.push(p2.dev_f1.clone());
        dev_eval = p2.dev.clone().or(dev_eval);
        wiki_eval = p2.wiki_dev.clone().or(wiki_eval);
        passes.push(p2.models);
        stacked_data = Some((tr2, dv2, wdv2));
    }
    let mut all = tr.clone();
    all.append(&dv);
    all.append(&wdv);
    if opts.refit && (!dv.is_empty() || !wdv.is_empty()) {
        let no_dev = Devs {
            news: None,
            wiki: None,
        };
        refit(&mut passes[0], &all, best_epochs[0], opts, "refit1", no_dev);
        if let Some((tr2, dv2, wdv2)) = &stacked_data {
            let mut all2 = tr2.clone();
            all2.append(dv2);
            all2.append(wdv2);
            refit(
                &mut passes[1],
                &all2,
                best_epochs[1],
                opts,
                "refit2",
                no_dev,
            );
        }
    }
    if opts.memory {
        // Without refitting the model has not seen the dev sets, and neither may its memory: the
        // model can then be scored on dev.
        let seen = if opts.refit { &all } else { &tr };
        tagger.memory = Memory::build(
            seen.infos
                .iter()
                .map(Vec::as_slice)
                .zip(seen.gold.iter().map(Vec::as_slice)),
        );
    }
    tagger.passes = passes.iter().map(|p| p[NEWS].clone()).collect();
    let (gazetteer_entries, memory_entries) = (tagger.gazetteer.entries.len(), tagger.memory.len());
    Ok(Trained {
        news: tagger,
        wiki_passes: passes.iter().map(|p| p[WIKI].clone()).collect(),
        report: TrainReport {
            train_sentences: all.len(),
            dev_sentences: dv.len(),
            gazetteer_entries,
            memory_entries,
            best_epochs,
            dev_f1,
            dev: dev_eval,
            wiki_dev: wiki_eval,
            features: 0,
            bytes: 0,
            seconds: 0.0,
            silver: None,
        },
    })
}

/// Probe inputs: train and dev sentences as the first pass sees them (label memory jackknifed on
/// train), and optionally a test file with the full training memory.
#[cfg(feature = "neural")]
pub(crate) fn probe_sets(
    train: &Path,
    test: Option<&Path>,
    opts: &TrainOptions,
) -> Result<(Set, Set, Option<Set>), NerError> {
    let shell = NerTagger {
        passes: Vec::new(),
        gazetteer: build_gazetteer(opts)?,
        memory: Memory::default(),
    };
    let (mut tr, mut dv, _) = read_sets(&shell, train, None, opts, &[])?;
    let mut te = match test {
        Some(t) => Some(set_of(
            &shell,
            &read_corpus(t, CorpusFormat::Anercorp)?,
            NEWS,
        )),
        None => None,
    };
    if opts.memory {
        match te.as_mut() {
            Some(te) => attach_memory(&mut tr, &mut [&mut dv, te]),
            None => attach_memory(&mut tr, &mut [&mut dv]),
        }
    }
    Ok((tr, dv, te))
}

/// Retrains one pass on `all` for `epochs`, keeping each domain's tuned `O` bias.
fn refit(
    models: &mut [Model],
    all: &Set,
    epochs: usize,
    opts: &TrainOptions,
    label: &str,
    no_dev: Devs<'_>,
) {
    let fresh = fit(all, no_dev, epochs, opts, label).models;
    for (m, f) in models.iter_mut().zip(fresh) {
        let bias = m.o_bias;
        *m = f;
        m.o_bias = bias;
    }
}
