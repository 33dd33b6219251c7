//! Training the speaker ranker on annotated articles (feature `train`).
//!
//! The caller aligns the annotations with what the rules find: for each quote `quotes::find`
//! returns on an article (the quotes of `extract`'s output, in order), which actors are the
//! annotated speaker, or that the speaker is unnamed, or that the quote is not annotated at all
//! (then it teaches nothing). The binary does that alignment with the scorer's own matching, so
//! the ranker learns on exactly the correspondences it is measured on.

use isnad_doc::{AnalyzedText, SentenceAnalyzer};
use isnad_learn::{Perceptron, XorShift};

use super::candidates::{candidates, Candidate, History, BITS};
use super::{best, SpeakerModel};
use crate::doc::Doc;
use crate::quotes;
use crate::Actor;

/// What the annotation says of one quote the rules found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerTarget {
    /// The quote matches no annotated quote, or its speaker is none of the actors: no lesson.
    Skip,
    /// The annotated speaker is unnamed (a descriptor): no actor is right.
    Nobody,
    /// The actors (indices into the document's actors) that are the annotated speaker.
    Actors(Vec<usize>),
}

/// One annotated article prepared for training.
#[derive(Debug, Clone)]
pub struct SpeakerDoc {
    /// The article text.
    pub text: String,
    /// Its actors, as the entity stage found them.
    pub actors: Vec<Actor>,
    /// One target per quote `extract` finds in it, in order.
    pub targets: Vec<SpeakerTarget>,
}

/// What training measured: on its own data (the model fitted on every article) and on the
/// held-out folds of cross-validation (each article decided by a model that never saw it, the
/// one figure to select features and epochs by).
#[derive(Debug, Clone, Default)]
pub struct SpeakerReport {
    /// Quotes with a target.
    pub examples: usize,
    /// Of those, how many the rules get right.
    pub rules_right: usize,
    /// Of those, how many the trained ranker gets right (on its own training data).
    pub model_right: usize,
    /// Of those, how many the ranker gets right on the held-out folds.
    pub cv_right: usize,
    /// Quotes whose right answer is not among the candidates.
    pub unreachable: usize,
}

/// How to train the ranker.
#[derive(Debug, Clone)]
pub struct SpeakerOptions {
    /// Passes over the articles.
    pub epochs: usize,
    /// Seed of the shuffles; the same seed gives the same bytes.
    pub seed: u64,
    /// Cross-validation folds (by article: article `i` is held out in fold `i % folds`).
    pub folds: usize,
    /// Feature templates left out of training (their weights stay zero), for ablations.
    pub exclude: Vec<u32>,
}

impl Default for SpeakerOptions {
    fn default() -> Self {
        SpeakerOptions {
            epochs: 2,
            seed: 1,
            folds: 5,
            exclude: Vec::new(),
        }
    }
}

fn is_right(c: &Candidate, t: &SpeakerTarget) -> bool {
    match t {
        SpeakerTarget::Skip => false,
        SpeakerTarget::Nobody => c.actor.is_none(),
        SpeakerTarget::Actors(a) => c.actor.is_some_and(|x| a.contains(&x)),
    }
}

/// The candidates of one quote with the rules' choice first (as at inference).
fn ranked(doc: &Doc<'_>, q: &quotes::Found, history: &History) -> Vec<Candidate> {
    let mut cands = candidates(doc, q, history);
    if let Some(i) = cands.iter().position(|c| c.actor == q.speaker) {
        cands.swap(0, i);
    }
    cands
}

fn scores(p: &Perceptron, cands: &[Candidate]) -> Vec<f32> {
    let mut one = [0f32; 1];
    cands
        .iter()
        .map(|c| {
            p.scores(&c.rows, &mut one);
            one[0]
        })
        .collect()
}

/// Trains the ranker: first one model per fold, each judged on the articles it did not see
/// (`cv_right`), then the returned model on every article.
pub fn train_speakers(
    docs: &[SpeakerDoc],
    morph: &dyn SentenceAnalyzer,
    opts: &SpeakerOptions,
) -> (SpeakerModel, SpeakerReport) {
    let analyzed: Vec<AnalyzedText<'_>> = docs
        .iter()
        .map(|d| AnalyzedText::new(&d.text, morph))
        .collect();
    let folds = opts.folds.max(2);
    let mut cv_right = 0;
    for k in 0..folds {
        let fit_on: Vec<usize> = (0..docs.len()).filter(|i| i % folds != k).collect();
        let model = fit(docs, &analyzed, &fit_on, opts);
        let held: Vec<usize> = (k..docs.len()).step_by(folds).collect();
        cv_right += evaluate(docs, &analyzed, &held, &model).model_right;
    }
    let all: Vec<usize> = (0..docs.len()).collect();
    let model = fit(docs, &analyzed, &all, opts);
    let mut report = evaluate(docs, &analyzed, &all, &model);
    report.cv_right = cv_right;
    (model, report)
}

/// `epochs` passes over the articles `on`, in an order shuffled by the seed, each quote decided
/// in text order with the model's own previous decisions as history.
fn fit(
    docs: &[SpeakerDoc],
    analyzed: &[AnalyzedText<'_>],
    on: &[usize],
    opts: &SpeakerOptions,
) -> SpeakerModel {
    let mut p = Perceptron::new(BITS, 1);
    let mut rng = XorShift::new(opts.seed);
    let mut order: Vec<usize> = on.to_vec();
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let doc = Doc::new(&analyzed[i], &docs[i].actors);
            let found = quotes::find(&doc);
            let mut history = History::default();
            for (q, t) in found.iter().zip(&docs[i].targets) {
                let mut cands = ranked(&doc, q, &history);
                if !opts.exclude.is_empty() {
                    for c in &mut cands {
                        c.rows = c
                            .rows
                            .iter()
                            .zip(&c.templates)
                            .filter(|(_, t)| !opts.exclude.contains(t))
                            .map(|(&r, _)| r)
                            .collect();
                    }
                }
                let s = scores(&p, &cands);
                let pick = best(&s);
                let gold = (0..cands.len())
                    .filter(|&k| is_right(&cands[k], t))
                    .max_by(|&a, &b| s[a].total_cmp(&s[b]));
                if let Some(g) = gold {
                    if !is_right(&cands[pick], t) {
                        p.update_one(&cands[g].rows, 0, 1.0);
                        p.update_one(&cands[pick].rows, 0, -1.0);
                    }
                    p.tick();
                }
                history.push(cands[pick].actor, q.end);
            }
        }
    }
    SpeakerModel {
        weights: p.averaged(),
    }
}

/// How the rules and the model fare on `docs`.
fn evaluate(
    docs: &[SpeakerDoc],
    analyzed: &[AnalyzedText<'_>],
    on: &[usize],
    model: &SpeakerModel,
) -> SpeakerReport {
    let mut r = SpeakerReport::default();
    for &i in on {
        let d = &docs[i];
        let doc = Doc::new(&analyzed[i], &d.actors);
        let found = quotes::find(&doc);
        let mut history = History::default();
        for (q, t) in found.iter().zip(&d.targets) {
            let cands = ranked(&doc, q, &history);
            let s: Vec<f32> = cands.iter().map(|c| model.score(&c.rows)).collect();
            let pick = best(&s);
            if *t != SpeakerTarget::Skip {
                r.examples += 1;
                r.rules_right += is_right(&cands[0], t) as usize;
                r.model_right += is_right(&cands[pick], t) as usize;
                r.unreachable += (!cands.iter().any(|c| is_right(c, t))) as usize;
            }
            history.push(cands[pick].actor, q.end);
        }
    }
    r
}
