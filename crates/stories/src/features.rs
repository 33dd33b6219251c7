//! What story grouping compares between two documents: each document's features, computed
//! once when it arrives and kept by the index, and the pair features the learned decision reads.

use crate::group::StoryDoc;
use crate::hash::{fnv, FastMap};
use crate::minhash::{jaccard_estimate, signature_of_words, Signature, SIGNATURE_LEN};
use crate::terms::{for_each_word, is_stopword_hashed, stem, word_keys};

/// Number of pair features ([`pair_features`]); part of the model format.
pub const PAIR_FEATURES: usize = 18;

/// Names of the pair features, in order (for reports and the model README).
pub const FEATURE_NAMES: [&str; PAIR_FEATURES] = [
    "tfidf_cosine",
    "idf_containment",
    "rare_shared_log",
    "title_jaccard",
    "title_idf_cosine",
    "minhash_jaccard",
    "actor_jaccard",
    "actors_shared_log",
    "quote_shared",
    "relations_shared_log",
    "numbers_shared_log",
    "day_gap",
    "same_day",
    "same_outlet",
    "length_ratio",
    "top_terms_shared",
    "lede_idf_overlap",
    "actor_idf_overlap",
];

/// One document as the index keeps it: hashed terms and sets, no text. Independent of every
/// other document, so it can be stored and reloaded without recomputation.
#[derive(Debug, Clone, PartialEq)]
pub struct DocFeatures {
    /// Clitic-stripped stem hashes with their counts (title words count double), sorted by term.
    pub terms: Vec<(u64, u32)>,
    /// Stems of the headline, sorted and unique.
    pub title: Vec<u64>,
    /// Stems of the lede (the first words of the body), sorted and unique: reports of one
    /// event open with its who, what and where.
    pub lede: Vec<u64>,
    /// MinHash signature of the text (3-word shingles).
    pub signature: Signature,
    /// Hashed actor keys, sorted and unique.
    pub actors: Vec<u64>,
    /// Hashed quotes of three words or more, sorted and unique.
    pub quotes: Vec<u64>,
    /// Hashed relation keys, sorted and unique.
    pub relations: Vec<u64>,
    /// Hashed number tokens, sorted and unique.
    pub numbers: Vec<u64>,
    /// Days since 1970-01-01, when the date is known.
    pub day: Option<i64>,
    /// Hash of the outlet (0 when unknown).
    pub outlet: u64,
}

fn sorted_set(mut keys: Vec<u64>) -> Vec<u64> {
    keys.sort_unstable();
    keys.dedup();
    keys
}

impl DocFeatures {
    /// The features of one document.
    pub fn of(doc: &StoryDoc) -> DocFeatures {
        let mut counts: FastMap<u64, u32> = FastMap::default();
        let mut title = Vec::new();
        let mut lede = Vec::new();
        let mut words = Vec::new();
        let mut numbers = Vec::new();
        let mut add = |word: &str, weight: u32, title: Option<&mut Vec<u64>>| {
            let s = stem(word);
            let h = fnv(s);
            if !is_stopword_hashed(s, h) {
                *counts.entry(h).or_default() += weight;
                if let Some(t) = title {
                    t.push(h);
                }
            }
        };
        if let Some(t) = &doc.title {
            for_each_word(t, |w| add(w, 2, Some(&mut title)));
        }
        for_each_word(&doc.text, |w| {
            words.push(fnv(w));
            if w.bytes().all(|b| b.is_ascii_digit()) {
                numbers.push(fnv(w));
            }
            let in_lede = lede.len() < LEDE_WORDS;
            add(w, 1, in_lede.then_some(&mut lede));
        });
        let mut terms: Vec<(u64, u32)> = counts.into_iter().collect();
        terms.sort_unstable();
        DocFeatures {
            terms,
            title: sorted_set(title),
            lede: sorted_set(lede),
            signature: signature_of_words(&words),
            actors: sorted_set(
                doc.actors
                    .iter()
                    .map(|s| fnv(&isnad_text::search_key(s.trim())))
                    .collect(),
            ),
            // One- or two-word "quotes" are scare quotes, not statements.
            quotes: sorted_set(
                doc.quotes
                    .iter()
                    .filter_map(|q| {
                        let words = word_keys(q);
                        (words.len() >= 3).then(|| fnv(&words.join(" ")))
                    })
                    .collect(),
            ),
            relations: sorted_set(doc.relations.iter().map(|r| fnv(r)).collect()),
            numbers: sorted_set(numbers),
            day: doc.published.as_deref().and_then(day_number),
            outlet: doc.outlet.as_deref().map_or(0, fnv),
        }
    }

    /// Serializes the features (little-endian, length-prefixed lists) for a store.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.terms.len() * 12 + SIGNATURE_LEN * 8);
        out.push(FEATURES_VERSION);
        put_u32(&mut out, self.terms.len() as u32);
        for &(t, c) in &self.terms {
            out.extend_from_slice(&t.to_le_bytes());
            put_u32(&mut out, c);
        }
        for list in [
            &self.title,
            &self.lede,
            &self.actors,
            &self.quotes,
            &self.relations,
            &self.numbers,
        ] {
            put_u32(&mut out, list.len() as u32);
            for &x in list.iter() {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        for &h in &self.signature.0 {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out.extend_from_slice(&self.day.unwrap_or(i64::MIN).to_le_bytes());
        out.extend_from_slice(&self.outlet.to_le_bytes());
        out
    }

    /// Reads what [`DocFeatures::to_bytes`] wrote; `None` when the bytes are not such a record
    /// (another version, truncated).
    pub fn from_bytes(bytes: &[u8]) -> Option<DocFeatures> {
        let mut r = ByteReader(bytes);
        if r.take(1)?[0] != FEATURES_VERSION {
            return None;
        }
        let n = r.u32()? as usize;
        let mut terms = Vec::with_capacity(n.min(bytes.len() / 12));
        for _ in 0..n {
            terms.push((r.u64()?, r.u32()?));
        }
        let mut lists: [Vec<u64>; 6] = Default::default();
        for list in lists.iter_mut() {
            let n = r.u32()? as usize;
            list.reserve(n.min(bytes.len() / 8));
            for _ in 0..n {
                list.push(r.u64()?);
            }
        }
        let mut signature = [0u64; SIGNATURE_LEN];
        for h in signature.iter_mut() {
            *h = r.u64()?;
        }
        let day = r.u64()? as i64;
        let outlet = r.u64()?;
        if !r.0.is_empty() {
            return None;
        }
        let [title, lede, actors, quotes, relations, numbers] = lists;
        Some(DocFeatures {
            terms,
            title,
            lede,
            signature: Signature(signature),
            actors,
            quotes,
            relations,
            numbers,
            day: (day != i64::MIN).then_some(day),
            outlet,
        })
    }
}

/// Version byte of [`DocFeatures::to_bytes`]: bump when the features change, so a store
/// rebuilds instead of mixing old and new.
pub const FEATURES_VERSION: u8 = 1;

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

struct ByteReader<'a>(&'a [u8]);

impl<'a> ByteReader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// Document frequencies as the index knows them when a pair is compared.
pub trait DocFreq {
    /// Documents holding `term`.
    fn df(&self, term: u64) -> u32;
    /// Documents in all.
    fn docs(&self) -> u32;
    /// Smoothed inverse document frequency of `term`.
    fn idf(&self, term: u64) -> f32 {
        let n = self.docs() as f32;
        ((1.0 + n) / (1.0 + self.df(term) as f32)).ln() + 1.0
    }
}

/// A term is "rare" (names the event rather than the theme) below this share of documents.
const RARE_SHARE: f32 = 0.02;
/// Content words of the body that make its lede.
const LEDE_WORDS: usize = 30;
/// Salt that keeps actor keys apart from term hashes in one frequency table.
pub(crate) const ACTOR_SALT: u64 = 0x5a17_ac70_0000_0001;
/// Terms per document compared by the `top_terms_shared` feature.
const TOP_TERMS: usize = 10;

/// The pair features of two documents under the given document frequencies, each roughly in
/// 0..=1 (counts as `ln(1 + n) / 3`). Symmetric in `a` and `b`.
pub fn pair_features(a: &DocFeatures, b: &DocFeatures, df: &impl DocFreq) -> [f32; PAIR_FEATURES] {
    pair_features_with(a, &DocStats::of(a, df), b, &DocStats::of(b, df), df)
}

/// What the pair features need of one document under given document frequencies: its tf-idf
/// weights, norm and idf masses. Computing these is most of the cost of a comparison (a
/// logarithm per term, a sort for the top terms), so the index computes them once per
/// document and frequency snapshot instead of once per pair.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DocStats {
    /// Per term of [`DocFeatures::terms`] (same order): tf-idf weight, idf, document frequency.
    weights: Vec<(f32, f32, u32)>,
    norm: f32,
    idf_sum: f32,
    /// The heaviest terms (tf-idf), sorted.
    top: Vec<u64>,
    title_mass: f32,
    lede_mass: f32,
    actor_mass: f32,
}

impl DocStats {
    /// The statistics of `d` under `df`.
    pub(crate) fn of(d: &DocFeatures, df: &impl DocFreq) -> DocStats {
        let weights: Vec<(f32, f32, u32)> = d
            .terms
            .iter()
            .map(|&(t, c)| {
                let idf = df.idf(t);
                ((1.0 + (c as f32).ln()) * idf, idf, df.df(t))
            })
            .collect();
        let norm = weights.iter().map(|w| w.0.powi(2)).sum::<f32>().sqrt();
        let idf_sum = weights.iter().map(|w| w.1).sum::<f32>();
        let mut by_weight: Vec<(f32, u64)> = weights
            .iter()
            .zip(&d.terms)
            .map(|(w, &(t, _))| (w.0, t))
            .collect();
        let heavier = |x: &(f32, u64), y: &(f32, u64)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
        if by_weight.len() > TOP_TERMS {
            by_weight.select_nth_unstable_by(TOP_TERMS - 1, heavier);
            by_weight.truncate(TOP_TERMS);
        }
        DocStats {
            norm,
            idf_sum,
            top: sorted_set(by_weight.into_iter().map(|(_, t)| t).collect()),
            title_mass: d.title.iter().map(|&t| df.idf(t).powi(2)).sum(),
            lede_mass: d.lede.iter().map(|&t| df.idf(t)).sum(),
            actor_mass: d.actors.iter().map(|&k| df.idf(k ^ ACTOR_SALT)).sum(),
            weights,
        }
    }
}

/// [`pair_features`] from both documents' [`DocStats`] under `df` (the same frequencies).
pub(crate) fn pair_features_with(
    a: &DocFeatures,
    sa: &DocStats,
    b: &DocFeatures,
    sb: &DocStats,
    df: &impl DocFreq,
) -> [f32; PAIR_FEATURES] {
    let rare_df = (RARE_SHARE * df.docs() as f32).max(3.0);
    let (mut dot, mut shared_idf, mut rare) = (0.0f32, 0.0f32, 0usize);
    merge_join_indexed(&a.terms, &b.terms, |i, j| {
        let ((wa, idf, n), (wb, ..)) = (sa.weights[i], sb.weights[j]);
        dot += wa * wb;
        shared_idf += idf;
        if (n as f32) <= rare_df {
            rare += 1;
        }
    });
    let cosine = if sa.norm > 0.0 && sb.norm > 0.0 {
        dot / (sa.norm * sb.norm)
    } else {
        0.0
    };
    let containment = shared_idf / sa.idf_sum.min(sb.idf_sum).max(1e-6);
    let title_shared = overlap(&a.title, &b.title);
    let title_all = a.title.len() + b.title.len() - title_shared;
    let mut title_dot = 0.0f32;
    merge_join_keys(&a.title, &b.title, |t| title_dot += df.idf(t).powi(2));
    let title_cos = title_dot / (sa.title_mass * sb.title_mass).sqrt().max(1e-6);
    let actors_shared = overlap(&a.actors, &b.actors);
    let actors_all = a.actors.len() + b.actors.len() - actors_shared;
    let gap = match (a.day, b.day) {
        (Some(x), Some(y)) => Some((x - y).unsigned_abs() as f32),
        _ => None,
    };
    let (la, lb) = (a.terms.len() as f32, b.terms.len() as f32);
    [
        cosine,
        containment,
        log_count(rare),
        ratio(title_shared, title_all),
        title_cos,
        jaccard_estimate(&a.signature, &b.signature),
        ratio(actors_shared, actors_all),
        log_count(actors_shared),
        f32::from(u8::from(overlap(&a.quotes, &b.quotes) > 0)),
        log_count(overlap(&a.relations, &b.relations)),
        log_count(overlap(&a.numbers, &b.numbers)),
        gap.map_or(0.5, |g| (g / 3.0).min(2.0)),
        f32::from(u8::from(gap == Some(0.0))),
        f32::from(u8::from(a.outlet != 0 && a.outlet == b.outlet)),
        if la.max(lb) > 0.0 {
            la.min(lb) / la.max(lb)
        } else {
            0.0
        },
        top_terms_shared(a, sa, b, sb),
        idf_overlap(&a.lede, &b.lede, 0, (sa.lede_mass, sb.lede_mass), df),
        idf_overlap(
            &a.actors,
            &b.actors,
            ACTOR_SALT,
            (sa.actor_mass, sb.actor_mass),
            df,
        ),
    ]
}

/// The idf mass two sorted key sets share over the smaller set's mass (`masses`, from
/// [`DocStats`]): a rare name in common counts for more than a capital city. Keys are looked up
/// salted (actors share the table).
fn idf_overlap(a: &[u64], b: &[u64], salt: u64, masses: (f32, f32), df: &impl DocFreq) -> f32 {
    let mut shared = 0.0f32;
    merge_join_keys(a, b, |k| shared += df.idf(k ^ salt));
    let least = masses.0.min(masses.1);
    if least > 0.0 {
        shared / least
    } else {
        0.0
    }
}

/// The share of each document's heaviest terms (tf-idf) the other holds, averaged: two
/// reports of one event lead with the same names and places.
fn top_terms_shared(a: &DocFeatures, sa: &DocStats, b: &DocFeatures, sb: &DocStats) -> f32 {
    let has = |d: &DocFeatures, t: u64| d.terms.binary_search_by_key(&t, |&(x, _)| x).is_ok();
    let share = |top: &[u64], other: &DocFeatures| {
        if top.is_empty() {
            0.0
        } else {
            top.iter().filter(|&&t| has(other, t)).count() as f32 / top.len() as f32
        }
    };
    (share(&sa.top, b) + share(&sb.top, a)) / 2.0
}

fn log_count(n: usize) -> f32 {
    (1.0 + n as f32).ln() / 3.0
}

fn ratio(n: usize, d: usize) -> f32 {
    if d == 0 {
        0.0
    } else {
        n as f32 / d as f32
    }
}

/// Calls `f` with the positions in `a` and `b` of each term the two sorted term lists share.
fn merge_join_indexed(a: &[(u64, u32)], b: &[(u64, u32)], mut f: impl FnMut(usize, usize)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(i, j);
                i += 1;
                j += 1;
            }
        }
    }
}

fn merge_join_keys(a: &[u64], b: &[u64], mut f: impl FnMut(u64)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Number of keys two sorted, unique lists share.
pub(crate) fn overlap(a: &[u64], b: &[u64]) -> usize {
    let mut n = 0;
    merge_join_keys(a, b, |_| n += 1);
    n
}

/// Days since 1970-01-01 of a `YYYY-MM-DD…` date, `None` when it does not parse.
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let date = date.trim();
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days-from-civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2020-03-01T10:00"), Some(18322));
        assert_eq!(day_number("2020-02-29"), Some(18321));
        assert_eq!(day_number("2020-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn features_round_trip() {
        let doc = StoryDoc {
            id: "a".into(),
            title: Some("انفجار في المرفأ".into()),
            text: "وقع انفجار كبير في المرفأ صباح اليوم وأصيب 12 عاملا".into(),
            published: Some("2024-05-02".into()),
            outlet: Some("okaz".into()),
            actors: vec!["وزارة الداخلية".into()],
            quotes: vec!["لا صحة لما تردد عن الحادث".into()],
            relations: vec!["e1|meet|e2".into()],
        };
        let f = DocFeatures::of(&doc);
        assert_eq!(DocFeatures::from_bytes(&f.to_bytes()), Some(f.clone()));
        let mut bad = f.to_bytes();
        bad.pop();
        assert_eq!(DocFeatures::from_bytes(&bad), None);
        assert_eq!(f.numbers.len(), 1);
        assert_eq!(f.quotes.len(), 1);
    }
}
