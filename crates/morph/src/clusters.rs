//! Word clusters from unlabelled text, for the tagger's unseen words.
//!
//! Each base form (see [`crate::distrib::base_key`]) frequent enough in the
//! raw text is described by the counts of its left and right neighbours
//! among the most frequent tokens; spherical k-means groups forms used alike
//! (a cheap stand-in for Brown clusters: a few seconds on one core, and
//! deterministic because the centroids start at the most frequent forms).
//! Two granularities are kept: a coarse one generalises further, a fine one
//! separates more.

use crate::distrib::{base_key, Unlabeled, BREAK};
use isnad_learn::{FastMap, FxBuild};

/// Most frequent tokens used as context features (each on the left and on the right).
const CONTEXTS: usize = 500;
/// Bases seen fewer times get no cluster.
const MIN_COUNT: u32 = 5;
const ITERATIONS: usize = 10;
/// Cluster counts: coarse then fine (ids are stored +1, 0 = no cluster).
pub(crate) const COARSE: usize = 64;
pub(crate) const FINE: usize = 256;

/// Sparse, L2-normalised context vector of one base.
type Vector = Vec<(u16, f32)>;

/// Base → (coarse id + 1, fine id + 1).
pub(crate) fn clusters(text: &Unlabeled) -> FastMap<String, (u16, u16)> {
    // Token id → base id.
    let mut base_ids: FastMap<String, u32> = FastMap::default();
    let mut bases: Vec<String> = Vec::new();
    let mut base_count: Vec<u32> = Vec::new();
    let mut key = String::new();
    let token_base: Vec<u32> = text
        .vocab
        .iter()
        .zip(&text.counts)
        .map(|(form, &c)| {
            base_key(form, &mut key);
            let id = *base_ids.entry(key.clone()).or_insert_with(|| {
                bases.push(key.clone());
                base_count.push(0);
                bases.len() as u32 - 1
            });
            base_count[id as usize] += c;
            id
        })
        .collect();
    // Context feature of each token id (ties broken by id: first seen first).
    let mut by_freq: Vec<u32> = (0..text.vocab.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        text.counts[b as usize]
            .cmp(&text.counts[a as usize])
            .then(a.cmp(&b))
    });
    let mut context = vec![u16::MAX; text.vocab.len()];
    for (rank, &t) in by_freq.iter().take(CONTEXTS).enumerate() {
        context[t as usize] = rank as u16;
    }
    // Targets: frequent bases, most frequent first.
    let mut targets: Vec<u32> = (0..bases.len() as u32)
        .filter(|&b| base_count[b as usize] >= MIN_COUNT && !bases[b as usize].is_empty())
        .collect();
    targets.sort_by(|&a, &b| {
        base_count[b as usize]
            .cmp(&base_count[a as usize])
            .then(a.cmp(&b))
    });
    let mut target_of = vec![u32::MAX; bases.len()];
    for (i, &b) in targets.iter().enumerate() {
        target_of[b as usize] = i as u32;
    }
    let mut acc: Vec<FastMap<u16, u32>> = vec![FastMap::default(); targets.len()];
    let seq = &text.seq;
    for i in 0..seq.len() {
        if seq[i] == BREAK {
            continue;
        }
        let t = target_of[token_base[seq[i] as usize] as usize];
        if t == u32::MAX {
            continue;
        }
        let slot = &mut acc[t as usize];
        if i > 0 && seq[i - 1] != BREAK {
            let c = context[seq[i - 1] as usize];
            if c != u16::MAX {
                *slot.entry(c).or_insert(0) += 1;
            }
        }
        if i + 1 < seq.len() && seq[i + 1] != BREAK {
            let c = context[seq[i + 1] as usize];
            if c != u16::MAX {
                *slot.entry(c + CONTEXTS as u16).or_insert(0) += 1;
            }
        }
    }
    let vectors: Vec<Vector> = acc
        .into_iter()
        .map(|m| {
            let mut v: Vector = m.into_iter().map(|(f, c)| (f, (c as f32).sqrt())).collect();
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|x| x.1 /= norm);
            v
        })
        .collect();
    let coarse = kmeans(&vectors, COARSE, CONTEXTS);
    let fine = kmeans(&vectors, FINE, CONTEXTS);
    let mut out = FastMap::with_capacity_and_hasher(targets.len(), FxBuild);
    for (i, &b) in targets.iter().enumerate() {
        if !vectors[i].is_empty() {
            out.insert(
                bases[b as usize].clone(),
                (coarse[i] as u16 + 1, fine[i] as u16 + 1),
            );
        }
    }
    out
}

/// Spherical k-means; centroids start at the first `k` non-empty vectors
/// (the most frequent forms). Returns each vector's cluster.
fn kmeans(vectors: &[Vector], k: usize, contexts: usize) -> Vec<usize> {
    let dims = 2 * contexts;
    // Feature-major so that one sparse entry updates all k scores at once.
    let mut centroids = vec![0f32; dims * k];
    for (c, v) in vectors.iter().filter(|v| !v.is_empty()).take(k).enumerate() {
        for &(f, w) in v {
            centroids[f as usize * k + c] = w;
        }
    }
    let mut assign = vec![0usize; vectors.len()];
    let mut scores = vec![0f32; k];
    for _ in 0..ITERATIONS {
        for (v, a) in vectors.iter().zip(assign.iter_mut()) {
            scores.fill(0.0);
            for &(f, w) in v {
                let row = &centroids[f as usize * k..f as usize * k + k];
                for (s, c) in scores.iter_mut().zip(row) {
                    *s += w * c;
                }
            }
            *a = scores
                .iter()
                .enumerate()
                .fold(
                    (0, f32::MIN),
                    |best, (i, &s)| if s > best.1 { (i, s) } else { best },
                )
                .0;
        }
        let mut next = vec![0f32; dims * k];
        for (v, &a) in vectors.iter().zip(&assign) {
            for &(f, w) in v {
                next[f as usize * k + a] += w;
            }
        }
        for c in 0..k {
            let norm = (0..dims)
                .map(|f| next[f * k + c] * next[f * k + c])
                .sum::<f32>()
                .sqrt();
            if norm > 0.0 {
                for f in 0..dims {
                    centroids[f * k + c] = next[f * k + c] / norm;
                }
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kmeans_separates_distinct_contexts() {
        let v = |f: &[(u16, f32)]| f.to_vec();
        let vectors = vec![
            v(&[(0, 1.0)]),
            v(&[(5, 1.0)]),
            v(&[(0, 0.9), (1, 0.43)]),
            v(&[(5, 0.9), (6, 0.43)]),
        ];
        let a = kmeans(&vectors, 2, CONTEXTS);
        assert_eq!(a[0], a[2]);
        assert_eq!(a[1], a[3]);
        assert_ne!(a[0], a[1]);
    }
}
