//! The parameter tensors and one LSTM direction of the neural probe, with their backward pass.

use crate::rng::Rng;

/// A parameter tensor with its gradient and Adam moments.
pub(super) struct Param {
    pub(super) w: Vec<f32>,
    pub(super) g: Vec<f32>,
    m: Vec<f32>,
    v: Vec<f32>,
}

impl Param {
    pub(super) fn new(n: usize, scale: f32, rng: &mut Rng) -> Param {
        Param {
            w: (0..n)
                .map(|_| ((rng.next_f64() * 2.0 - 1.0) as f32) * scale)
                .collect(),
            g: vec![0.0; n],
            m: vec![0.0; n],
            v: vec![0.0; n],
        }
    }

    pub(super) fn adam_range(&mut self, lo: usize, hi: usize, lr: f32, step: i32) {
        let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        let c1 = 1.0 - b1.powi(step);
        let c2 = 1.0 - b2.powi(step);
        for k in lo..hi {
            let g = self.g[k].clamp(-5.0, 5.0);
            self.m[k] = b1 * self.m[k] + (1.0 - b1) * g;
            self.v[k] = b2 * self.v[k] + (1.0 - b2) * g * g;
            self.w[k] -= lr * (self.m[k] / c1) / ((self.v[k] / c2).sqrt() + eps);
            self.g[k] = 0.0;
        }
    }

    pub(super) fn adam(&mut self, lr: f32, step: i32) {
        self.adam_range(0, self.w.len(), lr, step);
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// `out += W · x`, `W` column-major with `x.len()` columns of `out.len()`.
pub(super) fn axpy_columns(out: &mut [f32], w: &[f32], x: &[f32]) {
    for (col, &xk) in w.chunks_exact(out.len()).zip(x) {
        if xk != 0.0 {
            for (o, c) in out.iter_mut().zip(col) {
                *o += xk * c;
            }
        }
    }
}

pub(super) fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// One LSTM direction; weights column-major over the input [x; h_prev].
pub(super) struct Lstm {
    input: usize,
    hidden: usize,
    pub(super) w: Param,
    pub(super) b: Param,
}

/// What the backward pass needs of one step.
#[derive(Default, Clone)]
pub(super) struct Step {
    xin: Vec<f32>,
    gates: Vec<f32>,
    c: Vec<f32>,
    c_prev: Vec<f32>,
    pub(super) h: Vec<f32>,
}

impl Lstm {
    pub(super) fn new(input: usize, hidden: usize, rng: &mut Rng) -> Lstm {
        let scale = (1.0 / (input + hidden) as f32).sqrt();
        let mut b = Param::new(4 * hidden, 0.0, rng);
        // Forget-gate bias 1: remember by default.
        b.w[hidden..2 * hidden].iter_mut().for_each(|x| *x = 1.0);
        Lstm {
            input,
            hidden,
            w: Param::new(4 * hidden * (input + hidden), scale, rng),
            b,
        }
    }

    pub(super) fn forward(&self, xs: &[Vec<f32>], reverse: bool) -> Vec<Step> {
        let (h, n) = (self.hidden, xs.len());
        let mut steps = vec![Step::default(); n];
        let (mut hp, mut cp) = (vec![0f32; h], vec![0f32; h]);
        for i in 0..n {
            let t = if reverse { n - 1 - i } else { i };
            let mut xin = xs[t].clone();
            xin.extend_from_slice(&hp);
            let mut z = self.b.w.clone();
            axpy_columns(&mut z, &self.w.w, &xin);
            for k in 0..h {
                z[k] = sigmoid(z[k]);
                z[h + k] = sigmoid(z[h + k]);
                z[2 * h + k] = z[2 * h + k].tanh();
                z[3 * h + k] = sigmoid(z[3 * h + k]);
            }
            let c: Vec<f32> = (0..h)
                .map(|k| z[h + k] * cp[k] + z[k] * z[2 * h + k])
                .collect();
            let hn: Vec<f32> = (0..h).map(|k| z[3 * h + k] * c[k].tanh()).collect();
            steps[t] = Step {
                xin,
                gates: z,
                c: c.clone(),
                c_prev: cp,
                h: hn.clone(),
            };
            cp = c;
            hp = hn;
        }
        steps
    }

    /// Accumulates gradients from `dh` (per position) and returns d input per position.
    pub(super) fn backward(
        &mut self,
        steps: &[Step],
        dh: &[Vec<f32>],
        reverse: bool,
    ) -> Vec<Vec<f32>> {
        let (h, n) = (self.hidden, steps.len());
        let mut dx = vec![vec![0f32; self.input]; n];
        let (mut dh_next, mut dc_next) = (vec![0f32; h], vec![0f32; h]);
        let mut dz = vec![0f32; 4 * h];
        for i in (0..n).rev() {
            let t = if reverse { n - 1 - i } else { i };
            let s = &steps[t];
            let z = &s.gates;
            for k in 0..h {
                let dhk = dh[t][k] + dh_next[k];
                let tc = s.c[k].tanh();
                let (ig, fg, gg, og) = (z[k], z[h + k], z[2 * h + k], z[3 * h + k]);
                let dc = dc_next[k] + dhk * og * (1.0 - tc * tc);
                dz[k] = dc * gg * ig * (1.0 - ig);
                dz[h + k] = dc * s.c_prev[k] * fg * (1.0 - fg);
                dz[2 * h + k] = dc * ig * (1.0 - gg * gg);
                dz[3 * h + k] = dhk * tc * og * (1.0 - og);
                dc_next[k] = dc * fg;
            }
            for (g, d) in self.b.g.iter_mut().zip(&dz) {
                *g += d;
            }
            let cols = self.input + h;
            for kk in 0..cols {
                let col = &self.w.w[kk * 4 * h..(kk + 1) * 4 * h];
                let dxin = dot(col, &dz);
                let xk = s.xin[kk];
                if xk != 0.0 {
                    let gcol = &mut self.w.g[kk * 4 * h..(kk + 1) * 4 * h];
                    for (g, d) in gcol.iter_mut().zip(&dz) {
                        *g += xk * d;
                    }
                }
                if kk < self.input {
                    dx[t][kk] = dxin;
                } else {
                    dh_next[kk - self.input] = dxin;
                }
            }
        }
        dx
    }
}
