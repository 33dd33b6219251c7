//! Distributional word clusters learned from raw news (SaudiNewsNet).
//!
//! The counting, PPMI projection and k-means are [`isnad_learn::clusters`], shared with the
//! morphology tagger's clusters; the SaudiNewsNet reader is [`isnad_ingest::saudinewsnet`].
//!
//! Method: for the most frequent words, count the neighbours at offsets -1 and +1 among the most
//! frequent context words, weight by positive PMI (context counts smoothed by ^0.75), project with a seeded Gaussian
//! random matrix to a dense vector (a sketch of the PPMI rows that keeps their cosine geometry), then
//! run seeded spherical k-means at three granularities. Cluster ids of a word and its stem are NER
//! features: they generalize from names seen in training to unseen names used in the same contexts.

use std::path::Path;
use std::sync::OnceLock;

#[cfg(feature = "train")]
use isnad_ingest::saudinewsnet;
#[cfg(feature = "train")]
use isnad_learn::clusters::{
    neighbour_counts, ppmi_projection, sparse, spherical_kmeans, Seeding, Sparse, BREAK, NONE,
};
use isnad_learn::codec::Reader;
#[cfg(feature = "train")]
use isnad_learn::codec::Writer;
use isnad_learn::{FastMap, FxBuild};

use crate::error::NerError;
#[cfg(feature = "train")]
use crate::normalize::key_into;
#[cfg(feature = "train")]
use crate::rng::Rng;

const MAGIC: &[u8; 8] = b"ISNADCL\0";
/// 2: the payload of version 1, unchanged, moved into the shared codec container
/// ([`isnad_learn::codec`]).
const VERSION: u32 = 2;
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
const NO_CLUSTER: u16 = u16::MAX;

/// Word clusters: normalized word → (frequency rank, cluster id per level).
#[derive(Debug, Default)]
pub struct Clusters {
    map: FastMap<String, (u32, [u16; 3])>,
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

    /// Parses a clusters file written by [`build_clusters`].
    ///
    /// # Errors
    /// [`NerError::Codec`] when the bytes are not a clusters file of this format version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters, NerError> {
        let mut r = Reader::open(bytes, MAGIC, VERSION, "clusters")?;
        let n = r.u32()? as usize;
        let mut map = FastMap::with_capacity_and_hasher(n.min(1 << 22), FxBuild);
        for rank in 0..n {
            let word = r.short_str()?.to_string();
            let ids = [r.u16()?, r.u16()?, r.u16()?];
            map.insert(word, (rank as u32, ids));
        }
        Ok(Clusters { map })
    }

    /// Reads a clusters file (e.g. one written by `isnad train clusters`).
    ///
    /// # Errors
    /// [`NerError::Io`] when the file cannot be read, else those of [`Clusters::from_bytes`].
    pub fn from_file(path: &Path) -> Result<Clusters, NerError> {
        let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
        Clusters::from_bytes(&bytes)
    }

    /// Frequency rank of a normalized word (0 = most frequent).
    pub fn rank(&self, key: &str) -> Option<u32> {
        self.map.get(key).map(|v| v.0)
    }

    /// Cluster ids of a normalized word at each level of [`LEVELS`], if it was clustered.
    pub fn ids(&self, key: &str) -> Option<[u16; 3]> {
        self.map
            .get(key)
            .and_then(|v| (v.1[0] != NO_CLUSTER).then_some(v.1))
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
/// The title + content texts of every SaudiNewsNet article in the `dataset` folder `dir`, in
/// corpus order (see [`isnad_ingest::saudinewsnet`]).
pub(crate) fn read_saudinewsnet(dir: &Path) -> Result<Vec<String>, NerError> {
    saudinewsnet::articles(dir)?
        .map(|a| a.map(|a| format!("{}\n{}\n", a.title, a.content)))
        .collect::<Result<_, _>>()
        .map_err(NerError::from)
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
    pub(crate) fn into_map(self) -> FastMap<String, [f32; DIM]> {
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
    // Tokenize to normalized word ids; BREAK separates sentences/articles.
    let mut ids: FastMap<String, u32> = FastMap::default();
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
            corpus.push(BREAK);
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
    let n_clustered = CLUSTERED.min(words.len());
    let c = CONTEXTS.min(words.len());
    // Targets are the clustered words, contexts the `c` most frequent, both by rank.
    let mut target_of = vec![NONE; words.len()];
    let mut context_of = vec![NONE; words.len()];
    for (r, &w) in order.iter().enumerate() {
        if r < n_clustered {
            target_of[w as usize] = r as u32;
        }
        if r < c {
            context_of[w as usize] = r as u32;
        }
    }
    let cooc = neighbour_counts(&corpus, &target_of, &context_of, c, n_clustered);
    let vecs = ppmi_projection(&cooc, 2 * c, DIM, rng)
        .into_iter()
        .map(|v| {
            let mut a = [0f32; DIM];
            a.copy_from_slice(&v);
            a
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
/// Builds word clusters from the SaudiNewsNet zips in `dir` and writes them to `out`.
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
    let points: Vec<Sparse> = vecs.iter().map(|v| sparse(v)).collect();
    let mut assign = vec![[NO_CLUSTER; 3]; n_clustered];
    for (lvl, &k) in LEVELS.iter().enumerate() {
        let k = k.min(n_clustered.max(1));
        let labels = spherical_kmeans(&points, DIM, k, KMEANS_ITERS, Seeding::Random(&mut rng));
        for (i, l) in labels.into_iter().enumerate() {
            assign[i][lvl] = l as u16;
        }
    }
    // Rank order, first RANKED words; words longer than 255 bytes are skipped.
    let mut w = Writer::default();
    w.u32(0);
    let mut n = 0u32;
    for (r, &id) in order.iter().take(RANKED).enumerate() {
        if !w.short_str(&words[id as usize]) {
            continue;
        }
        let a = if r < n_clustered {
            assign[r]
        } else {
            [NO_CLUSTER; 3]
        };
        for x in a {
            w.u16(x);
        }
        n += 1;
    }
    w.buf[..4].copy_from_slice(&n.to_le_bytes());
    let packed = w.finish(MAGIC, VERSION)?;
    std::fs::write(out, &packed).map_err(|e| NerError::io(out, e))?;
    Ok(ClusterReport {
        articles: texts.len(),
        tokens,
        clustered_words: n_clustered,
        bytes: packed.len(),
    })
}
