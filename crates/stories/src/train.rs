//! Fitting the pair model on hand-grouped stories, and the pairwise score the shared scorer
//! (`score.py stories`) computes, so tuning and reports agree with it.

use std::collections::{HashMap, HashSet};

use crate::features::DocFeatures;
use crate::group::{arrival_order, group_stories_with, Story, StoryConfig, StoryDoc};
use crate::index::StoryIndex;
use crate::model::{Example, PairModel};

/// Hand-grouped stories in the shared gold format (`stories-train.json`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct GoldStories {
    /// The stories.
    pub stories: Vec<GoldStory>,
    /// Pairs that share actors and theme but report different events.
    #[serde(default)]
    pub hard_negatives: Vec<HardNegative>,
}

/// One gold story.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct GoldStory {
    /// Its documents.
    pub doc_ids: Vec<String>,
    /// Documents about a related event: pairs with them are neither right nor wrong.
    #[serde(default)]
    pub related_doc_ids: Vec<String>,
}

/// Two documents that must stay apart.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct HardNegative {
    /// The two documents.
    pub docs: Vec<String>,
}

/// Pairwise precision, recall and F1 over the gold documents, as `score.py stories` counts.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct PairScore {
    /// Precision of same-story pairs.
    pub precision: f64,
    /// Recall of same-story pairs.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
    /// Hard negatives put in one story.
    pub hard_negatives_merged: usize,
    /// Hard negatives in the gold.
    pub hard_negatives: usize,
}

fn key(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

fn pairs_of(ids: &[String]) -> impl Iterator<Item = (String, String)> + '_ {
    ids.iter()
        .enumerate()
        .flat_map(move |(i, a)| ids[i + 1..].iter().map(move |b| key(a, b)))
}

impl GoldStories {
    /// Pairs of a story's documents with its related documents (not scored).
    fn dont_care(&self) -> HashSet<(String, String)> {
        let mut out = HashSet::new();
        for s in &self.stories {
            for a in &s.doc_ids {
                for b in &s.related_doc_ids {
                    out.insert(key(a, b));
                }
            }
        }
        out
    }

    /// Story index of each gold document.
    fn story_of(&self) -> HashMap<&str, usize> {
        let mut out = HashMap::new();
        for (i, s) in self.stories.iter().enumerate() {
            for d in &s.doc_ids {
                out.insert(d.as_str(), i);
            }
        }
        out
    }

    fn hard_pairs(&self) -> HashSet<(String, String)> {
        self.hard_negatives
            .iter()
            .filter(|h| h.docs.len() == 2)
            .map(|h| key(&h.docs[0], &h.docs[1]))
            .collect()
    }

    /// Scores predicted stories (documents outside the gold are ignored).
    pub fn score(&self, pred: &[Story]) -> PairScore {
        let docs: HashSet<&str> = self
            .stories
            .iter()
            .flat_map(|s| s.doc_ids.iter().map(String::as_str))
            .collect();
        let dont_care = self.dont_care();
        let gold: HashSet<(String, String)> = self
            .stories
            .iter()
            .flat_map(|s| {
                let mut ids = s.doc_ids.clone();
                ids.sort();
                pairs_of(&ids).collect::<Vec<_>>()
            })
            .filter(|p| !dont_care.contains(p))
            .collect();
        let mut predicted: HashSet<(String, String)> = HashSet::new();
        for s in pred {
            let ids: Vec<String> = s
                .doc_ids
                .iter()
                .filter(|d| docs.contains(d.as_str()))
                .cloned()
                .collect();
            predicted.extend(pairs_of(&ids).filter(|p| !dont_care.contains(p)));
        }
        let tp = predicted.intersection(&gold).count() as f64;
        let precision = if predicted.is_empty() {
            0.0
        } else {
            tp / predicted.len() as f64
        };
        let recall = if gold.is_empty() {
            0.0
        } else {
            tp / gold.len() as f64
        };
        let f1 = if tp > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        let hard = self.hard_pairs();
        PairScore {
            precision,
            recall,
            f1,
            hard_negatives_merged: hard.iter().filter(|p| predicted.contains(*p)).count(),
            hard_negatives: hard.len(),
        }
    }
}

/// How [`train`] fits.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// L2 penalty of the logistic regression.
    pub l2: f64,
    /// Loss weight of a hard-negative pair (other pairs weigh 1).
    pub hard_weight: f32,
    /// F1 given up per hard negative merged when the thresholds are chosen.
    pub hard_penalty: f64,
    /// Folds of the cross-validation that chooses the thresholds.
    pub folds: usize,
    /// Grouping configuration the model is tuned for.
    pub config: StoryConfig,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            l2: 1.0,
            hard_weight: 5.0,
            hard_penalty: 0.02,
            folds: 3,
            config: StoryConfig::default(),
        }
    }
}

/// The labelled candidate pairs the index meets when `docs` arrive in [`arrival_order`]: each
/// document against the earlier candidates its blocking finds, features under the frequencies
/// known at that time. Documents outside the gold and related pairs are left out.
pub fn training_examples(
    docs: &[StoryDoc],
    gold: &GoldStories,
    opts: &TrainOptions,
) -> Vec<Example> {
    let story_of = gold.story_of();
    let dont_care = gold.dont_care();
    let hard = gold.hard_pairs();
    let neutral = PairModel::fit(&[], 0.0);
    let mut index = StoryIndex::new(neutral, opts.config.clone());
    let mut examples = Vec::new();
    for i in arrival_order(docs) {
        let doc = &docs[i];
        let me = index.add_entry(&doc.id, DocFeatures::of(doc));
        for (c, features) in index.candidate_features(me) {
            let other = index.doc_id(c);
            let pair = key(&doc.id, other);
            let (Some(a), Some(b)) = (story_of.get(doc.id.as_str()), story_of.get(other)) else {
                continue;
            };
            if dont_care.contains(&pair) {
                continue;
            }
            examples.push(Example {
                features,
                same: a == b,
                weight: if hard.contains(&pair) {
                    opts.hard_weight
                } else {
                    1.0
                },
            });
        }
    }
    examples
}

/// The documents and gold of some stories (dealt round robin into `folds` folds; `inside`
/// picks fold `k`, else every other fold).
fn fold(
    docs: &[StoryDoc],
    gold: &GoldStories,
    folds: usize,
    k: usize,
    inside: bool,
) -> (Vec<StoryDoc>, GoldStories) {
    let stories: Vec<GoldStory> = gold
        .stories
        .iter()
        .enumerate()
        .filter(|(i, _)| (i % folds == k) == inside)
        .map(|(_, s)| s.clone())
        .collect();
    let ids: HashSet<String> = stories
        .iter()
        .flat_map(|s| s.doc_ids.iter().cloned())
        .collect();
    let docs = docs
        .iter()
        .filter(|d| ids.contains(&d.id))
        .cloned()
        .collect();
    let hard_negatives = gold
        .hard_negatives
        .iter()
        .filter(|h| h.docs.iter().all(|d| ids.contains(d)))
        .cloned()
        .collect();
    let stories = stories
        .into_iter()
        .map(|mut s| {
            s.related_doc_ids.retain(|d| ids.contains(d));
            s
        })
        .collect();
    (
        docs,
        GoldStories {
            stories,
            hard_negatives,
        },
    )
}

/// The thresholds tried: `join` (mean link) and `support` (best link).
fn threshold_grid() -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    for j in 6..=16 {
        for s in 0..=4 {
            out.push((j as f32 * 0.05, 0.5 + s as f32 * 0.1));
        }
    }
    out
}

/// Scores of every grid threshold pair over the folds (F1 averaged, hard negatives summed):
/// per fold a model is fitted on the other folds' documents, then all documents are grouped
/// (the held-out ones meet the same confounders as in use) and the fold's own pairs scored.
fn cross_validated_grid(
    docs: &[StoryDoc],
    gold: &GoldStories,
    opts: &TrainOptions,
) -> Vec<PairScore> {
    let grid = threshold_grid();
    let mut totals = vec![PairScore::default(); grid.len()];
    let folds = opts.folds.max(2);
    for k in 0..folds {
        let (train_docs, train_gold) = fold(docs, gold, folds, k, false);
        let (_, test_gold) = fold(docs, gold, folds, k, true);
        let examples = training_examples(&train_docs, &train_gold, opts);
        let mut model = PairModel::fit(&examples, opts.l2);
        for (&(join, support), total) in grid.iter().zip(totals.iter_mut()) {
            model.join = join;
            model.support = support;
            let score = test_gold.score(&group_stories_with(docs, &model, &opts.config));
            total.precision += score.precision / folds as f64;
            total.recall += score.recall / folds as f64;
            total.f1 += score.f1 / folds as f64;
            total.hard_negatives_merged += score.hard_negatives_merged;
            total.hard_negatives += score.hard_negatives;
        }
    }
    totals
}

/// What [`train`] reports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrainReport {
    /// Labelled candidate pairs (same story, all).
    pub positives: usize,
    /// All labelled candidate pairs.
    pub examples: usize,
    /// Same-story gold pairs that blocking finds as candidates (recall ceiling of the index).
    pub candidate_recall: f64,
    /// Cross-validated score at the chosen thresholds (the held-out folds' pairs).
    pub cross_validated: PairScore,
    /// The training documents regrouped by the final model (in-sample).
    pub train: PairScore,
}

/// Fits the pair model on `docs` grouped as `gold`. The `join` and `support` thresholds are
/// chosen by cross-validation over the gold stories ([`TrainOptions::folds`]): in-sample, the
/// fitted model is overconfident about its own pairs and the thresholds come out too low.
/// The choice maximizes F1 less [`TrainOptions::hard_penalty`] per hard negative merged.
/// Deterministic: the same input gives the same model bytes.
pub fn train(
    docs: &[StoryDoc],
    gold: &GoldStories,
    opts: &TrainOptions,
) -> (PairModel, TrainReport) {
    let grid = threshold_grid();
    let scores = cross_validated_grid(docs, gold, opts);
    let value = |s: &PairScore| s.f1 - opts.hard_penalty * s.hard_negatives_merged as f64;
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if value(s) > value(&scores[best]) {
            best = i;
        }
    }
    let examples = training_examples(docs, gold, opts);
    let mut model = PairModel::fit(&examples, opts.l2);
    (model.join, model.support) = grid[best];
    let positives = examples.iter().filter(|e| e.same).count();
    let gold_pairs: usize = gold
        .stories
        .iter()
        .map(|s| s.doc_ids.len() * s.doc_ids.len().saturating_sub(1) / 2)
        .sum();
    let report = TrainReport {
        positives,
        examples: examples.len(),
        candidate_recall: positives as f64 / gold_pairs.max(1) as f64,
        cross_validated: scores[best],
        train: gold.score(&group_stories_with(docs, &model, &opts.config)),
    };
    (model, report)
}
