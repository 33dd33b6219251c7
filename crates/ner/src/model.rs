//! The linear model: hashed feature weights, tag transitions, Viterbi decoding and the file format.
//!
//! File layout (then zstd-compressed): magic `ISNADNER`, u32 version, f32 quantization scale, u32
//! feature count, sorted u64 feature hashes, i16 weights (`NUM_TAGS` per feature), f32 transitions
//! (`NUM_TAGS + 1` rows: row `NUM_TAGS` is the start state), then the gazetteer.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::NerError;
use crate::gazetteer::Gazetteer;
use crate::label::{BioTag, NUM_TAGS};

const MAGIC: &[u8; 8] = b"ISNADNER";
/// Bump when features or layout change: a stale embedded model is then rejected, not misread.
pub(crate) const VERSION: u32 = 1;

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

pub(crate) type FeatMap = HashMap<u64, u32, BuildHasherDefault<IdentityHasher>>;

/// A trained model ready for decoding.
#[derive(Debug, Default, Clone)]
pub(crate) struct Model {
    pub(crate) index: FeatMap,
    pub(crate) weights: Vec<[f32; NUM_TAGS]>,
    /// `trans[prev][cur]`; `prev == NUM_TAGS` is the sentence start.
    pub(crate) trans: [[f32; NUM_TAGS]; NUM_TAGS + 1],
    pub(crate) gazetteer: Gazetteer,
}

/// BIO well-formedness: `I-x` may only follow `B-x` or `I-x`.
pub(crate) fn allowed(prev: usize, cur: usize) -> bool {
    match BioTag::from_index(cur) {
        BioTag::I(l) => prev < NUM_TAGS && BioTag::from_index(prev).label() == Some(l),
        _ => true,
    }
}

impl Model {
    /// Emission scores of one token's features.
    #[inline]
    pub(crate) fn emissions(&self, feats: &[u64], out: &mut [f32; NUM_TAGS]) {
        *out = [0.0; NUM_TAGS];
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let w = &self.weights[r as usize];
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
                for p in 0..NUM_TAGS {
                    if !allowed(p, t) || fwd[i - 1][p] == neg {
                        continue;
                    }
                    let s = fwd[i - 1][p] + self.trans[p][t];
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

    /// Serializes, pruning features whose largest absolute weight is below `prune` and quantizing to i16.
    pub(crate) fn to_bytes(&self, prune: f32) -> Result<Vec<u8>, NerError> {
        let mut rows: Vec<(u64, &[f32; NUM_TAGS])> = self
            .index
            .iter()
            .map(|(&h, &r)| (h, &self.weights[r as usize]))
            .filter(|(_, w)| w.iter().any(|x| x.abs() >= prune))
            .collect();
        rows.sort_by_key(|r| r.0);
        let max = rows.iter().flat_map(|r| r.1.iter()).fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
        let scale = max / 32767.0;
        let mut raw = Vec::with_capacity(rows.len() * (8 + 2 * NUM_TAGS) + (1 << 20));
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&VERSION.to_le_bytes());
        raw.extend_from_slice(&scale.to_le_bytes());
        raw.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (h, _) in &rows {
            raw.extend_from_slice(&h.to_le_bytes());
        }
        for (_, w) in &rows {
            for x in w.iter() {
                raw.extend_from_slice(&((x / scale).round().clamp(-32767.0, 32767.0) as i16).to_le_bytes());
            }
        }
        for row in &self.trans {
            for x in row {
                raw.extend_from_slice(&x.to_le_bytes());
            }
        }
        self.gazetteer.write(&mut raw);
        zstd::encode_all(raw.as_slice(), 19).map_err(|e| NerError::InvalidModel(format!("compress: {e}")))
    }

    /// Parses a model file written by [`Model::to_bytes`].
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Model, NerError> {
        let raw = zstd::decode_all(bytes).map_err(|e| NerError::InvalidModel(format!("decompress: {e}")))?;
        let bad = |m: &str| NerError::InvalidModel(m.to_string());
        if raw.len() < 20 || &raw[..8] != MAGIC {
            return Err(bad("not an isnad NER model (bad magic)"));
        }
        let u32_at = |p: usize| -> Result<u32, NerError> {
            raw.get(p..p + 4)
                .and_then(|s| s.try_into().ok())
                .map(u32::from_le_bytes)
                .ok_or_else(|| bad("truncated"))
        };
        let version = u32_at(8)?;
        if version != VERSION {
            return Err(bad(&format!("model format version {version}, expected {VERSION}")));
        }
        let scale = f32::from_bits(u32_at(12)?);
        let n = u32_at(16)? as usize;
        let mut p = 20;
        let need = n * 8 + n * NUM_TAGS * 2 + (NUM_TAGS + 1) * NUM_TAGS * 4;
        if raw.len() < p + need {
            return Err(bad("truncated"));
        }
        let mut index = FeatMap::with_capacity_and_hasher(n, Default::default());
        for r in 0..n {
            let h = u64::from_le_bytes(raw[p..p + 8].try_into().map_err(|_| bad("truncated"))?);
            index.insert(h, r as u32);
            p += 8;
        }
        let mut weights = vec![[0f32; NUM_TAGS]; n];
        for row in weights.iter_mut() {
            for x in row.iter_mut() {
                *x = i16::from_le_bytes([raw[p], raw[p + 1]]) as f32 * scale;
                p += 2;
            }
        }
        let mut trans = [[0f32; NUM_TAGS]; NUM_TAGS + 1];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = f32::from_bits(u32_at(p)?);
                p += 4;
            }
        }
        let gazetteer = Gazetteer::read(&raw, &mut p)?;
        Ok(Model { index, weights, trans, gazetteer })
    }
}
