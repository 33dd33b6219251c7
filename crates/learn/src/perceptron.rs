//! Averaged multiclass perceptron over hashed features, and the feature hash.
//!
//! Features are hashed (never interned) so that inference needs no string
//! table: a template id and a few chars or ids are mixed into a row index.

/// Mixes one value into a running feature hash (FxHash-style multiply-rotate).
#[inline(always)]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Starts a feature hash for a template id.
#[inline(always)]
pub fn start(template: u32) -> u64 {
    mix(0x9E37_79B9_7F4A_7C15, template as u64)
}

/// Reduces a hash to a row index below `1 << bits`.
#[inline(always)]
pub fn row(h: u64, bits: u32) -> usize {
    (mix(h, 0x2545_F491_4F6C_DD1D) >> (64 - bits)) as usize
}

/// Averaged perceptron with `classes` weights per hashed row.
pub struct Perceptron {
    /// Number of classes (weights per row).
    pub classes: usize,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    t: u32,
}

impl Perceptron {
    /// A perceptron with `1 << bits` hashed rows of `classes` weights, all zero.
    pub fn new(bits: u32, classes: usize) -> Self {
        let n = (1usize << bits) * classes;
        Perceptron {
            classes,
            w: vec![0.0; n],
            total: vec![0.0; n],
            stamp: vec![0; n],
            t: 1,
        }
    }

    /// Current (non-averaged) scores of all classes.
    #[inline]
    pub fn scores(&self, rows: &[usize], out: &mut [f32]) {
        out.fill(0.0);
        for &r in rows {
            let base = r * self.classes;
            for (o, w) in out.iter_mut().zip(&self.w[base..base + self.classes]) {
                *o += w;
            }
        }
    }

    /// Adds the current (non-averaged) weights of `rows` to `out`.
    #[inline]
    pub fn add_scores(&self, rows: &[usize], out: &mut [f32]) {
        for &r in rows {
            let base = r * self.classes;
            for (o, w) in out.iter_mut().zip(&self.w[base..base + self.classes]) {
                *o += w;
            }
        }
    }

    /// Adds `delta` to class `c` of `rows`.
    pub fn update_one(&mut self, rows: &[usize], c: usize, delta: f32) {
        for &r in rows {
            let k = r * self.classes + c;
            self.total[k] += (self.t - self.stamp[k]) as f32 * self.w[k];
            self.stamp[k] = self.t;
            self.w[k] += delta;
        }
    }

    /// Moves `rows` toward `good` and away from `bad`.
    pub fn update(&mut self, rows: &[usize], good: usize, bad: usize, delta: f32) {
        for &r in rows {
            for (c, d) in [(good, delta), (bad, -delta)] {
                let k = r * self.classes + c;
                self.total[k] += (self.t - self.stamp[k]) as f32 * self.w[k];
                self.stamp[k] = self.t;
                self.w[k] += d;
            }
        }
    }

    /// Advances the example counter (call once per training example).
    pub fn tick(&mut self) {
        self.t += 1;
    }

    /// The averaged weights.
    pub fn averaged(&self) -> Vec<f32> {
        let t = self.t as f32;
        self.w
            .iter()
            .zip(&self.total)
            .zip(&self.stamp)
            .map(|((w, tot), s)| (tot + (self.t - s) as f32 * w) / t)
            .collect()
    }
}

/// Quantizes weights to i16 with a shared scale; returns (weights, scale).
///
/// Weights below half a quantum become 0, which is the pruning step.
pub fn quantize(w: &[f32]) -> (Vec<i16>, f32) {
    let max = w.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
    let q = w
        .iter()
        .map(|x| (x * scale).round().clamp(-32_767.0, 32_767.0) as i16)
        .collect();
    (q, scale)
}
