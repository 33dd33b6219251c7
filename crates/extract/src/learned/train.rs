//! Training the relation classifier from annotated articles (behind the `train` feature).
//!
//! The caller analyzes each article and maps its actors to the annotation's entity ids (the
//! scorer's mapping, `isnad_eval::map_clusters`); [`featurize`] turns the article into labelled
//! candidates: a candidate is positive when the annotation relates its two actors and the
//! candidate's clause overlaps the relation's evidence (or one of its other evidence clauses).
//! [`train`] fits the perceptrons, then chooses the threshold and the calibration on held-out
//! folds of the training articles, so neither is tuned on the articles it is applied to.

use std::collections::{HashMap, HashSet};

use isnad_doc::{AnalyzedText, Dependencies};
use isnad_learn::{prf, Logistic, XorShift};

use super::candidates::{candidates, Context, Feats};
use super::{class_of, kind_of, Decision, RelationModel, Table, CLASSES};
use crate::doc::Doc;
use crate::{Actor, RelationType};

/// One relation of the annotation, in the annotation's entity ids.
#[derive(Debug, Clone)]
pub struct GoldRelation {
    /// Subject entity id.
    pub subject: String,
    /// Relation type.
    pub kind: RelationType,
    /// Object entity id.
    pub object: String,
    /// Negated.
    pub negated: bool,
    /// The evidence clause and the other clauses that state it, as written in the text.
    pub evidence: Vec<String>,
}

/// An analyzed training article with its annotation.
pub struct TrainDoc<'a> {
    /// The analyzed article.
    pub analyzed: &'a AnalyzedText<'a>,
    /// Its dependency trees.
    pub syntax: Option<&'a Dependencies>,
    /// The actors isnad found.
    pub actors: &'a [Actor],
    /// The annotation's entity id each actor maps to, if any (same order as `actors`).
    pub actor_gold: &'a [Option<String>],
    /// The annotated relations.
    pub gold: &'a [GoldRelation],
}

/// A labelled candidate.
#[derive(Debug, Clone)]
struct Example {
    rows: Vec<usize>,
    class: usize,
    /// Trained on: a candidate whose pair the annotation relates elsewhere in the article is
    /// neither a positive nor a safe negative, so it is only scored.
    train: bool,
    negated: bool,
    /// The type and direction of the pair's annotated relation when it is stated in another
    /// clause: not a detection example, but still evidence of how such pairs relate.
    elsewhere: usize,
    /// The annotation ids (or a placeholder) of the first and second actor.
    ids: (String, String),
}

/// The labelled candidates of one article and its gold relation keys.
pub struct DocExamples {
    examples: Vec<Example>,
    gold: HashSet<Key>,
    /// Annotated relations: (both arguments found, some candidate pairs them, some candidate
    /// is labelled with it).
    reach: (usize, usize, usize),
}

impl DocExamples {
    /// Number of candidates.
    pub fn candidates(&self) -> usize {
        self.examples.len()
    }

    /// Number of positive candidates.
    pub fn positives(&self) -> usize {
        self.examples.iter().filter(|e| e.class != 0).count()
    }

    /// Number of annotated relations (distinct scorer keys).
    pub fn gold_relations(&self) -> usize {
        self.gold.len()
    }

    /// Of the annotated relations: how many have both arguments among the actors found, how
    /// many of those share a clause, and how many are labelled on a candidate.
    pub fn reach(&self) -> (usize, usize, usize) {
        self.reach
    }
}

/// The scorer's key: subject, type, object, negated; symmetric types ordered.
type Key = (String, RelationType, String, bool);

fn key(s: &str, kind: RelationType, o: &str, negated: bool) -> Key {
    let (s, o) = if kind.is_symmetric() && o < s {
        (o, s)
    } else {
        (s, o)
    };
    (s.to_string(), kind, o.to_string(), negated)
}

/// Code-point spans of each located evidence string (`None` when none could be found).
fn locate(text: &str, evidence: &[String]) -> Option<Vec<(usize, usize)>> {
    let spans: Vec<(usize, usize)> = evidence
        .iter()
        .filter(|e| !e.is_empty())
        .filter_map(|e| {
            let b = text.find(e.as_str())?;
            let s = text[..b].chars().count();
            Some((s, s + e.chars().count()))
        })
        .collect();
    (!spans.is_empty()).then_some(spans)
}

/// Labels the candidates of one article.
pub fn featurize(doc: &TrainDoc<'_>, bits: u32) -> DocExamples {
    let d = Doc::new(doc.analyzed, doc.actors);
    let rules = crate::relations::rules(&d, None);
    let ctx = Context::new(
        &d,
        doc.analyzed,
        doc.syntax,
        &rules.relations,
        &rules.quotes,
    );
    let located: Vec<Option<Vec<(usize, usize)>>> = doc
        .gold
        .iter()
        .map(|g| locate(doc.analyzed.text, &g.evidence))
        .collect();
    let id = |a: usize| {
        doc.actor_gold
            .get(a)
            .cloned()
            .flatten()
            .unwrap_or_else(|| format!("?{}", doc.actors[a].id))
    };
    let mut examples = Vec::new();
    let mut paired = vec![false; doc.gold.len()];
    let mut labelled = vec![false; doc.gold.len()];
    for c in candidates(&d, &rules.clauses) {
        let (ga, gb) = (id(c.first.actor), id(c.second.actor));
        let mut f = Feats::new(bits);
        ctx.features(&c, &mut f);
        let mut class = 0;
        let mut negated = false;
        let mut train = true;
        let mut elsewhere = 0;
        if ga != gb {
            for (gi, (g, spans)) in doc.gold.iter().zip(&located).enumerate() {
                let forward = (g.subject == ga && g.object == gb)
                    || (g.kind.is_symmetric() && g.subject == gb && g.object == ga);
                let backward = !g.kind.is_symmetric() && g.subject == gb && g.object == ga;
                if !(forward || backward) {
                    continue;
                }
                paired[gi] = true;
                train = false;
                if elsewhere == 0 {
                    elsewhere = class_of(g.kind, forward);
                }
                if class != 0 {
                    continue;
                }
                let here = spans.as_ref().map_or(true, |sp| {
                    sp.iter().any(|&(s, e)| s < c.clause.1 && e > c.clause.0)
                });
                if here {
                    class = class_of(g.kind, forward);
                    negated = g.negated;
                    labelled[gi] = true;
                    train = true;
                }
            }
        }
        examples.push(Example {
            rows: f.rows,
            class,
            train,
            negated,
            elsewhere,
            ids: (ga, gb),
        });
    }
    let gold = doc
        .gold
        .iter()
        .map(|g| key(&g.subject, g.kind, &g.object, g.negated))
        .collect();
    let found: HashSet<&str> = doc
        .actor_gold
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let both = doc
        .gold
        .iter()
        .filter(|g| found.contains(g.subject.as_str()) && found.contains(g.object.as_str()))
        .count();
    let count = |v: &[bool]| v.iter().filter(|&&x| x).count();
    DocExamples {
        examples,
        gold,
        reach: (both, count(&paired), count(&labelled)),
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the candidates.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Feature hash bits.
    pub bits: u32,
    /// Initial learning rate of the logistic regressions.
    pub rate: f64,
    /// Their L2 penalty per step.
    pub l2: f64,
    /// Folds for choosing the threshold and the calibration.
    pub folds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            epochs: 12,
            seed: 1,
            bits: 18,
            rate: 0.05,
            l2: 3e-4,
            folds: 4,
        }
    }
}

/// What training measured on its held-out folds.
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    /// Articles and candidates trained on.
    pub docs: usize,
    /// Candidates.
    pub candidates: usize,
    /// Positive candidates.
    pub positives: usize,
    /// Relation precision, recall, F1 of the held-out folds at the chosen threshold (the
    /// scorer's keys, in the annotation's ids).
    pub cv: (f64, f64, f64),
    /// The chosen threshold.
    pub threshold: f32,
    /// Reliability table on the held-out folds: (confidence bin low edge, relations, right).
    pub reliability: Vec<(f32, usize, usize)>,
}

fn fit(docs: &[&DocExamples], opts: &TrainOptions) -> RelationModel {
    let mut all: Vec<&Example> = docs
        .iter()
        .flat_map(|d| d.examples.iter())
        .filter(|e| e.train || e.elsewhere != 0)
        .collect();
    let new = |classes| Logistic::new(opts.bits, classes, opts.rate, opts.l2);
    let (mut detect, mut kind, mut neg) = (new(2), new(CLASSES), new(2));
    let mut rng = XorShift::new(opts.seed);
    let mut scores = vec![0f32; CLASSES];
    for _ in 0..opts.epochs {
        rng.shuffle(&mut all);
        for e in &all {
            if !e.train {
                kind.step(&e.rows, e.elsewhere, &mut scores);
                continue;
            }
            detect.step(&e.rows, usize::from(e.class != 0), &mut scores[..2]);
            if e.class != 0 {
                kind.step(&e.rows, e.class, &mut scores);
                neg.step(&e.rows, usize::from(e.negated), &mut scores[..2]);
            }
        }
    }
    RelationModel::new(
        opts.bits,
        Table::new(2, &detect.weights()),
        Table::new(CLASSES, &kind.weights()),
        Table::new(2, &neg.weights()),
    )
}

/// The model's decisions on one held-out article, with the annotation ids of each pair.
struct HeldDoc<'d> {
    doc: &'d DocExamples,
    decisions: Vec<Decision>,
    /// The negation cut the decisions are read with.
    negation_threshold: f32,
}

/// The article's predicted keys with the best margin of each, and whether each is annotated.
fn doc_predictions(held: &HeldDoc<'_>) -> Vec<(f32, bool)> {
    let mut best_of: HashMap<Key, f32> = HashMap::new();
    for (e, d) in held.doc.examples.iter().zip(&held.decisions) {
        let Some((kind, forward)) = kind_of(d.class) else {
            continue;
        };
        let (s, o) = if forward {
            (&e.ids.0, &e.ids.1)
        } else {
            (&e.ids.1, &e.ids.0)
        };
        if s == o {
            continue;
        }
        let m = best_of
            .entry(key(s, kind, o, d.negation > held.negation_threshold))
            .or_insert(f32::MIN);
        *m = m.max(d.margin);
    }
    best_of
        .into_iter()
        .map(|(k, m)| (m, held.doc.gold.contains(&k)))
        .collect()
}

/// Trains on `docs`: folds first (threshold, calibration, report), then every article.
pub fn train(docs: &[DocExamples], opts: &TrainOptions) -> (RelationModel, TrainReport) {
    let folds = opts.folds.max(2);
    let gold_total: usize = docs.iter().map(|d| d.gold.len()).sum();
    let mut decided: Vec<(&DocExamples, Vec<Decision>)> = Vec::new();
    for k in 0..folds {
        let fit_docs: Vec<&DocExamples> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, d)| d)
            .collect();
        let model = fit(&fit_docs, opts);
        for d in docs.iter().skip(k).step_by(folds) {
            decided.push((
                d,
                d.examples.iter().map(|e| model.decide(&e.rows)).collect(),
            ));
        }
    }
    let negation_threshold = choose_negation_threshold(&decided);
    let mut held: Vec<(f32, bool)> = Vec::new();
    for (doc, decisions) in decided {
        held.extend(doc_predictions(&HeldDoc {
            doc,
            decisions,
            negation_threshold,
        }));
    }
    held.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let (threshold, cv) = choose_threshold(&held, gold_total);
    let kept: Vec<(f32, bool)> = held.iter().copied().filter(|p| p.0 > threshold).collect();
    let calibration = calibrate(&kept);
    let all: Vec<&DocExamples> = docs.iter().collect();
    let mut model = fit(&all, opts);
    model.threshold = threshold;
    model.negation_threshold = negation_threshold;
    model.calibration = calibration;
    let report = TrainReport {
        docs: docs.len(),
        candidates: docs.iter().map(DocExamples::candidates).sum(),
        positives: docs.iter().map(DocExamples::positives).sum(),
        cv,
        threshold,
        reliability: reliability(&model, &kept),
    };
    (model, report)
}

/// The negation log-odds that best tells the negated relations from the others among the
/// held-out candidates that state one (F1 of the negated class). The annotation negates few
/// relations (24 of the 1,281 labelled candidates of the train split), so the regression's
/// even odds would miss most of them.
fn choose_negation_threshold(decided: &[(&DocExamples, Vec<Decision>)]) -> f32 {
    let mut scored: Vec<(f32, bool)> = decided
        .iter()
        .flat_map(|(doc, ds)| doc.examples.iter().zip(ds))
        .filter(|(e, _)| e.train && e.class != 0)
        .map(|(e, d)| (d.negation, e.negated))
        .collect();
    let negated = scored.iter().filter(|s| s.1).count();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let (mut tp, mut best_f, mut best_t) = (0usize, 0f64, 0f32);
    for (i, &(m, right)) in scored.iter().enumerate() {
        tp += usize::from(right);
        let next = scored.get(i + 1).map(|p| p.0);
        if next == Some(m) {
            continue;
        }
        let f = prf(tp, i + 1, tp, negated).2;
        if f > best_f {
            best_f = f;
            best_t = next.map_or(m - 1.0, |x| (m + x) / 2.0);
        }
    }
    best_t
}

/// The margin that maximizes F1 over the held-out predictions (sorted by margin, descending).
fn choose_threshold(held: &[(f32, bool)], gold: usize) -> (f32, (f64, f64, f64)) {
    let (mut tp, mut best_f, mut best_t, mut best_prf) = (0usize, -1f64, 0f32, (0.0, 0.0, 0.0));
    for (i, &(m, right)) in held.iter().enumerate() {
        tp += usize::from(right);
        let next = held.get(i + 1).map(|p| p.0);
        if next == Some(m) {
            continue;
        }
        let (p, r, f) = prf(tp, i + 1, tp, gold);
        if f > best_f {
            best_f = f;
            // Halfway to the next margin, so the cut does not sit on a training value.
            best_t = next.map_or(m - 1.0, |x| (m + x) / 2.0);
            best_prf = (p, r, f);
        }
    }
    (best_t, best_prf)
}

/// Fits `p = σ(a·margin + b)` to the held-out predictions by gradient descent on the log loss
/// (deterministic: fixed steps from a fixed start).
fn calibrate(kept: &[(f32, bool)]) -> (f32, f32) {
    if kept.is_empty() {
        return (1.0, 0.0);
    }
    let n = kept.len() as f64;
    // Margins in units of their spread, so one step size fits every model.
    let spread = (kept.iter().map(|&(m, _)| (m as f64).powi(2)).sum::<f64>() / n)
        .sqrt()
        .max(1e-6);
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..3000 {
        let (mut ga, mut gb) = (0.0, 0.0);
        for &(m, y) in kept {
            let x = m as f64 / spread;
            let p = 1.0 / (1.0 + (-(a * x + b)).exp());
            let d = p - f64::from(u8::from(y));
            ga += d * x;
            gb += d;
        }
        a -= 0.5 * ga / n;
        b -= 0.5 * gb / n;
    }
    ((a / spread) as f32, b as f32)
}

/// Predicted relations and right ones per tenth of confidence.
fn reliability(model: &RelationModel, kept: &[(f32, bool)]) -> Vec<(f32, usize, usize)> {
    let mut bins = vec![(0usize, 0usize); 10];
    for &(m, right) in kept {
        let i = ((model.confidence(m) * 10.0) as usize).min(9);
        bins[i].0 += 1;
        bins[i].1 += usize::from(right);
    }
    bins.into_iter()
        .enumerate()
        .filter(|(_, b)| b.0 > 0)
        .map(|(i, (n, r))| (i as f32 / 10.0, n, r))
        .collect()
}
