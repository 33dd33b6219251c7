//! Training the tagging passes: feature rows (with per-domain copies), isnad-learn's averaged
//! structured perceptron driven by NER's Viterbi with loss augmentation, and an ensemble of
//! differently shuffled learners.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use isnad_learn::SequencePerceptron;

use crate::features::features;
use crate::label::NUM_TAGS;
use crate::model::{FeatMap, Model};
use crate::rng::Rng;
use crate::set::{Set, DOMAINS};

/// A sentence with precomputed feature rows.
pub(crate) struct Prepared {
    feats: Vec<Vec<u32>>,
    gold: Vec<usize>,
}

/// Feature hash → weight row, shared (and, when augmenting, per domain). Built once by
/// [`prepare`] and shared read-only by every learner of an [`Ensemble`].
pub(crate) struct Rows {
    index: FeatMap,
    /// Per-domain copies of the features, when augmenting.
    domain_index: Vec<FeatMap>,
    augment: bool,
    len: u32,
}

impl Rows {
    pub(crate) fn new(augment: bool) -> Self {
        Rows {
            index: FeatMap::default(),
            domain_index: (0..DOMAINS).map(|_| FeatMap::default()).collect(),
            augment,
            len: 0,
        }
    }

    /// The row of feature `h`, shared (`domain == None`) or of one domain.
    fn id(&mut self, h: u64, domain: Option<usize>) -> u32 {
        let next = self.len;
        let map = match domain {
            None => &mut self.index,
            Some(d) => &mut self.domain_index[d],
        };
        let id = *map.entry(h).or_insert(next);
        if id == next {
            self.len += 1;
        }
        id
    }
}

/// One learner: isnad-learn's averaged structured perceptron over the rows of [`Rows`]. What is
/// NER's own here is the decoding (BIO-constrained Viterbi), the loss augmentation and the
/// folding of domain rows into a [`Model`].
pub(crate) struct Learner {
    rows: Arc<Rows>,
    p: SequencePerceptron<NUM_TAGS>,
}

impl Learner {
    fn new(rows: Arc<Rows>) -> Self {
        let n = rows.len as usize;
        Learner {
            rows,
            p: SequencePerceptron::new(n),
        }
    }

    /// The averaged model folded for `domain`: shared weights plus that domain's.
    pub(crate) fn model(&self, domain: usize) -> Model {
        let own = &self.rows.domain_index[domain];
        let weights = self
            .rows
            .index
            .iter()
            .map(|(&h, &r)| {
                let mut a = self.p.averaged_row(r);
                if let Some(&rd) = own.get(&h) {
                    for (x, y) in a.iter_mut().zip(self.p.averaged_row(rd)) {
                        *x += y;
                    }
                }
                (h, a)
            })
            .collect();
        let mut trans = [[0f32; NUM_TAGS]; NUM_TAGS + 1];
        trans.copy_from_slice(&self.p.averaged_transitions());
        Model {
            weights,
            trans,
            o_bias: 0.0,
        }
    }

    /// One loss-augmented perceptron step: decode with a wrong tag favoured by its cost (a
    /// missed entity token `miss_cost`, any other error a third of it), then update.
    fn step(&mut self, s: &Prepared, miss_cost: f32) {
        let mut em = self.p.emissions(&s.feats);
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
        let mut trans = [[0f32; NUM_TAGS]; NUM_TAGS + 1];
        trans.copy_from_slice(self.p.transitions());
        let scorer = Model {
            trans,
            ..Model::default()
        };
        let (pred, _) = scorer.viterbi(&em);
        self.p.learn(&s.feats, &s.gold, &pred);
    }
}

pub(crate) fn prepare(index: &mut Rows, set: &Set, min_count: u32) -> Vec<Prepared> {
    let mut feats = Vec::with_capacity(128);
    // Features seen fewer than `min_count` times are dropped: singletons let the perceptron memorize
    // training tokens instead of weighting the features that generalize to unseen names.
    let mut counts: HashMap<u64, u32> = HashMap::new();
    if min_count > 1 {
        for s in &set.infos {
            for i in 0..s.len() {
                features(s, i, &mut feats);
                for &h in &feats {
                    *counts.entry(h).or_insert(0) += 1;
                }
            }
        }
    }
    let kept = |h: &u64| min_count <= 1 || counts.get(h).is_some_and(|&c| c >= min_count);
    let mut out = Vec::with_capacity(set.len());
    for ((s, g), &d) in set.infos.iter().zip(&set.gold).zip(&set.domains) {
        let mut rows = Vec::with_capacity(s.len());
        for i in 0..s.len() {
            features(s, i, &mut feats);
            let mut row = Vec::with_capacity(feats.len() * 2);
            for h in feats.iter().filter(|h| kept(h)) {
                row.push(index.id(*h, None));
                if index.augment {
                    row.push(index.id(*h, Some(d)));
                }
            }
            rows.push(row);
        }
        out.push(Prepared {
            feats: rows,
            gold: g.clone(),
        });
    }
    out
}

/// Learners trained in lockstep on the same feature rows, each on its own shuffle; their averaged
/// models vary less from one seed to the next than any single learner's.
pub(crate) struct Ensemble {
    learners: Vec<Learner>,
    rngs: Vec<Rng>,
}

impl Ensemble {
    /// `k` learners over the same feature rows; learner 0 shuffles with `seed` itself, so
    /// `k == 1` is the plain perceptron.
    pub(crate) fn new(rows: Rows, k: usize, seed: u64) -> Self {
        let rows = Arc::new(rows);
        let learners: Vec<Learner> = (0..k.max(1)).map(|_| Learner::new(rows.clone())).collect();
        let rngs = (0..learners.len() as u64)
            .map(|i| Rng::new(seed.wrapping_add(i.wrapping_mul(0x5851_F42D))))
            .collect();
        Ensemble { learners, rngs }
    }

    /// One epoch per learner (in parallel), each over a fresh shuffle of `data`.
    pub(crate) fn epoch(&mut self, data: &[Prepared], miss_cost: f32) {
        self.learners
            .par_iter_mut()
            .zip(self.rngs.par_iter_mut())
            .for_each(|(learner, rng)| {
                let mut order: Vec<usize> = (0..data.len()).collect();
                rng.shuffle(&mut order);
                for &i in &order {
                    learner.step(&data[i], miss_cost);
                }
            });
    }

    /// The mean of the learners' models folded for `domain`.
    pub(crate) fn model(&self, domain: usize) -> Model {
        let mut models = self.learners.iter().map(|l| l.model(domain));
        let Some(mut sum) = models.next() else {
            return Model::default();
        };
        let k = self.learners.len() as f32;
        if self.learners.len() == 1 {
            return sum;
        }
        for m in models {
            for (h, w) in m.weights {
                let acc = sum.weights.entry(h).or_insert([0.0; NUM_TAGS]);
                acc.iter_mut().zip(w).for_each(|(a, b)| *a += b);
            }
            for (row, add) in sum.trans.iter_mut().zip(m.trans) {
                row.iter_mut().zip(add).for_each(|(a, b)| *a += b);
            }
        }
        for w in sum.weights.values_mut().chain(sum.trans.iter_mut()) {
            w.iter_mut().for_each(|x| *x /= k);
        }
        sum
    }

    /// Every domain's model.
    pub(crate) fn models(&self) -> Vec<Model> {
        (0..DOMAINS).map(|d| self.model(d)).collect()
    }
}
