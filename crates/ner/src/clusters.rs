//! Distributional word clusters learned from raw news (SaudiNewsNet).
//!
//! Method: for the most frequent words, count the neighbours at offsets -1 and +1 among the most
//! frequent context words, weight by positive PMI (context counts smoothed by ^0.75), project with a seeded Gaussian
//! random matrix to a dense vector (a sketch of the PPMI rows that keeps their cosine geometry), then
//! run seeded spherical k-means at three granularities. Cluster ids of a word and its stem are NER
//! features: they generalize from names seen in training to unseen names used in the same contexts.

#[cfg(feature = "train")]
use std::collections::HashMap;
#[cfg(feature = "train")]
use std::io::Read;
#[cfg(feature = "train")]
use std::path::Path;
use std::sync::OnceLock;

#[cfg(feature = "train")]
use rayon::prelude::*;

use crate::error::NerError;
#[cfg(feature = "train")]
use crate::normalize::key_into;
use crate::rng::FnvMap;
#[cfg(feature = "train")]
use crate::rng::Rng;

const MAGIC: &[u8; 8] = b"ISNADCL\0";
const VERSION: u32 = 1;
/// The k of each granularity.
pub const LEVELS: [usize; 3] = [64, 256, 1024];
#[cfg(feature = "train")]
/// Words that get clusters.
const CLUSTERED: usize = 80_000;
#[cfg(feature = "train")]
/// Words kept with a frequency rank (a frequency-band feature of the tagger).
const RANKED: usize = 120_000;
#[cfg(feature = "train")]
/// Context words (per side).
const CONTEXTS: usize = 1_000;
#[cfg(feature = "train")]
/// Dimension of the random projection.
pub(crate) const DIM: usize = 128;
#[cfg(feature = "train")]
const KMEANS_ITERS: usize = 12;
/// Marker for "no cluster" (ranked but not clustered).
const NONE: u16 = u16::MAX;

/// Word clusters: normalized word → (frequency rank, cluster id per level).
#[derive(Debug, Default)]
pub struct Clusters {
    map: FnvMap<String, (u32, [u16; 3])>,
}

static EMBEDDED: &[u8] = include_bytes!("../../../models/clusters.bin.zst");

#[cfg(feature = "train")]
/// What `build_clusters` did.
#[derive(Debug, Clone)]
pub struct ClusterReport {
    /// Articles read.
    pub articles: usize,
    /// Tokens read.
    pub tokens: usize,
    /// Words that received cluster ids.
    pub clustered_words: usize,
    /// Compressed size of the written file.
    pub bytes: usize,
}

impl Clusters {
    /// The clusters embedded in the binary (models/clusters.bin.zst), loaded once.
    pub fn global() -> &'static Clusters {
        static G: OnceLock<Clusters> = OnceLock::new();
        // The embedded file is produced by our own build_clusters and checked by tests; if it were ever
        // corrupt, tagging still works without cluster features.
        G.get_or_init(|| Clusters::from_bytes(EMBEDDED).unwrap_or_default())
    }

    /// Parses a zstd-compressed clusters file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters, NerError> {
        let raw = zstd::decode_all(bytes)
            .map_err(|e| NerError::InvalidModel(format!("clusters: {e}")))?;
        let bad = |m: &str| NerError::InvalidModel(format!("clusters: {m}"));
        if raw.len() < 16 || &raw[..8] != MAGIC {
            return Err(bad("bad magic"));
        }
        let version = u32::from_le_bytes([raw[8], raw[9], raw[10], raw[11]]);
        if version != VERSION {
            return Err(bad("unsupported version"));
        }
        let n = u32::from_le_bytes([raw[12], raw[13], raw[14], raw[15]]) as usize;
        let mut map = FnvMap::with_capacity_and_hasher(n, Default::default());
        let mut p = 16;
        for rank in 0..n {
            let len = *raw.get(p).ok_or_else(|| bad("truncated"))? as usize;
            let word = raw
                .get(p + 1..p + 1 + len)
                .ok_or_else(|| bad("truncated"))?;
            let word = std::str::from_utf8(word)
                .map_err(|_| bad("bad utf-8"))?
                .to_string();
            p += 1 + len;
            let ids = raw.get(p..p + 6).ok_or_else(|| bad("truncated"))?;
            let ids = [
                u16::from_le_bytes([ids[0], ids[1]]),
                u16::from_le_bytes([ids[2], ids[3]]),
                u16::from_le_bytes([ids[4], ids[5]]),
            ];
            p += 6;
            map.insert(word, (rank as u32, ids));
        }
        Ok(Clusters { map })
    }

    /// Frequency rank of a normalized word (0 = most frequent).
    pub fn rank(&self, key: &str) -> Option<u32> {
        self.map.get(key).map(|v| v.0)
    }

    /// Cluster ids of a normalized word at each level of [`LEVELS`], if it was clustered.
    pub fn ids(&self, key: &str) -> Option<[u16; 3]> {
        self.map
            .get(key)
            .and_then(|v| (v.1[0] != NONE).then_some(v.1))
    }

    /// Number of words known.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no clusters are loaded.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(feature = "train")]
/// Reads every `*.zip` of the SaudiNewsNet `dataset` folder (each a JSON array of articles) and returns
/// title + content texts, in file-name order.
pub(crate) fn read_saudinewsnet(dir: &Path) -> Result<Vec<String>, NerError> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| NerError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(NerError::InvalidArgument(format!(
            "no .zip files in {}",
            dir.display()
        )));
    }
    let mut texts = Vec::new();
    for f in files {
        let file = std::fs::File::open(&f).map_err(|e| NerError::io(&f, e))?;
        let mut zip = zip::ZipArchive::new(file)
            .map_err(|e| NerError::InvalidFormat(format!("{}: {e}", f.display())))?;
        for i in 0..zip.len() {
            let mut entry = zip
                .by_index(i)
                .map_err(|e| NerError::InvalidFormat(format!("{}: {e}", f.display())))?;
            if !entry.name().ends_with(".json") {
                continue;
            }
            let mut s = String::new();
            entry
                .read_to_string(&mut s)
                .map_err(|e| NerError::io(&f, e))?;
            let v: serde_json::Value = serde_json::from_str(&s)
                .map_err(|e| NerError::InvalidFormat(format!("{}: {e}", f.display())))?;
            for a in v.as_array().into_iter().flatten() {
                let mut t = String::new();
                for field in ["title", "content"] {
                    if let Some(x) = a.get(field).and_then(|x| x.as_str()) {
                        t.push_str(x);
                        t.push('\n');
                    }
                }
                texts.push(t);
            }
        }
    }
    Ok(texts)
}

#[cfg(feature = "train")]
/// The vocabulary of raw news in frequency order, with the dense context vectors of its
/// `CLUSTERED` most frequent words (unit length; row `r` is the word of rank `r`).
pub(crate) struct WordVectors {
    words: Vec<String>,
    /// Word ids in frequency order (ties broken by the word).
    order: Vec<u32>,
    vecs: Vec<[f32; DIM]>,
    tokens: usize,
}

#[cfg(feature = "train")]
impl WordVectors {
    /// The vector of each clustered word, keyed by its normalized form.
    #[cfg(feature = "neural")]
    pub(crate) fn into_map(self) -> FnvMap<String, [f32; DIM]> {
        self.order
            .iter()
            .zip(self.vecs)
            .map(|(&w, v)| (self.words[w as usize].clone(), v))
            .collect()
    }
}

#[cfg(feature = "train")]
/// The dense vectors of raw news texts, with a seeded random projection drawn from `rng`.
#[cfg(feature = "neural")]
pub(crate) fn news_vectors(dir: &Path, seed: u64) -> Result<WordVectors, NerError> {
    Ok(word_vectors(&read_saudinewsnet(dir)?, &mut Rng::new(seed)))
}

#[cfg(feature = "train")]
fn word_vectors(texts: &[String], rng: &mut Rng) -> WordVectors {
    // Tokenize to normalized word ids; u32::MAX separates sentences/articles.
    const SEP: u32 = u32::MAX;
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut corpus: Vec<u32> = Vec::with_capacity(10_000_000);
    let mut key = String::new();
    for t in texts {
        let toks = isnad_text::tokenize(t);
        let mut ti = 0;
        for sent in isnad_text::split_sentences(t) {
            while ti < toks.len() && toks[ti].start < sent.end {
                key_into(toks[ti].text(t), &mut key);
                ti += 1;
                let id = match ids.get(key.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        ids.insert(key.clone(), id);
                        words.push(key.clone());
                        counts.push(0);
                        id
                    }
                };
                counts[id as usize] += 1;
                corpus.push(id);
            }
            corpus.push(SEP);
        }
    }
    let tokens = corpus.len();
    // Frequency order, ties broken by the word itself for determinism.
    let mut order: Vec<u32> = (0..words.len() as u32).collect();
    order.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then(words[a as usize].cmp(&words[b as usize]))
    });
    let mut rank_of = vec![u32::MAX; words.len()];
    for (r, &w) in order.iter().enumerate() {
        rank_of[w as usize] = r as u32;
    }
    let n_clustered = CLUSTERED.min(words.len());
    // Context features: dims [k*C, (k+1)*C) = neighbour at offset OFFSETS[k].
    const OFFSETS: [isize; 2] = [-1, 1];
    let c = CONTEXTS.min(words.len());
    let mut cooc: Vec<HashMap<u32, u32>> = vec![HashMap::new(); n_clustered];
    let mut ctx_total = vec![0u64; OFFSETS.len() * c];
    for i in 0..corpus.len() {
        let w = corpus[i];
        if w == SEP {
            continue;
        }
        let r = rank_of[w as usize] as usize;
        if r >= n_clustered {
            continue;
        }
        for (k, &off) in OFFSETS.iter().enumerate() {
            // Stop at sentence separators between the word and its neighbour.
            let j = i as isize + off;
            if j < 0 || j as usize >= corpus.len() {
                continue;
            }
            let (a, b) = if off < 0 {
                (j as usize, i)
            } else {
                (i + 1, j as usize + 1)
            };
            if corpus[a..b].contains(&SEP) {
                continue;
            }
            let nr = rank_of[corpus[j as usize] as usize] as usize;
            if nr < c {
                *cooc[r].entry((k * c + nr) as u32).or_insert(0) += 1;
                ctx_total[k * c + nr] += 1;
            }
        }
    }
    // Smoothed context distribution.
    let smoothed: Vec<f64> = ctx_total.iter().map(|&x| (x as f64).powf(0.75)).collect();
    let z: f64 = smoothed.iter().sum::<f64>().max(1.0);
    let proj: Vec<f32> = (0..OFFSETS.len() * c * DIM)
        .map(|_| rng.normal() as f32)
        .collect();
    let vecs: Vec<[f32; DIM]> = cooc
        .par_iter()
        .map(|row| {
            let total: f64 = row.values().map(|&x| x as f64).sum::<f64>().max(1.0);
            let mut v = [0f32; DIM];
            let mut entries: Vec<(&u32, &u32)> = row.iter().collect();
            entries.sort_unstable();
            for (&d, &n) in entries {
                let pmi = ((n as f64 / total) / (smoothed[d as usize] / z)).ln();
                if pmi > 0.0 {
                    let p = &proj[d as usize * DIM..(d as usize + 1) * DIM];
                    for k in 0..DIM {
                        v[k] += pmi as f32 * p[k];
                    }
                }
            }
            normalize(&mut v);
            v
        })
        .collect();
    WordVectors {
        words,
        order,
        vecs,
        tokens,
    }
}

#[cfg(feature = "train")]
/// Builds word clusters from the SaudiNewsNet zips in `dir` and writes them (zstd) to `out`.
///
/// # Errors
/// Fails when `dir` has no readable zips or `out` cannot be written.
pub fn build_clusters(dir: &Path, seed: u64, out: &Path) -> Result<ClusterReport, NerError> {
    let texts = read_saudinewsnet(dir)?;
    let mut rng = Rng::new(seed);
    let WordVectors {
        words,
        order,
        vecs,
        tokens,
    } = word_vectors(&texts, &mut rng);
    let n_clustered = vecs.len();
    let mut assign = vec![[NONE; 3]; n_clustered];
    for (lvl, &k) in LEVELS.iter().enumerate() {
        let labels = spherical_kmeans(&vecs, k.min(n_clustered.max(1)), &mut rng);
        for (i, l) in labels.into_iter().enumerate() {
            assign[i][lvl] = l as u16;
        }
    }
    // Serialize: rank order, first RANKED words; words longer than 255 bytes are skipped.
    let mut raw = Vec::with_capacity(RANKED * 16);
    raw.extend_from_slice(MAGIC);
    raw.extend_from_slice(&VERSION.to_le_bytes());
    raw.extend_from_slice(&0u32.to_le_bytes());
    let mut n = 0u32;
    for (r, &w) in order.iter().take(RANKED).enumerate() {
        let word = words[w as usize].as_bytes();
        if word.len() > 255 {
            continue;
        }
        raw.push(word.len() as u8);
        raw.extend_from_slice(word);
        let a = if r < n_clustered {
            assign[r]
        } else {
            [NONE; 3]
        };
        for x in a {
            raw.extend_from_slice(&x.to_le_bytes());
        }
        n += 1;
    }
    raw[12..16].copy_from_slice(&n.to_le_bytes());
    let packed = zstd::encode_all(raw.as_slice(), 19).map_err(|e| NerError::io(out, e))?;
    std::fs::write(out, &packed).map_err(|e| NerError::io(out, e))?;
    Ok(ClusterReport {
        articles: texts.len(),
        tokens,
        clustered_words: n_clustered,
        bytes: packed.len(),
    })
}

#[cfg(feature = "train")]
fn normalize(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

#[cfg(feature = "train")]
#[inline]
fn dot(a: &[f32; DIM], b: &[f32; DIM]) -> f32 {
    a.iter().zip(b.iter()).map(|(x, y)| x * y).sum()
}

#[cfg(feature = "train")]
/// Spherical k-means (cosine) with seeded random-sample initialization over distinct points.
fn spherical_kmeans(x: &[[f32; DIM]], k: usize, rng: &mut Rng) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    rng.shuffle(&mut idx);
    let mut cent: Vec<[f32; DIM]> = idx.iter().take(k).map(|&i| x[i]).collect();
    let mut labels = vec![0usize; x.len()];
    for _ in 0..KMEANS_ITERS {
        labels = x
            .par_iter()
            .map(|v| {
                let mut best = (f32::MIN, 0usize);
                for (j, c) in cent.iter().enumerate() {
                    let s = dot(v, c);
                    if s > best.0 {
                        best = (s, j);
                    }
                }
                best.1
            })
            .collect();
        let mut sums = vec![[0f32; DIM]; k];
        let mut sizes = vec![0usize; k];
        for (v, &l) in x.iter().zip(&labels) {
            sizes[l] += 1;
            for d in 0..DIM {
                sums[l][d] += v[d];
            }
        }
        for j in 0..k {
            if sizes[j] == 0 {
                // Re-seed an empty cluster on a random point.
                sums[j] = x[rng.below(x.len())];
            }
            normalize(&mut sums[j]);
        }
        cent = sums;
    }
    labels
}
