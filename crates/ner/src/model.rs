//! The linear model of one tagging pass: hashed feature weights, tag transitions, Viterbi decoding and
//! its serialized form.
//!
//! Layout of one pass: f32 quantization scale, u32 feature count, sorted u64 feature hashes, i16
//! weights (`NUM_TAGS` per feature), f32 transitions (`NUM_TAGS + 1` rows: row `NUM_TAGS` is the start
//! state). The file wrapper (the isnad_learn codec container: magic, version, zstd) is in `tagger.rs`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::NerError;
#[cfg(feature = "train")]
use crate::features::{features, TokInfo};
use crate::label::{BioTag, NUM_TAGS};
use isnad_learn::codec::Reader;
#[cfg(feature = "train")]
use isnad_learn::codec::Writer;

/// Feature keys are already FNV hashes; hashing them again would only cost time.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(feature = "train")]
pub(crate) type FeatMap = HashMap<u64, u32, BuildHasherDefault<IdentityHasher>>;

/// Feature hash → its weight per tag. Key and weights share one slot, so scoring a feature costs
/// one memory access instead of two (an index, then a row elsewhere): decoding is bound by these
/// cache misses.
pub(crate) type WeightMap = HashMap<u64, [f32; NUM_TAGS], BuildHasherDefault<IdentityHasher>>;

/// A trained model ready for decoding.
#[derive(Debug, Default, Clone)]
pub(crate) struct Model {
    pub(crate) weights: WeightMap,
    /// `trans[prev][cur]`; `prev == NUM_TAGS` is the sentence start.
    pub(crate) trans: [[f32; NUM_TAGS]; NUM_TAGS + 1],
    /// Subtracted from the `O` score of every token: a recall/precision knob tuned on dev after
    /// training (perceptrons trained on sparse names are conservative and under-recall).
    pub(crate) o_bias: f32,
}

/// BIO well-formedness: `I-x` may only follow `B-x` or `I-x`.
pub(crate) fn allowed(prev: usize, cur: usize) -> bool {
    match BioTag::from_index(cur) {
        BioTag::I(l) => prev < NUM_TAGS && BioTag::from_index(prev).label() == Some(l),
        _ => true,
    }
}

impl Model {
    /// Decodes one sentence: best tag indices and per-token margins.
    #[cfg(feature = "train")]
    pub(crate) fn tag_infos(&self, infos: &[TokInfo]) -> (Vec<usize>, Vec<f32>) {
        self.decode_with(infos.len(), |i, f| features(infos, i, f))
    }

    /// Decodes `n` tokens whose features `fill(i, buf)` writes into a cleared buffer.
    pub(crate) fn decode_with(
        &self,
        n: usize,
        mut fill: impl FnMut(usize, &mut Vec<u64>),
    ) -> (Vec<usize>, Vec<f32>) {
        let mut em = vec![[0f32; NUM_TAGS]; n];
        let mut feats = Vec::with_capacity(128);
        for (i, e) in em.iter_mut().enumerate() {
            feats.clear();
            fill(i, &mut feats);
            self.emissions(&feats, e);
            e[0] -= self.o_bias;
        }
        self.viterbi(&em)
    }

    /// Emission scores of one token's features.
    #[inline]
    pub(crate) fn emissions(&self, feats: &[u64], out: &mut [f32; NUM_TAGS]) {
        *out = [0.0; NUM_TAGS];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for t in 0..NUM_TAGS {
                    out[t] += w[t];
                }
            }
        }
    }

    /// Viterbi over emission rows; returns the best well-formed tag sequence and, per token, the margin
    /// between the chosen tag's path score and the best path through any other tag at that token.
    pub(crate) fn viterbi(&self, em: &[[f32; NUM_TAGS]]) -> (Vec<usize>, Vec<f32>) {
        let n = em.len();
        if n == 0 {
            return (Vec::new(), Vec::new());
        }
        let neg = f32::NEG_INFINITY;
        let mut fwd = vec![[neg; NUM_TAGS]; n];
        let mut back = vec![[0u8; NUM_TAGS]; n];
        for t in 0..NUM_TAGS {
            if allowed(NUM_TAGS, t) {
                fwd[0][t] = self.trans[NUM_TAGS][t] + em[0][t];
            }
        }
        for i in 1..n {
            for t in 0..NUM_TAGS {
                let mut best = (neg, 0u8);
                let prev = fwd[i - 1];
                for (p, &fp) in prev.iter().enumerate() {
                    if !allowed(p, t) || fp == neg {
                        continue;
                    }
                    let s = fp + self.trans[p][t];
                    if s > best.0 {
                        best = (s, p as u8);
                    }
                }
                if best.0 > neg {
                    fwd[i][t] = best.0 + em[i][t];
                    back[i][t] = best.1;
                }
            }
        }
        // Backward pass for max-marginals (best full path through each tag at each token).
        let mut bwd = vec![[0f32; NUM_TAGS]; n];
        for i in (0..n - 1).rev() {
            for p in 0..NUM_TAGS {
                let mut best = neg;
                for t in 0..NUM_TAGS {
                    if allowed(p, t) {
                        best = best.max(self.trans[p][t] + em[i + 1][t] + bwd[i + 1][t]);
                    }
                }
                bwd[i][p] = best;
            }
        }
        let mut last = 0;
        for t in 1..NUM_TAGS {
            if fwd[n - 1][t] > fwd[n - 1][last] {
                last = t;
            }
        }
        let mut path = vec![0usize; n];
        path[n - 1] = last;
        for i in (1..n).rev() {
            path[i - 1] = back[i][path[i]] as usize;
        }
        let margins = (0..n)
            .map(|i| {
                let chosen = fwd[i][path[i]] + bwd[i][path[i]];
                let other = (0..NUM_TAGS)
                    .filter(|&t| t != path[i])
                    .map(|t| fwd[i][t] + bwd[i][t])
                    .fold(neg, f32::max);
                chosen - other
            })
            .collect();
        (path, margins)
    }

    /// Appends this pass, pruning features whose largest absolute weight is below `prune` and
    /// quantizing the rest to i16 with one scale.
    #[cfg(feature = "train")]
    pub(crate) fn write(&self, prune: f32, w: &mut Writer) {
        let mut rows: Vec<(u64, &[f32; NUM_TAGS])> = self
            .weights
            .iter()
            .map(|(&h, w)| (h, w))
            .filter(|(_, w)| w.iter().any(|x| x.abs() >= prune))
            .collect();
        rows.sort_by_key(|r| r.0);
        let max = rows
            .iter()
            .flat_map(|r| r.1.iter())
            .fold(0f32, |m, x| m.max(x.abs()))
            .max(1e-6);
        let scale = max / 32767.0;
        w.f32(scale);
        w.u32(rows.len() as u32);
        for (h, _) in &rows {
            w.u64(*h);
        }
        for (_, row) in &rows {
            for x in row.iter() {
                w.bytes(&((x / scale).round().clamp(-32767.0, 32767.0) as i16).to_le_bytes());
            }
        }
        for row in &self.trans {
            for x in row {
                w.f32(*x);
            }
        }
        w.f32(self.o_bias);
    }

    /// Reads a pass written by [`Model::write`].
    pub(crate) fn read(r: &mut Reader) -> Result<Model, NerError> {
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let need = n * 8 + n * NUM_TAGS * 2 + (NUM_TAGS + 1) * NUM_TAGS * 4 + 4;
        if r.remaining() < need {
            return Err(r.invalid("truncated model").into());
        }
        let hashes = r.take(n * 8)?.to_vec();
        let table = r.take(n * NUM_TAGS * 2)?;
        let mut weights = WeightMap::with_capacity_and_hasher(n, Default::default());
        for (h, q) in hashes.chunks_exact(8).zip(table.chunks_exact(NUM_TAGS * 2)) {
            let mut key = [0u8; 8];
            key.copy_from_slice(h);
            let mut row = [0f32; NUM_TAGS];
            for (x, b) in row.iter_mut().zip(q.chunks_exact(2)) {
                *x = i16::from_le_bytes([b[0], b[1]]) as f32 * scale;
            }
            weights.insert(u64::from_le_bytes(key), row);
        }
        let mut trans = [[0f32; NUM_TAGS]; NUM_TAGS + 1];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = r.f32()?;
            }
        }
        let o_bias = r.f32()?;
        Ok(Model {
            weights,
            trans,
            o_bias,
        })
    }
}
