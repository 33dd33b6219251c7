//! The one word-cluster builder: neighbour counts over a token sequence, two ways to turn
//! them into unit vectors, and spherical k-means.
//!
//! Both cluster tables of isnad are built here: the tagger's (morphology: square-root counts,
//! centroids seeded at the most frequent words) and NER's (PPMI rows sketched by a seeded
//! Gaussian projection, centroids seeded at random words). The model-specific parts, which
//! words and contexts are kept and how text is tokenized, stay with each model; the
//! arithmetic is written once. Every sum runs in a fixed order, so a seed gives the same
//! clusters byte for byte on any number of threads.

use rayon::prelude::*;

use crate::SplitMix64;

/// Separator in a token sequence: no neighbour is counted across it.
pub const BREAK: u32 = u32::MAX;
/// "Not a target" / "not a context" in the maps of [`neighbour_counts`].
pub const NONE: u32 = u32::MAX;

/// A sparse vector: (dimension, value) sorted by dimension.
pub type Sparse = Vec<(u32, f32)>;

/// For each target, how often each context occurs right before it (dimension = the context's
/// rank) and right after it (dimension = `contexts` + rank), sorted by dimension.
///
/// `target_of[token]` and `context_of[token]` map a token id of `seq` to its target index and
/// context rank (below `contexts`), or [`NONE`]; `seq` may hold [`BREAK`]s.
pub fn neighbour_counts(
    seq: &[u32],
    target_of: &[u32],
    context_of: &[u32],
    contexts: usize,
    targets: usize,
) -> Vec<Vec<(u32, u32)>> {
    let mut acc: Vec<crate::FastMap<u32, u32>> = vec![crate::FastMap::default(); targets];
    let ctx = |t: u32| {
        if t == BREAK {
            NONE
        } else {
            context_of[t as usize]
        }
    };
    for i in 0..seq.len() {
        if seq[i] == BREAK {
            continue;
        }
        let t = target_of[seq[i] as usize];
        if t == NONE {
            continue;
        }
        let slot = &mut acc[t as usize];
        if i > 0 {
            let c = ctx(seq[i - 1]);
            if c != NONE {
                *slot.entry(c).or_insert(0) += 1;
            }
        }
        if i + 1 < seq.len() {
            let c = ctx(seq[i + 1]);
            if c != NONE {
                *slot.entry(c + contexts as u32).or_insert(0) += 1;
            }
        }
    }
    acc.into_iter()
        .map(|m| {
            let mut v: Vec<(u32, u32)> = m.into_iter().collect();
            v.sort_unstable();
            v
        })
        .collect()
}

/// Square roots of the counts, scaled to unit length (empty counts give an empty vector).
pub fn sqrt_unit(counts: &[(u32, u32)]) -> Sparse {
    let mut v: Sparse = counts
        .iter()
        .map(|&(f, c)| (f, (c as f32).sqrt()))
        .collect();
    let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
    v.iter_mut().for_each(|x| x.1 /= norm);
    v
}

/// Positive-PMI rows projected to `dim` dimensions by a Gaussian matrix drawn from `rng`
/// (a sketch of the PPMI rows that keeps their cosine geometry), unit length.
///
/// Context probabilities are smoothed by `^0.75`; `dims` is the number of context
/// dimensions (twice the number of contexts). The projection is drawn first, row-major
/// by context dimension.
pub fn ppmi_projection(
    counts: &[Vec<(u32, u32)>],
    dims: usize,
    dim: usize,
    rng: &mut SplitMix64,
) -> Vec<Vec<f32>> {
    let mut ctx_total = vec![0u64; dims];
    for row in counts {
        for &(d, n) in row {
            ctx_total[d as usize] += n as u64;
        }
    }
    let smoothed: Vec<f64> = ctx_total.iter().map(|&x| (x as f64).powf(0.75)).collect();
    let z: f64 = smoothed.iter().sum::<f64>().max(1.0);
    let proj: Vec<f32> = (0..dims * dim).map(|_| rng.normal() as f32).collect();
    counts
        .par_iter()
        .map(|row| {
            let total: f64 = row.iter().map(|&(_, x)| x as f64).sum::<f64>().max(1.0);
            let mut v = vec![0f32; dim];
            for &(d, n) in row {
                let pmi = ((n as f64 / total) / (smoothed[d as usize] / z)).ln();
                if pmi > 0.0 {
                    let p = &proj[d as usize * dim..(d as usize + 1) * dim];
                    for (x, p) in v.iter_mut().zip(p) {
                        *x += pmi as f32 * p;
                    }
                }
            }
            let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            if n > 0.0 {
                v.iter_mut().for_each(|x| *x /= n);
            }
            v
        })
        .collect()
}

/// A dense vector as [`Sparse`] (zeros dropped: they add nothing to any sum).
pub fn sparse(dense: &[f32]) -> Sparse {
    dense
        .iter()
        .enumerate()
        .filter(|(_, &x)| x != 0.0)
        .map(|(d, &x)| (d as u32, x))
        .collect()
}

/// How k-means starts and what it does with a cluster that loses every point.
pub enum Seeding<'a> {
    /// Centroids start at the first `k` non-empty points (give the points most frequent
    /// first: deterministic without a seed); an emptied cluster keeps its centroid.
    Leading,
    /// Centroids start at `k` points drawn from the generator; an emptied cluster restarts at
    /// a random point.
    Random(&'a mut SplitMix64),
}

/// Spherical (cosine) k-means over unit `points` of `dims` dimensions: each point's cluster.
///
/// Scores and centroid sums are accumulated point by point and dimension by dimension in a
/// fixed order (the assignment step runs on all cores, each point alone), so results do not
/// depend on the thread count.
pub fn spherical_kmeans(
    points: &[Sparse],
    dims: usize,
    k: usize,
    iterations: usize,
    seeding: Seeding<'_>,
) -> Vec<usize> {
    // Feature-major: one sparse entry updates the scores of all k clusters at once.
    let mut centroids = vec![0f32; dims * k];
    let mut rng = match seeding {
        Seeding::Leading => {
            for (c, v) in points.iter().filter(|v| !v.is_empty()).take(k).enumerate() {
                set(&mut centroids, k, c, v);
            }
            None
        }
        Seeding::Random(rng) => {
            let mut idx: Vec<usize> = (0..points.len()).collect();
            rng.shuffle(&mut idx);
            for (c, &i) in idx.iter().take(k).enumerate() {
                set(&mut centroids, k, c, &points[i]);
            }
            Some(rng)
        }
    };
    let mut assign = vec![0usize; points.len()];
    for _ in 0..iterations {
        assign = points
            .par_iter()
            .map_init(
                || vec![0f32; k],
                |scores, v| {
                    scores.fill(0.0);
                    for &(f, w) in v {
                        let row = &centroids[f as usize * k..f as usize * k + k];
                        for (s, c) in scores.iter_mut().zip(row) {
                            *s += w * c;
                        }
                    }
                    // The first best cluster wins ties.
                    let mut best = (0, f32::MIN);
                    for (i, &s) in scores.iter().enumerate() {
                        if s > best.1 {
                            best = (i, s);
                        }
                    }
                    best.0
                },
            )
            .collect();
        let mut next = vec![0f32; dims * k];
        let mut sizes = vec![0usize; k];
        for (v, &a) in points.iter().zip(&assign) {
            sizes[a] += 1;
            for &(f, w) in v {
                next[f as usize * k + a] += w;
            }
        }
        for c in 0..k {
            if sizes[c] == 0 {
                if let Some(rng) = rng.as_deref_mut() {
                    let p = &points[rng.below(points.len())];
                    set(&mut next, k, c, p);
                }
            }
            let norm = (0..dims)
                .map(|f| next[f * k + c] * next[f * k + c])
                .sum::<f32>()
                .sqrt();
            if norm > 0.0 {
                for f in 0..dims {
                    centroids[f * k + c] = next[f * k + c] / norm;
                }
            } else if rng.is_some() {
                // A random-seeded centroid whose points sum to (nearly) zero becomes that sum.
                for f in 0..dims {
                    centroids[f * k + c] = next[f * k + c];
                }
            }
        }
    }
    assign
}

/// Writes `v` as column `c` of the feature-major `centroids` (other entries of the column
/// become zero).
fn set(centroids: &mut [f32], k: usize, c: usize, v: &Sparse) {
    for f in 0..centroids.len() / k {
        centroids[f * k + c] = 0.0;
    }
    for &(f, w) in v {
        centroids[f as usize * k + c] = w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kmeans_separates_distinct_contexts() {
        let v = |f: &[(u32, f32)]| f.to_vec();
        let points = vec![
            v(&[(0, 1.0)]),
            v(&[(5, 1.0)]),
            v(&[(0, 0.9), (1, 0.43)]),
            v(&[(5, 0.9), (6, 0.43)]),
        ];
        for seed in [None, Some(3)] {
            let mut rng = seed.map(SplitMix64::new);
            let seeding = match rng.as_mut() {
                Some(r) => Seeding::Random(r),
                None => Seeding::Leading,
            };
            let a = spherical_kmeans(&points, 10, 2, 10, seeding);
            assert_eq!(a[0], a[2]);
            assert_eq!(a[1], a[3]);
            assert_ne!(a[0], a[1]);
        }
    }

    #[test]
    fn counts_stop_at_breaks() {
        // tokens: 0 1 | 1 0 ; targets: token 0; contexts: token 1 (rank 0)
        let seq = [0, 1, BREAK, 1, 0];
        let counts = neighbour_counts(&seq, &[0, NONE], &[NONE, 0], 3, 1);
        assert_eq!(counts, vec![vec![(0, 1), (3, 1)]]);
        let v = sqrt_unit(&counts[0]);
        assert!((v[0].1 - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    }
}
