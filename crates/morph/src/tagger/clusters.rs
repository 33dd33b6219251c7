//! Word clusters from unlabelled text, for the tagger's unseen words.
//!
//! Each base form (see [`crate::distrib::base_key`]) frequent enough in the
//! raw text is described by the square-rooted counts of its left and right
//! neighbours among the most frequent tokens; spherical k-means groups forms
//! used alike (a cheap stand-in for Brown clusters: a few seconds, and
//! deterministic because the centroids start at the most frequent forms).
//! The counting and k-means are [`isnad_learn::clusters`], shared with NER.
//! Two granularities are kept: a coarse one generalises further, a fine one
//! separates more.

use super::unlabeled::Unlabeled;
use crate::distrib::base_key;
use isnad_learn::clusters::{neighbour_counts, spherical_kmeans, sqrt_unit, Seeding, Sparse, NONE};
use isnad_learn::{FastMap, FxBuild};

/// Most frequent tokens used as context features (each on the left and on the right).
const CONTEXTS: usize = 500;
/// Bases seen fewer times get no cluster.
const MIN_COUNT: u32 = 5;
const ITERATIONS: usize = 10;
/// Cluster counts: coarse then fine (ids are stored +1, 0 = no cluster).
pub(crate) const COARSE: usize = 64;
pub(crate) const FINE: usize = 256;

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
    // Context rank of each token id (ties broken by id: first seen first).
    let mut by_freq: Vec<u32> = (0..text.vocab.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        text.counts[b as usize]
            .cmp(&text.counts[a as usize])
            .then(a.cmp(&b))
    });
    let mut context = vec![NONE; text.vocab.len()];
    for (rank, &t) in by_freq.iter().take(CONTEXTS).enumerate() {
        context[t as usize] = rank as u32;
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
    let mut target_of = vec![NONE; bases.len()];
    for (i, &b) in targets.iter().enumerate() {
        target_of[b as usize] = i as u32;
    }
    let token_target: Vec<u32> = token_base.iter().map(|&b| target_of[b as usize]).collect();
    let counts = neighbour_counts(&text.seq, &token_target, &context, CONTEXTS, targets.len());
    let vectors: Vec<Sparse> = counts.iter().map(|c| sqrt_unit(c)).collect();
    let dims = 2 * CONTEXTS;
    let coarse = spherical_kmeans(&vectors, dims, COARSE, ITERATIONS, Seeding::Leading);
    let fine = spherical_kmeans(&vectors, dims, FINE, ITERATIONS, Seeding::Leading);
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
