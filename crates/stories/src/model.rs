//! The learned pair decision: logistic regression over [`pair_features`](crate::pair_features),
//! fitted by Newton's method (deterministic, no shuffles), stored in the shared model codec.

use crate::features::PAIR_FEATURES;
use isnad_learn::codec::{Reader, Writer};
use isnad_learn::CodecError;

const MAGIC: &[u8; 8] = b"ISNADSTY";
/// Format version of `stories.bin`; bump when the features or the layout change.
const FORMAT_VERSION: u32 = 1;

/// The model embedded in the binary (`models/stories.bin`, `isnad train stories`).
static EMBEDDED: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/stories.bin"
));

/// Knots of the piecewise-linear expansion of each feature (features lie roughly in 0..=1):
/// the weight of a feature may change slope at each, so the model can learn that a title
/// overlap matters up to a point, or that a little shared vocabulary means nothing.
const KNOTS: [f32; 3] = [0.15, 0.3, 0.5];
/// Inputs of the logistic regression: each feature, and its hinge past each knot.
pub(crate) const INPUTS: usize = PAIR_FEATURES * (1 + KNOTS.len());

/// The expanded inputs of a feature vector.
fn expand(f: &[f32; PAIR_FEATURES]) -> [f32; INPUTS] {
    let mut x = [0.0f32; INPUTS];
    for (i, &v) in f.iter().enumerate() {
        let row = &mut x[i * (1 + KNOTS.len())..(i + 1) * (1 + KNOTS.len())];
        row[0] = v;
        for (k, &knot) in KNOTS.iter().enumerate() {
            row[k + 1] = (v - knot).max(0.0);
        }
    }
    x
}

/// Whether two documents report the same event: weights over the pair features, and the
/// thresholds the incremental grouping applies to the resulting probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct PairModel {
    /// One weight per expanded input (each feature and its hinges past the knots).
    pub weights: Vec<f32>,
    /// The intercept.
    pub bias: f32,
    /// A document joins a story only when its mean link probability over the story's members
    /// reaches this (average linkage: one strong link into a story about a related event is
    /// not enough, which is what chains events together) ...
    pub join: f32,
    /// ... and its best link into the story reaches this.
    pub support: f32,
}

/// One labelled pair for [`PairModel::fit`].
#[derive(Debug, Clone)]
pub struct Example {
    /// The pair's features.
    pub features: [f32; PAIR_FEATURES],
    /// Same story.
    pub same: bool,
    /// Weight in the loss (hard negatives count more).
    pub weight: f32,
}

impl PairModel {
    /// The embedded model.
    ///
    /// # Errors
    /// When the embedded bytes are not a model of this version (a stale build).
    pub fn embedded() -> Result<PairModel, CodecError> {
        PairModel::from_bytes(EMBEDDED)
    }

    /// The probability that the pair reports one event.
    pub fn probability(&self, features: &[f32; PAIR_FEATURES]) -> f32 {
        let x = expand(features);
        let z: f32 = self.bias + self.weights.iter().zip(&x).map(|(w, x)| w * x).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits the weights by L2-regularized logistic regression (Newton's method, 25 steps):
    /// the same examples give the same bytes. Thresholds are left at 0.5; set them after.
    pub fn fit(examples: &[Example], l2: f64) -> PairModel {
        const K: usize = INPUTS + 1;
        let mut w = [0.0f64; K];
        for _ in 0..25 {
            let mut grad = [0.0f64; K];
            let mut hess = vec![vec![0.0f64; K]; K];
            for e in examples {
                let x = with_bias(&e.features);
                let z: f64 = w.iter().zip(&x).map(|(a, b)| a * b).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let y = f64::from(u8::from(e.same));
                let c = f64::from(e.weight);
                for i in 0..K {
                    grad[i] += c * (p - y) * x[i];
                    for j in 0..K {
                        hess[i][j] += c * p * (1.0 - p) * x[i] * x[j];
                    }
                }
            }
            // The intercept is not regularized.
            for i in 0..INPUTS {
                grad[i] += l2 * w[i];
                hess[i][i] += l2;
            }
            hess[K - 1][K - 1] += 1e-9;
            let Some(step) = solve(hess, grad.to_vec()) else {
                break;
            };
            for i in 0..K {
                w[i] -= step[i];
            }
        }
        let weights = w[..INPUTS].iter().map(|&v| v as f32).collect();
        PairModel {
            weights,
            bias: w[K - 1] as f32,
            join: 0.5,
            support: 0.0,
        }
    }

    /// Serializes the model with the shared codec.
    ///
    /// # Errors
    /// When the codec fails to compress.
    pub fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let mut w = Writer::default();
        w.u32(INPUTS as u32);
        for &x in &self.weights {
            w.f32(x);
        }
        w.f32(self.bias);
        w.f32(self.join);
        w.f32(self.support);
        w.finish(MAGIC, FORMAT_VERSION)
    }

    /// Reads a model written by [`PairModel::to_bytes`].
    ///
    /// # Errors
    /// When the bytes are not a story pair model of this version.
    pub fn from_bytes(bytes: &[u8]) -> Result<PairModel, CodecError> {
        let mut r = Reader::open(bytes, MAGIC, FORMAT_VERSION, "story pair model")?;
        let n = r.u32()? as usize;
        if n != INPUTS {
            return Err(r.invalid(format!("{n} inputs, expected {INPUTS}")));
        }
        let weights = (0..n).map(|_| r.f32()).collect::<Result<Vec<f32>, _>>()?;
        Ok(PairModel {
            weights,
            bias: r.f32()?,
            join: r.f32()?,
            support: r.f32()?,
        })
    }
}

fn with_bias(f: &[f32; PAIR_FEATURES]) -> [f64; INPUTS + 1] {
    let mut x = [1.0f64; INPUTS + 1];
    for (o, v) in x.iter_mut().zip(&expand(f)) {
        *o = f64::from(*v);
    }
    x
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None` when singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let k = b.len();
    for col in 0..k {
        let pivot = (col..k).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (top, rest) = a.split_at_mut(col + 1);
        let pivot_row = &top[col];
        for (r, row) in rest.iter_mut().enumerate() {
            let f = row[col] / pivot_row[col];
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[col + 1 + r] -= f * b[col];
        }
    }
    let mut x = vec![0.0f64; k];
    for row in (0..k).rev() {
        let s: f64 = (row + 1..k).map(|j| a[row][j] * x[j]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_a_separable_rule_and_round_trips() {
        let examples: Vec<Example> = (0..200)
            .map(|i| {
                let mut features = [0.0f32; PAIR_FEATURES];
                features[0] = (i % 10) as f32 / 10.0;
                features[1] = ((i * 7) % 13) as f32 / 13.0;
                Example {
                    features,
                    same: features[0] > 0.45,
                    weight: 1.0,
                }
            })
            .collect();
        let m = PairModel::fit(&examples, 0.1);
        let mut hi = [0.0f32; PAIR_FEATURES];
        hi[0] = 0.9;
        assert!(m.probability(&hi) > 0.9);
        assert!(m.probability(&[0.0; PAIR_FEATURES]) < 0.1);
        assert_eq!(PairModel::fit(&examples, 0.1), m);
        let bytes = m.to_bytes().unwrap();
        assert_eq!(PairModel::from_bytes(&bytes).unwrap(), m);
        assert!(PairModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn the_embedded_model_loads() {
        assert!(PairModel::embedded().is_ok());
    }
}
