//! MinHash signatures over word shingles of search keys, and LSH banding to find near-duplicate
//! pairs without comparing every pair.

use crate::hash::{fnv, mix, FastMap};

/// Number of hash functions in a [`Signature`].
pub const SIGNATURE_LEN: usize = 64;
/// Words per shingle: long enough that two texts share shingles only when they share phrasing.
const SHINGLE: usize = 3;
/// LSH: `BANDS` bands of `ROWS` rows. A pair lands in a common bucket with probability
/// `1 - (1 - s^ROWS)^BANDS`: about 0.5 at Jaccard 0.5 and 0.99 at 0.75.
const BANDS: usize = 16;
const ROWS: usize = SIGNATURE_LEN / BANDS;
/// Fixed seed: signatures are comparable across runs and machines.
const SEED: u64 = 0x1517_a4d0_5eed_0006;

/// A MinHash signature: for each of [`SIGNATURE_LEN`] hash functions, the minimum hash over the
/// text's shingles. The fraction of equal positions estimates the Jaccard similarity of the two
/// shingle sets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signature(pub [u64; SIGNATURE_LEN]);

impl Signature {
    /// Whether the text had no word to shingle (such signatures match nothing).
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&h| h == u64::MAX)
    }
}

/// The MinHash signature of `text` over 3-word shingles of its search keys (texts shorter than
/// three words are one shingle).
///
/// One-permutation MinHash: each shingle is hashed once, the top bits pick one of
/// [`SIGNATURE_LEN`] bins and the bin keeps its minimum; empty bins borrow from the next
/// non-empty bin with an offset per distance (rotation densification). That costs one hash per
/// shingle instead of one per shingle and bin, and estimates Jaccard similarity like classic
/// MinHash.
///
/// # Examples
/// ```
/// use isnad_stories::{jaccard_estimate, signature};
/// let a = signature("أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة خمسمئة سرير وقسم للطوارئ يعمل على مدار الساعة");
/// let b = signature("أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة خمسمئة سرير وقسم للطوارئ يعمل على مدار الساعة");
/// let c = signature("فاز الفريق الأول بالمباراة النهائية للبطولة بثلاثة أهداف مقابل هدف واحد أمام جمهور غفير في الملعب الكبير");
/// assert!(jaccard_estimate(&a, &b) > 0.5);
/// assert!(jaccard_estimate(&a, &c) < 0.2);
/// ```
pub fn signature(text: &str) -> Signature {
    let mut words = Vec::new();
    crate::terms::for_each_word(text, |w| words.push(fnv(w)));
    signature_of_words(&words)
}

/// [`signature`] from the FNV hashes of the words' search keys.
pub(crate) fn signature_of_words(words: &[u64]) -> Signature {
    const VALUE_BITS: u32 = 64 - SIGNATURE_LEN.trailing_zeros();
    let mut sig = [u64::MAX; SIGNATURE_LEN];
    let mut add = |shingle: u64| {
        let h = mix(shingle ^ SEED);
        let bin = (h >> VALUE_BITS) as usize;
        let value = h & ((1u64 << VALUE_BITS) - 1);
        if value < sig[bin] {
            sig[bin] = value;
        }
    };
    if words.len() < SHINGLE {
        if !words.is_empty() {
            add(words.iter().fold(0, |acc, &w| mix(acc ^ w)));
        }
    } else {
        for window in words.windows(SHINGLE) {
            add(window
                .iter()
                .fold(0, |acc, &w| mix(acc.rotate_left(17) ^ w)));
        }
    }
    if sig.iter().all(|&v| v == u64::MAX) {
        return Signature(sig);
    }
    let filled = sig;
    for i in 0..SIGNATURE_LEN {
        if filled[i] != u64::MAX {
            continue;
        }
        // Distance to the next filled bin (circular); it exists because one bin is filled.
        let mut d = 1;
        while filled[(i + d) % SIGNATURE_LEN] == u64::MAX {
            d += 1;
        }
        sig[i] = filled[(i + d) % SIGNATURE_LEN] + ((d as u64) << VALUE_BITS);
    }
    Signature(sig)
}

/// Estimated Jaccard similarity of the shingle sets behind two signatures (0 when either text
/// was empty).
pub fn jaccard_estimate(a: &Signature, b: &Signature) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let equal = a.0.iter().zip(&b.0).filter(|(x, y)| x == y).count();
    equal as f32 / SIGNATURE_LEN as f32
}

/// Pairs of near-duplicate texts: candidates come from LSH buckets (documents agreeing on all
/// rows of some band), then each candidate's estimated Jaccard similarity must reach
/// `threshold`. Returns `(id_a, id_b, similarity)` with `id_a < id_b`, sorted, each pair once.
///
/// Buckets hold at most a few hundred documents: a bigger bucket is boilerplate shared by a
/// whole site (a footer, an agency credit line) and would turn the scan quadratic.
pub fn near_duplicates(sigs: &[(String, Signature)], threshold: f32) -> Vec<(String, String, f32)> {
    const MAX_BUCKET: usize = 256;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for band in 0..BANDS {
        let mut buckets: FastMap<u64, Vec<usize>> = FastMap::default();
        for (i, (_, sig)) in sigs.iter().enumerate() {
            if sig.is_empty() {
                continue;
            }
            let rows = &sig.0[band * ROWS..(band + 1) * ROWS];
            let key = rows.iter().fold(band as u64, |acc, &h| mix(acc ^ h));
            buckets.entry(key).or_default().push(i);
        }
        for members in buckets.values() {
            if members.len() < 2 || members.len() > MAX_BUCKET {
                continue;
            }
            for (k, &a) in members.iter().enumerate() {
                for &b in &members[k + 1..] {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut out: Vec<(String, String, f32)> = pairs
        .into_iter()
        .filter_map(|(a, b)| {
            let sim = jaccard_estimate(&sigs[a].1, &sigs[b].1);
            (sim >= threshold).then(|| {
                let (x, y) = (&sigs[a].0, &sigs[b].0);
                if x <= y {
                    (x.clone(), y.clone(), sim)
                } else {
                    (y.clone(), x.clone(), sim)
                }
            })
        })
        .collect();
    out.sort_by(|p, q| (&p.0, &p.1).cmp(&(&q.0, &q.1)));
    out.dedup_by(|p, q| p.0 == q.0 && p.1 == q.1);
    out
}
