//! Experiment: a small BiLSTM-CRF over the perceptron's own hashed features.
//!
//! Each token's input is the sum of learned embeddings of its first-pass feature hashes (so the
//! network sees exactly what the perceptron sees: clitic split, UPOS, affixes, clusters,
//! gazetteers, label memory, ±2 window); a bidirectional LSTM adds sentence context; emissions
//! are a linear layer over both LSTM states plus a direct linear term over the same features
//! (the perceptron's own form), and a linear-chain CRF decodes. Trained with Adam, lazily on the
//! embedding rows a batch touches.
//!
//! It is not on the `analyze` path. It exists to answer, with a measurement, whether a neural
//! tagger small enough for the throughput target (see `benches/bilstm_cost.rs`) would be more
//! accurate than the perceptron on the same features (`ner_tool probe`; figures in the crate
//! README). The gradients are checked against finite differences in the tests.

// The CRF and LSTM recurrences index several arrays by the same tag or unit; index loops keep
// them readable as the equations they implement.
#![allow(clippy::needless_range_loop)]

use std::path::Path;
use std::time::Instant;

mod lstm;

use lstm::{dot, Lstm, Param, Step};

use crate::clusters::DIM as VDIM;
use crate::features::base_features;
use crate::label::BioTag;
use crate::rng::Rng;
use crate::train::{probe_sets, TrainOptions};
use crate::NerError;

const TAGS: usize = 9;

/// Settings of one probe run.
#[derive(Debug, Clone)]
pub struct ProbeConfig {
    /// Embedding size of a feature.
    pub dim: usize,
    /// LSTM hidden size per direction.
    pub hidden: usize,
    /// log2 of the number of hash buckets.
    pub buckets_log2: u32,
    /// Passes over the training data; the best on dev is reported.
    pub epochs: usize,
    /// Adam step size.
    pub lr: f32,
    /// Sentences per update.
    pub batch: usize,
    /// Seed of initialization, shuffling and dropout.
    pub seed: u64,
    /// Dropout on the summed input embedding.
    pub dropout: f32,
    /// Probability of leaving out each feature of a token while training.
    pub feature_dropout: f32,
    /// Add the direct linear term over the features to the emissions.
    pub linear: bool,
    /// SaudiNewsNet directory: add each token's dense context vector from raw news (the vectors
    /// the word clusters are cut from), through a learned projection, to its input.
    pub vectors: Option<std::path::PathBuf>,
}

/// The defaults are the simplest of the settings that did best on ANERcorp dev (74.13).
impl Default for ProbeConfig {
    fn default() -> Self {
        ProbeConfig {
            dim: 48,
            hidden: 32,
            buckets_log2: 20,
            epochs: 15,
            lr: 2e-3,
            batch: 8,
            seed: 42,
            dropout: 0.5,
            feature_dropout: 0.3,
            linear: false,
            vectors: None,
        }
    }
}

struct Sent {
    feats: Vec<Vec<u32>>,
    /// Per token, its raw-news vector (empty when the word has none or vectors are off).
    vecs: Vec<Vec<f32>>,
    gold: Vec<usize>,
}

type Vectors = isnad_learn::FastMap<String, [f32; VDIM]>;

struct Net {
    cfg: ProbeConfig,
    emb: Param,
    lin: Param,
    /// Column-major `VDIM` columns of `dim`: raw-news vector → input.
    proj: Param,
    fw: Lstm,
    bw: Lstm,
    out: Param,
    out_b: Param,
    trans: Param,
    start: Param,
    end: Param,
}

/// Forward state of one sentence.
struct Fwd {
    feats: Vec<Vec<u32>>,
    drop: Vec<Vec<bool>>,
    fs: Vec<Step>,
    bs: Vec<Step>,
    emit: Vec<[f32; TAGS]>,
}

fn log_sum_exp(v: &[f32]) -> f32 {
    let m = v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    m + v.iter().map(|x| (x - m).exp()).sum::<f32>().ln()
}

impl Net {
    fn new(cfg: ProbeConfig) -> Net {
        let mut rng = Rng::new(cfg.seed);
        let buckets = 1usize << cfg.buckets_log2;
        let (d, h) = (cfg.dim, cfg.hidden);
        Net {
            emb: Param::new(buckets * d, 0.05, &mut rng),
            lin: Param::new(buckets * TAGS, 0.0, &mut rng),
            // Its own generator, so that turning vectors on leaves every other initial weight as is.
            proj: Param::new(
                VDIM * d,
                (1.0 / VDIM as f32).sqrt(),
                &mut Rng::new(cfg.seed ^ 0x7072_6f6a),
            ),
            fw: Lstm::new(d, h, &mut rng),
            bw: Lstm::new(d, h, &mut rng),
            out: Param::new(TAGS * 2 * h, (1.0 / (2 * h) as f32).sqrt(), &mut rng),
            out_b: Param::new(TAGS, 0.0, &mut rng),
            trans: Param::new(TAGS * TAGS, 0.0, &mut rng),
            start: Param::new(TAGS, 0.0, &mut rng),
            end: Param::new(TAGS, 0.0, &mut rng),
            cfg,
        }
    }

    fn forward(&self, s: &Sent, rng: Option<&mut Rng>) -> Fwd {
        let d = self.cfg.dim;
        let mut rng = rng;
        let mut xs = Vec::with_capacity(s.feats.len());
        let mut drop = Vec::with_capacity(s.feats.len());
        let mut feats = Vec::with_capacity(s.feats.len());
        for (f, v) in s.feats.iter().zip(&s.vecs) {
            let kept: Vec<u32> = match rng.as_deref_mut() {
                Some(r) if self.cfg.feature_dropout > 0.0 => {
                    let p = self.cfg.feature_dropout as f64;
                    f.iter().copied().filter(|_| r.next_f64() >= p).collect()
                }
                _ => f.clone(),
            };
            let mut x = vec![0f32; d];
            for &b in &kept {
                let row = &self.emb.w[b as usize * d..(b as usize + 1) * d];
                for (a, r) in x.iter_mut().zip(row) {
                    *a += r;
                }
            }
            lstm::axpy_columns(&mut x, &self.proj.w, v);
            let mut dm = vec![false; d];
            if let Some(r) = rng.as_deref_mut() {
                let p = self.cfg.dropout as f64;
                for (a, m) in x.iter_mut().zip(dm.iter_mut()) {
                    if r.next_f64() < p {
                        *a = 0.0;
                        *m = true;
                    } else {
                        *a /= 1.0 - self.cfg.dropout;
                    }
                }
            }
            xs.push(x);
            drop.push(dm);
            feats.push(kept);
        }
        let fs = self.fw.forward(&xs, false);
        let bs = self.bw.forward(&xs, true);
        let h = self.cfg.hidden;
        let emit = (0..xs.len())
            .map(|t| {
                let mut e = [0f32; TAGS];
                for (y, slot) in e.iter_mut().enumerate() {
                    let row = &self.out.w[y * 2 * h..(y + 1) * 2 * h];
                    *slot = self.out_b.w[y] + dot(&row[..h], &fs[t].h) + dot(&row[h..], &bs[t].h);
                    if self.cfg.linear {
                        for &b in &feats[t] {
                            *slot += self.lin.w[b as usize * TAGS + y];
                        }
                    }
                }
                e
            })
            .collect();
        Fwd {
            feats,
            drop,
            fs,
            bs,
            emit,
        }
    }

    fn viterbi(&self, emit: &[[f32; TAGS]]) -> Vec<usize> {
        let n = emit.len();
        if n == 0 {
            return Vec::new();
        }
        let mut score: Vec<f32> = (0..TAGS).map(|y| self.start.w[y] + emit[0][y]).collect();
        let mut back = vec![[0usize; TAGS]; n];
        for t in 1..n {
            let mut next = vec![f32::NEG_INFINITY; TAGS];
            for (b, nb) in next.iter_mut().enumerate() {
                for a in 0..TAGS {
                    let v = score[a] + self.trans.w[a * TAGS + b];
                    if v > *nb {
                        *nb = v;
                        back[t][b] = a;
                    }
                }
                *nb += emit[t][b];
            }
            score = next;
        }
        let mut best = 0;
        for y in 0..TAGS {
            if score[y] + self.end.w[y] > score[best] + self.end.w[best] {
                best = y;
            }
        }
        let mut path = vec![best; n];
        for t in (1..n).rev() {
            best = back[t][best];
            path[t - 1] = best;
        }
        path
    }

    /// CRF negative log-likelihood; accumulates every gradient. Returns the loss.
    fn backward(&mut self, s: &Sent, f: Fwd) -> f32 {
        let n = s.gold.len();
        if n == 0 || f.emit.len() != n {
            return 0.0;
        }
        let emit = &f.emit;
        let tr = |a: usize, b: usize, w: &[f32]| w[a * TAGS + b];
        // Forward and backward log potentials.
        let mut alpha = vec![[0f32; TAGS]; n];
        let mut beta = vec![[0f32; TAGS]; n];
        for y in 0..TAGS {
            alpha[0][y] = self.start.w[y] + emit[0][y];
            beta[n - 1][y] = self.end.w[y];
        }
        let mut buf = [0f32; TAGS];
        for t in 1..n {
            for b in 0..TAGS {
                for a in 0..TAGS {
                    buf[a] = alpha[t - 1][a] + tr(a, b, &self.trans.w);
                }
                alpha[t][b] = log_sum_exp(&buf) + emit[t][b];
            }
        }
        for t in (0..n - 1).rev() {
            for a in 0..TAGS {
                for b in 0..TAGS {
                    buf[b] = tr(a, b, &self.trans.w) + emit[t + 1][b] + beta[t + 1][b];
                }
                beta[t][a] = log_sum_exp(&buf);
            }
        }
        let fin: Vec<f32> = (0..TAGS).map(|y| alpha[n - 1][y] + self.end.w[y]).collect();
        let log_z = log_sum_exp(&fin);
        let g = &s.gold;
        let mut gold_score = self.start.w[g[0]] + self.end.w[g[n - 1]];
        for t in 0..n {
            gold_score += emit[t][g[t]];
            if t > 0 {
                gold_score += tr(g[t - 1], g[t], &self.trans.w);
            }
        }
        // Gradients of the potentials.
        let mut demit = vec![[0f32; TAGS]; n];
        for t in 0..n {
            for y in 0..TAGS {
                demit[t][y] = (alpha[t][y] + beta[t][y] - log_z).exp();
            }
            demit[t][g[t]] -= 1.0;
        }
        for y in 0..TAGS {
            self.start.g[y] += demit[0][y];
            self.end.g[y] += (alpha[n - 1][y] + self.end.w[y] - log_z).exp();
        }
        self.end.g[g[n - 1]] -= 1.0;
        for t in 1..n {
            for a in 0..TAGS {
                for b in 0..TAGS {
                    let p = (alpha[t - 1][a] + tr(a, b, &self.trans.w) + emit[t][b] + beta[t][b]
                        - log_z)
                        .exp();
                    self.trans.g[a * TAGS + b] += p;
                }
            }
            self.trans.g[g[t - 1] * TAGS + g[t]] -= 1.0;
        }
        // Emissions → output layer, linear term and LSTM states.
        let h = self.cfg.hidden;
        let mut dhf = vec![vec![0f32; h]; n];
        let mut dhb = vec![vec![0f32; h]; n];
        for t in 0..n {
            for y in 0..TAGS {
                let d = demit[t][y];
                if d == 0.0 {
                    continue;
                }
                self.out_b.g[y] += d;
                let row = y * 2 * h;
                for k in 0..h {
                    self.out.g[row + k] += d * f.fs[t].h[k];
                    self.out.g[row + h + k] += d * f.bs[t].h[k];
                    dhf[t][k] += d * self.out.w[row + k];
                    dhb[t][k] += d * self.out.w[row + h + k];
                }
                if self.cfg.linear {
                    for &b in &f.feats[t] {
                        self.lin.g[b as usize * TAGS + y] += d;
                    }
                }
            }
        }
        let dxf = self.fw.backward(&f.fs, &dhf, false);
        let dxb = self.bw.backward(&f.bs, &dhb, true);
        let dim = self.cfg.dim;
        let keep = 1.0 / (1.0 - self.cfg.dropout);
        for t in 0..n {
            let dx: Vec<f32> = (0..dim)
                .map(|k| {
                    if f.drop[t][k] {
                        0.0
                    } else {
                        (dxf[t][k] + dxb[t][k]) * keep
                    }
                })
                .collect();
            for (col, &vk) in self.proj.g.chunks_exact_mut(dim).zip(&s.vecs[t]) {
                for (g, d) in col.iter_mut().zip(&dx) {
                    *g += vk * d;
                }
            }
            for &b in &f.feats[t] {
                let row = &mut self.emb.g[b as usize * dim..(b as usize + 1) * dim];
                for (g, d) in row.iter_mut().zip(&dx) {
                    *g += d;
                }
            }
        }
        log_z - gold_score
    }

    fn step(&mut self, touched: &mut Vec<u32>, step: i32) {
        let lr = self.cfg.lr;
        touched.sort_unstable();
        touched.dedup();
        let d = self.cfg.dim;
        for &b in touched.iter() {
            let b = b as usize;
            self.emb.adam_range(b * d, (b + 1) * d, lr, step);
            self.lin.adam_range(b * TAGS, (b + 1) * TAGS, lr, step);
        }
        touched.clear();
        for p in [
            &mut self.proj,
            &mut self.fw.w,
            &mut self.fw.b,
            &mut self.bw.w,
            &mut self.bw.b,
            &mut self.out,
            &mut self.out_b,
            &mut self.trans,
            &mut self.start,
            &mut self.end,
        ] {
            p.adam(lr, step);
        }
    }
}

fn to_sents(set: &crate::set::Set, mask: u32, vectors: Option<&Vectors>) -> Vec<Sent> {
    let mut buf = Vec::new();
    set.infos
        .iter()
        .zip(&set.gold)
        .filter(|(s, _)| !s.is_empty())
        .map(|(s, g)| Sent {
            feats: (0..s.len())
                .map(|i| {
                    buf.clear();
                    base_features(s, i, &mut buf);
                    buf.iter()
                        .map(|&h| (h as u32 ^ (h >> 32) as u32) & mask)
                        .collect()
                })
                .collect(),
            vecs: s
                .iter()
                .map(|t| {
                    vectors
                        .and_then(|m| m.get(&t.stem).or_else(|| m.get(&t.surface)))
                        .map_or_else(Vec::new, |v| v.to_vec())
                })
                .collect(),
            gold: g.clone(),
        })
        .collect()
}

fn dev_f1(net: &Net, dev: &[Sent]) -> crate::NerEval {
    let gold: Vec<Vec<BioTag>> = dev
        .iter()
        .map(|s| s.gold.iter().map(|&t| BioTag::from_index(t)).collect())
        .collect();
    let pred: Vec<Vec<BioTag>> = dev
        .iter()
        .map(|s| {
            let f = net.forward(s, None);
            net.viterbi(&f.emit)
                .into_iter()
                .map(BioTag::from_index)
                .collect()
        })
        .collect();
    crate::score(&gold, &pred)
}

/// Trains the probe on ANERcorp train (its tail as dev, as `train` does) and prints dev F1 per
/// epoch; with `test`, also scores the best epoch's network there.
///
/// # Errors
/// Unreadable inputs.
pub fn neural_probe(
    train: &Path,
    test: Option<&Path>,
    opts: &TrainOptions,
    cfg: ProbeConfig,
) -> Result<(), NerError> {
    let mask = (1u32 << cfg.buckets_log2) - 1;
    let (tr, dv, te) = probe_sets(train, test, opts)?;
    let vectors = match &cfg.vectors {
        Some(dir) => Some(crate::clusters::news_vectors(dir, cfg.seed)?.into_map()),
        None => None,
    };
    let vectors = vectors.as_ref();
    let tr = to_sents(&tr, mask, vectors);
    let dv = to_sents(&dv, mask, vectors);
    let te = te.map(|t| to_sents(&t, mask, vectors));
    eprintln!(
        "probe: {} train, {} dev sentences; {cfg:?}",
        tr.len(),
        dv.len()
    );
    let mut net = Net::new(cfg.clone());
    let mut rng = Rng::new(cfg.seed ^ 0x5eed);
    let mut order: Vec<usize> = (0..tr.len()).collect();
    let mut step = 0;
    let mut touched = Vec::new();
    let mut best = (0.0, 0usize, None);
    for epoch in 1..=cfg.epochs {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        let mut loss = 0.0;
        for chunk in order.chunks(cfg.batch) {
            for &i in chunk {
                let f = net.forward(&tr[i], Some(&mut rng));
                loss += net.backward(&tr[i], f);
                touched.extend(tr[i].feats.iter().flatten().copied());
            }
            step += 1;
            net.step(&mut touched, step);
        }
        let ev = dev_f1(&net, &dv);
        eprintln!(
            "epoch {epoch}: loss {:.1}, dev F1 {:.2} (P {:.2} R {:.2}) in {:.1}s",
            loss,
            ev.micro.f1,
            ev.micro.precision,
            ev.micro.recall,
            t0.elapsed().as_secs_f64()
        );
        if ev.micro.f1 > best.0 {
            let test_f1 = te.as_ref().map(|te| dev_f1(&net, te));
            best = (ev.micro.f1, epoch, test_f1);
        }
    }
    eprintln!("best dev F1 {:.2} at epoch {}", best.0, best.1);
    if let Some(t) = best.2 {
        eprintln!("test at that epoch:\n{t}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> (Net, Sent) {
        let cfg = ProbeConfig {
            dim: 4,
            hidden: 3,
            buckets_log2: 5,
            dropout: 0.0,
            feature_dropout: 0.0,
            linear: true,
            ..ProbeConfig::default()
        };
        let mut net = Net::new(cfg);
        let mut rng = Rng::new(7);
        // Non-zero CRF and linear weights so that every gradient path is exercised.
        // Weights of order one, so that the LSTM gradients are large enough to check in f32.
        for p in [
            &mut net.lin,
            &mut net.trans,
            &mut net.start,
            &mut net.end,
            &mut net.emb,
            &mut net.out,
            &mut net.fw.w,
            &mut net.bw.w,
            &mut net.proj,
        ] {
            p.w.iter_mut()
                .for_each(|w| *w = (rng.next_f64() as f32 - 0.5) * 2.0);
        }
        let sent = Sent {
            feats: vec![vec![1, 5, 9], vec![2, 5], vec![3, 7, 30, 1]],
            vecs: vec![
                (0..VDIM).map(|k| (k as f32 * 0.37).sin()).collect(),
                Vec::new(),
                (0..VDIM).map(|k| (k as f32 * 0.11).cos()).collect(),
            ],
            gold: vec![1, 2, 0],
        };
        (net, sent)
    }

    fn loss(net: &mut Net, s: &Sent) -> f32 {
        let f = net.forward(s, None);
        net.backward(s, f)
    }

    /// Analytic gradients of the CRF loss through the output layer, both LSTMs and the feature
    /// embeddings agree with central differences.
    #[test]
    fn gradients_match_finite_differences() {
        let (mut net, s) = tiny();
        loss(&mut net, &s);
        let analytic = |net: &Net, which: usize, k: usize| match which {
            0 => net.emb.g[k],
            1 => net.fw.w.g[k],
            2 => net.bw.w.g[k],
            3 => net.out.g[k],
            4 => net.trans.g[k],
            5 => net.lin.g[k],
            6 => net.proj.g[k],
            _ => net.start.g[k],
        };
        let probes = [
            (0, 5 * 4 + 2),
            (0, 4),
            (1, 33),
            (1, 40),
            (2, 5),
            (3, 5),
            (4, 10),
            (5, 9 * 5 + 3),
            (6, 4 * 3 + 1),
            (6, 4 * 100 + 2),
            (7, 1),
        ];
        let expected: Vec<f32> = probes.iter().map(|&(w, k)| analytic(&net, w, k)).collect();
        for (&(which, k), want) in probes.iter().zip(expected) {
            let eps = 1e-2f32;
            let at = |delta: f32| {
                let (mut n2, s2) = tiny();
                let p = match which {
                    0 => &mut n2.emb.w,
                    1 => &mut n2.fw.w.w,
                    2 => &mut n2.bw.w.w,
                    3 => &mut n2.out.w,
                    4 => &mut n2.trans.w,
                    5 => &mut n2.lin.w,
                    6 => &mut n2.proj.w,
                    _ => &mut n2.start.w,
                };
                p[k] += delta;
                loss(&mut n2, &s2)
            };
            let numeric = (at(eps) - at(-eps)) / (2.0 * eps);
            assert!(
                want.abs() > 1e-3,
                "param {which}[{k}] has a vanishing gradient {want}"
            );
            assert!(
                (numeric - want).abs() <= 2e-3 + 0.05 * want.abs(),
                "param {which}[{k}]: analytic {want}, numeric {numeric}"
            );
        }
    }

    #[test]
    fn viterbi_of_an_empty_sentence_is_empty() {
        let (net, _) = tiny();
        assert!(net.viterbi(&[]).is_empty());
    }
}
