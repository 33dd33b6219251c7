//! Multinomial logistic regression over hashed features, fitted by stochastic gradient descent
//! with L2 regularization.
//!
//! Where the perceptron only moves on mistakes and so memorizes the rare words of a few hundred
//! training articles, the log loss with an L2 penalty keeps shrinking weights that the data do not
//! keep supporting, which is what small annotated sets need.

/// Softmax regression with `classes` weights per hashed row.
pub struct Logistic {
    /// Number of classes (weights per row).
    pub classes: usize,
    /// Weights up to the common factor `scale` (lazy L2 decay).
    v: Vec<f32>,
    scale: f64,
    /// Steps taken, for the learning-rate schedule.
    t: u64,
    /// Initial learning rate.
    pub rate: f64,
    /// L2 strength per step.
    pub l2: f64,
}

impl Logistic {
    /// A model with `1 << bits` hashed rows of `classes` weights, all zero.
    pub fn new(bits: u32, classes: usize, rate: f64, l2: f64) -> Self {
        Logistic {
            classes,
            v: vec![0.0; (1usize << bits) * classes],
            scale: 1.0,
            t: 0,
            rate,
            l2,
        }
    }

    /// Class scores (logits) of a feature set into `out`.
    pub fn scores(&self, rows: &[usize], out: &mut [f32]) {
        out.fill(0.0);
        for &r in rows {
            let base = r * self.classes;
            for (o, w) in out.iter_mut().zip(&self.v[base..base + self.classes]) {
                *o += w;
            }
        }
        let s = self.scale as f32;
        for o in out.iter_mut() {
            *o *= s;
        }
    }

    /// One gradient step on one example whose class is `gold`; `out` is scratch of `classes`.
    pub fn step(&mut self, rows: &[usize], gold: usize, out: &mut [f32]) {
        self.t += 1;
        let lr = self.rate / (1.0 + self.rate * self.l2 * self.t as f64);
        self.scale *= 1.0 - lr * self.l2;
        if self.scale < 1e-6 {
            let s = self.scale as f32;
            self.v.iter_mut().for_each(|w| *w *= s);
            self.scale = 1.0;
        }
        self.scores(rows, out);
        let max = out.iter().copied().fold(f32::MIN, f32::max);
        let mut z = 0.0;
        for o in out.iter_mut() {
            *o = (*o - max).exp();
            z += *o;
        }
        let g = (lr / self.scale) as f32;
        for (c, o) in out.iter().enumerate() {
            let p = o / z;
            let d = g * (p - f32::from(u8::from(c == gold)));
            if d == 0.0 {
                continue;
            }
            for &r in rows {
                self.v[r * self.classes + c] -= d;
            }
        }
    }

    /// The weights, row-major (`rows × classes`), with the scale applied.
    pub fn weights(&self) -> Vec<f32> {
        let s = self.scale as f32;
        self.v.iter().map(|w| w * s).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Logistic;

    /// Two features that each predict one of three classes, one that is noise: the fitted
    /// model ranks the right class first and gives the noise feature little weight.
    #[test]
    fn learns_separable_classes_and_shrinks_noise() {
        let mut m = Logistic::new(4, 3, 0.5, 1e-3);
        let mut out = [0f32; 3];
        let data = [(vec![1, 7], 1), (vec![2, 7], 2), (vec![3, 7], 0)];
        for _ in 0..200 {
            for (rows, gold) in &data {
                m.step(rows, *gold, &mut out);
            }
        }
        for (rows, gold) in &data {
            m.scores(rows, &mut out);
            let best = (0..3).fold(0, |b, i| if out[i] > out[b] { i } else { b });
            assert_eq!(best, *gold);
        }
        let w = m.weights();
        let noise: f32 = w[7 * 3..8 * 3].iter().map(|x| x.abs()).sum();
        let signal: f32 = w[3..6].iter().map(|x| x.abs()).sum();
        assert!(noise < signal / 4.0, "noise {noise} signal {signal}");
    }
}
