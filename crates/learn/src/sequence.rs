//! The averaged structured perceptron for sequence labelling (Collins 2002): per-token emission
//! rows of `K` tag weights plus a first-order tag transition table, updated on whole sentences.
//!
//! It is the same learner as [`crate::Perceptron`] (additive updates, lazily averaged weights)
//! with what sequence models need on top: the update compares a gold tag sequence with a decoded
//! one, and transitions are learned with the emissions. The caller decodes (Viterbi, with any
//! well-formedness rule and cost it wants) between [`SequencePerceptron::emissions`] and
//! [`SequencePerceptron::learn`].
//!
//! Rows are dense indices (the caller numbers its features, e.g. after dropping rare ones), and
//! each row keeps its `K` weights together, so scoring a feature touches one cache line. The
//! average is kept with the trick of Daumé (2006, p. 19): besides the weights `w`, `u` sums each
//! update times the example counter `c`, and the averaged weight is `w - u / c`. (This is the
//! arithmetic NER's committed models were trained with; [`crate::Perceptron`] keeps per-weight
//! timestamps instead, which the morphology models were trained with. Both give the same averages
//! in exact arithmetic but round differently, so each model family keeps its own.)

/// An averaged structured perceptron over `K` tags: emission rows and a `(K + 1) × K` transition
/// table whose last row is the sentence start.
#[derive(Debug, Clone)]
pub struct SequencePerceptron<const K: usize> {
    w: Vec<[f32; K]>,
    u: Vec<[f32; K]>,
    tw: Vec<[f32; K]>,
    tu: Vec<[f32; K]>,
    c: f32,
}

/// The averaged weights of one row: `w - u / c`.
#[inline]
fn average<const K: usize>(w: &[f32; K], u: &[f32; K], c: f32) -> [f32; K] {
    std::array::from_fn(|t| w[t] - u[t] / c)
}

impl<const K: usize> SequencePerceptron<K> {
    /// A perceptron with `rows` emission rows, all weights zero.
    pub fn new(rows: usize) -> Self {
        SequencePerceptron {
            w: vec![[0.0; K]; rows],
            u: vec![[0.0; K]; rows],
            tw: vec![[0.0; K]; K + 1],
            tu: vec![[0.0; K]; K + 1],
            c: 1.0,
        }
    }

    /// Number of emission rows.
    pub fn rows(&self) -> usize {
        self.w.len()
    }

    /// Current (non-averaged) tag scores of each token, the sum of the rows in `feats[i]`.
    pub fn emissions(&self, feats: &[Vec<u32>]) -> Vec<[f32; K]> {
        let mut em = vec![[0f32; K]; feats.len()];
        for (e, fs) in em.iter_mut().zip(feats) {
            for &f in fs {
                let w = &self.w[f as usize];
                for t in 0..K {
                    e[t] += w[t];
                }
            }
        }
        em
    }

    /// Current (non-averaged) transitions: `K + 1` rows `[prev][cur]`, row `K` the start.
    pub fn transitions(&self) -> &[[f32; K]] {
        &self.tw
    }

    /// Learns from one sentence: where `pred` differs from `gold`, the token's rows move toward
    /// the gold tag and away from the predicted one, and likewise the transitions into it; then
    /// the example counter advances (also when nothing was wrong, as averaging requires).
    pub fn learn(&mut self, feats: &[Vec<u32>], gold: &[usize], pred: &[usize]) {
        if pred != gold {
            let c = self.c;
            for (i, fs) in feats.iter().enumerate() {
                let (g, p) = (gold[i], pred[i]);
                if g != p {
                    for &f in fs {
                        self.w[f as usize][g] += 1.0;
                        self.u[f as usize][g] += c;
                        self.w[f as usize][p] -= 1.0;
                        self.u[f as usize][p] -= c;
                    }
                }
                let (gp, pp) = if i == 0 {
                    (K, K)
                } else {
                    (gold[i - 1], pred[i - 1])
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

    /// The averaged weights of emission row `r`.
    #[inline]
    pub fn averaged_row(&self, r: u32) -> [f32; K] {
        average(&self.w[r as usize], &self.u[r as usize], self.c)
    }

    /// The averaged transitions (`K + 1` rows, as [`SequencePerceptron::transitions`]).
    pub fn averaged_transitions(&self) -> Vec<[f32; K]> {
        self.tw
            .iter()
            .zip(&self.tu)
            .map(|(w, u)| average(w, u, self.c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes greedily (no transitions): enough to drive the learner in a test.
    fn greedy<const K: usize>(p: &SequencePerceptron<K>, feats: &[Vec<u32>]) -> Vec<usize> {
        p.emissions(feats)
            .iter()
            .map(|e| (0..K).fold(0, |b, t| if e[t] > e[b] { t } else { b }))
            .collect()
    }

    #[test]
    fn learns_a_separable_sequence_and_averages() {
        let mut p = SequencePerceptron::<3>::new(4);
        let feats = vec![vec![0, 3], vec![1, 3], vec![2, 3]];
        let gold = [0, 1, 2];
        for _ in 0..5 {
            let pred = greedy(&p, &feats);
            p.learn(&feats, &gold, &pred);
        }
        assert_eq!(greedy(&p, &feats), gold);
        // Averages are smaller than the final weights but point the same way.
        let avg = p.averaged_row(1);
        assert!(avg[1] > avg[0] && avg[1] > avg[2]);
        assert_eq!(p.averaged_transitions().len(), 4);
        assert_eq!(p.rows(), 4);
    }

    #[test]
    fn a_correct_sentence_only_advances_the_counter() {
        let mut p = SequencePerceptron::<2>::new(1);
        p.learn(&[vec![0]], &[1], &[0]);
        let before = p.transitions().to_vec();
        p.learn(&[vec![0]], &[1], &[1]);
        assert_eq!(p.transitions(), before.as_slice());
        // One update at c = 1, averaged over c = 3: 1 - 1/3.
        assert!((p.averaged_row(0)[1] - (1.0 - 1.0 / 3.0)).abs() < 1e-6);
    }
}
