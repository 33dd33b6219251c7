//! Story grouping: which documents report the same specific event.

use crate::hash::{fnv, FastMap};
use crate::minhash::{near_duplicates, signature_of_words, Signature};
use crate::terms::{for_each_word, is_stopword_hashed, stem, word_keys};
use rayon::prelude::*;
use std::collections::HashMap;

/// A document as story grouping sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct StoryDoc {
    /// The document id.
    pub id: String,
    /// Its outlet, when known.
    pub outlet: Option<String>,
    /// Publication date `YYYY-MM-DD` (a longer ISO string is fine; only the date is read).
    pub published: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// The text.
    pub text: String,
    /// Corpus entity keys of the actors it mentions (KB ids or normalized names).
    pub actors: Vec<String>,
    /// Texts of the quotes it carries.
    pub quotes: Vec<String>,
}

/// A group of documents reporting one event (the CONTRACT's stories format).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Story {
    /// Deterministic id: `s_` followed by the smallest member id.
    pub id: String,
    /// Member document ids, sorted.
    pub doc_ids: Vec<String>,
    /// The headline of the most central member (else its first sentence).
    pub title: String,
}

/// Knobs of [`group_stories`]; the defaults were tuned on the crate's own multi-outlet
/// fixtures and the dev examples, never on held-out data.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryConfig {
    /// Two documents more than this many days apart never link directly (a missing date is
    /// neutral).
    pub max_days_apart: u32,
    /// A story never spans more than this many days, which stops chains of links drifting
    /// from one event to the next.
    pub max_story_span_days: u32,
    /// Link score (tf-idf cosine plus the actor and quote bonuses) at which two documents
    /// always share a story.
    pub link_threshold: f32,
    /// Lower score at which two documents still share a story when each is the other's best
    /// match. Real articles of one event in different wording often score 0.2 or so, while a
    /// document sharing only actors or a theme with a story is rarely anyone's best match.
    pub mutual_threshold: f32,
    /// Weight of the Jaccard overlap of actor sets.
    pub actor_weight: f32,
    /// Bonus when two documents carry the same quote.
    pub quote_weight: f32,
    /// When two clusters merge, at least this fraction of their member pairs must be linked
    /// (1 would demand complete linkage, 0 is single linkage, which chains events together).
    pub min_link_density: f32,
    /// Shared terms (held by at least two documents) kept in each document's tf-idf vector.
    pub salient_terms: usize,
    /// Rare salient terms per document used to find candidate pairs.
    pub blocking_terms: usize,
    /// Candidate pairs must share at least this many blocking terms.
    pub min_shared_terms: usize,
    /// A blocking term held by more documents than this (and more than 1% of the corpus) is a
    /// theme, not an event, and finds no candidates.
    pub max_posting: usize,
    /// Near-duplicates at or above this estimated Jaccard similarity always link.
    pub near_duplicate_threshold: f32,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            max_days_apart: 3,
            max_story_span_days: 7,
            link_threshold: 0.30,
            mutual_threshold: 0.15,
            actor_weight: 0.10,
            quote_weight: 0.2,
            min_link_density: 0.4,
            salient_terms: 64,
            blocking_terms: 12,
            min_shared_terms: 2,
            max_posting: 300,
            near_duplicate_threshold: 0.5,
        }
    }
}

/// What is compared between documents, computed once per document.
struct Prepared {
    /// L2-normalized tf-idf weights of the salient terms, sorted by term.
    vector: Vec<(u64, f32)>,
    /// The rarest salient terms, for candidate blocking.
    block: Vec<u64>,
    day: Option<i64>,
    actors: Vec<u64>,
    quotes: Vec<u64>,
}

/// Groups `docs` into stories; every document lands in exactly one story (alone if nothing
/// else reports its event). Deterministic: the same input gives the same stories and ids.
///
/// Documents link when their tf-idf cosine over clitic-stripped search-key terms (idf computed
/// over `docs`), plus a bonus for shared actors and shared quotes, reaches
/// [`StoryConfig::link_threshold`] (or [`StoryConfig::mutual_threshold`] when each is the
/// other's best match) and their dates are at most [`StoryConfig::max_days_apart`] apart;
/// near-copies always link. Only candidate pairs are
/// scored: pairs sharing rare salient terms, sharing a quote, or falling in a MinHash LSH
/// bucket. Links are merged strongest first, refusing merges that would make a story span more
/// than [`StoryConfig::max_story_span_days`]. Documents that share only a theme (common terms)
/// or the same actors at another event score low on the event-specific terms and stay apart.
///
/// # Examples
/// ```
/// use isnad_stories::{group_stories, StoryConfig, StoryDoc};
/// let doc = |id: &str, date: &str, text: &str| StoryDoc {
///     id: id.into(), published: Some(date.into()), text: text.into(), ..Default::default()
/// };
/// let docs = [
///     doc("a", "2024-05-02", "انهار جسر الملك فهد القديم فوق وادي حنيفة صباح الخميس وأصيب سبعة عمال بجروح"),
///     doc("b", "2024-05-02", "أصيب سبعة عمال بجروح إثر انهيار جزء من جسر قديم فوق وادي حنيفة صباح الخميس"),
///     doc("c", "2024-05-03", "افتتح معرض الكتاب الدولي أبوابه للزوار بمشاركة خمسمئة دار نشر"),
/// ];
/// let stories = group_stories(&docs, &StoryConfig::default());
/// assert_eq!(stories.len(), 2);
/// assert_eq!(stories[0].doc_ids, ["a", "b"]);
/// ```
pub fn group_stories(docs: &[StoryDoc], cfg: &StoryConfig) -> Vec<Story> {
    if docs.is_empty() {
        return Vec::new();
    }
    let (prepared, links) = scored_links(docs, cfg);
    cluster(docs, &prepared, &links, cfg)
}

/// The links [`group_stories`] merges, strongest first: `(id_a, id_b, score)` for every
/// candidate pair whose score reaches [`StoryConfig::link_threshold`] and whose dates are close
/// enough. Near-copies score above 1. Useful to explain why two documents share a story.
pub fn story_links(docs: &[StoryDoc], cfg: &StoryConfig) -> Vec<(String, String, f32)> {
    let (_, links) = scored_links(docs, cfg);
    links
        .into_iter()
        .map(|(a, b, s)| (docs[a].id.clone(), docs[b].id.clone(), s))
        .collect()
}

fn scored_links(docs: &[StoryDoc], cfg: &StoryConfig) -> (Vec<Prepared>, Vec<(usize, usize, f32)>) {
    let n = docs.len();
    type TermCounts = Vec<(u64, u32)>;
    let (counts, sigs): (Vec<TermCounts>, Vec<(String, Signature)>) = docs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let (counts, words) = term_counts(doc);
            (counts, (i.to_string(), signature_of_words(&words)))
        })
        .unzip();
    let mut df: FastMap<u64, u32> = FastMap::default();
    for doc in &counts {
        for &(term, _) in doc {
            *df.entry(term).or_default() += 1;
        }
    }
    let max_df = cfg.max_posting.max(n / 100);
    let prepared: Vec<Prepared> = docs
        .par_iter()
        .zip(counts.par_iter())
        .map(|(doc, counts)| prepare(doc, counts, &df, n, max_df, cfg))
        .collect();
    let copies: Vec<(usize, usize)> = near_duplicates(&sigs, cfg.near_duplicate_threshold)
        .into_iter()
        .filter_map(|(a, b, _)| Some((a.parse().ok()?, b.parse().ok()?)))
        .collect();
    let candidates = candidate_pairs(&prepared, &copies, cfg, max_df);
    let copy_set: std::collections::HashSet<(usize, usize)> =
        copies.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
    let floor = cfg.link_threshold.min(cfg.mutual_threshold);
    let scored: Vec<(usize, usize, f32)> = candidates
        .par_iter()
        .filter_map(|&(a, b)| {
            let mut score = link_score(&prepared[a], &prepared[b], cfg);
            if copy_set.contains(&(a, b)) {
                score += 1.0;
            }
            let close = match (prepared[a].day, prepared[b].day) {
                (Some(x), Some(y)) => (x - y).unsigned_abs() <= u64::from(cfg.max_days_apart),
                _ => true,
            };
            (close && score >= floor).then_some((a, b, score))
        })
        .collect();
    // Each document's best partner, for the mutual-best rule.
    let mut best: Vec<(f32, usize)> = vec![(f32::MIN, usize::MAX); n];
    for &(a, b, score) in &scored {
        for (x, y) in [(a, b), (b, a)] {
            if (score, std::cmp::Reverse(y)) > (best[x].0, std::cmp::Reverse(best[x].1)) {
                best[x] = (score, y);
            }
        }
    }
    let mut links: Vec<(usize, usize, f32)> = scored
        .into_iter()
        .filter(|&(a, b, score)| {
            score >= cfg.link_threshold
                || (score >= cfg.mutual_threshold && best[a].1 == b && best[b].1 == a)
        })
        .collect();
    links.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    (prepared, links)
}

/// Term counts (stem hash, count) sorted by term, and the word hashes of the text (for the
/// MinHash signature), from one pass over the words.
fn term_counts(doc: &StoryDoc) -> (Vec<(u64, u32)>, Vec<u64>) {
    let mut counts: FastMap<u64, u32> = FastMap::default();
    let mut words = Vec::new();
    let mut add = |word: &str, weight: u32| {
        let s = stem(word);
        let h = fnv(s);
        if !is_stopword_hashed(s, h) {
            *counts.entry(h).or_default() += weight;
        }
    };
    // A headline names the event; its words count double.
    if let Some(title) = &doc.title {
        for_each_word(title, |w| add(w, 2));
    }
    for_each_word(&doc.text, |w| {
        words.push(fnv(w));
        add(w, 1);
    });
    let mut out: Vec<(u64, u32)> = counts.into_iter().collect();
    out.sort_unstable();
    (out, words)
}

fn prepare(
    doc: &StoryDoc,
    counts: &[(u64, u32)],
    df: &FastMap<u64, u32>,
    n: usize,
    max_df: usize,
    cfg: &StoryConfig,
) -> Prepared {
    let idf = |d: u32| ((1.0 + n as f32) / (1.0 + d as f32)).ln() + 1.0;
    let mut weighted: Vec<(u64, f32, u32)> = counts
        .iter()
        .map(|&(term, tf)| {
            let d = df.get(&term).copied().unwrap_or(1);
            (term, (1.0 + (tf as f32).ln()) * idf(d), d)
        })
        .collect();
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // The norm covers every term, so long documents are not favoured; but a term no other
    // document has can never contribute to a dot product, so only shared terms are stored.
    let norm = weighted.iter().map(|w| w.1 * w.1).sum::<f32>().sqrt();
    weighted.retain(|&(_, _, d)| d >= 2);
    weighted.truncate(cfg.salient_terms);
    let block = weighted
        .iter()
        .filter(|&&(_, _, d)| d as usize <= max_df)
        .take(cfg.blocking_terms)
        .map(|&(t, _, _)| t)
        .collect();
    let mut vector: Vec<(u64, f32)> = weighted
        .into_iter()
        .map(|(t, w, _)| (t, if norm > 0.0 { w / norm } else { 0.0 }))
        .collect();
    vector.sort_unstable_by_key(|&(t, _)| t);
    let sorted_set = |mut keys: Vec<u64>| -> Vec<u64> {
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    Prepared {
        vector,
        block,
        day: doc.published.as_deref().and_then(day_number),
        actors: sorted_set(
            doc.actors
                .iter()
                .map(|s| fnv(&isnad_text::search_key(s.trim())))
                .collect(),
        ),
        // Very short "quotes" (one or two words) are scare quotes, not statements. Each quote
        // is split into words once, for both the length test and its key.
        quotes: sorted_set(
            doc.quotes
                .iter()
                .filter_map(|q| {
                    let words = word_keys(q);
                    (words.len() >= 3).then(|| fnv(&words.join(" ")))
                })
                .collect(),
        ),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD…` date, `None` when it does not parse.
fn day_number(date: &str) -> Option<i64> {
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

fn sorted_overlap(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn link_score(a: &Prepared, b: &Prepared, cfg: &StoryConfig) -> f32 {
    let (mut i, mut j, mut cos) = (0, 0, 0.0f32);
    while i < a.vector.len() && j < b.vector.len() {
        match a.vector[i].0.cmp(&b.vector[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                cos += a.vector[i].1 * b.vector[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    let shared_actors = sorted_overlap(&a.actors, &b.actors);
    let all_actors = a.actors.len() + b.actors.len() - shared_actors;
    let actors = if all_actors == 0 {
        0.0
    } else {
        shared_actors as f32 / all_actors as f32
    };
    let quotes = if sorted_overlap(&a.quotes, &b.quotes) > 0 {
        cfg.quote_weight
    } else {
        0.0
    };
    cos + cfg.actor_weight * actors + quotes
}

/// Candidate pairs `(a, b)` with `a < b`: sharing enough rare salient terms, sharing a quote,
/// or near-copies. Never all pairs: each posting list is capped by `max_df`.
fn candidate_pairs(
    prepared: &[Prepared],
    copies: &[(usize, usize)],
    cfg: &StoryConfig,
    max_df: usize,
) -> Vec<(usize, usize)> {
    let mut postings: FastMap<u64, Vec<u32>> = FastMap::default();
    let mut quote_postings: FastMap<u64, Vec<u32>> = FastMap::default();
    for (i, p) in prepared.iter().enumerate() {
        let i = i as u32;
        for &t in &p.block {
            postings.entry(t).or_default().push(i);
        }
        for &q in &p.quotes {
            quote_postings.entry(q).or_default().push(i);
        }
    }
    let min_shared = cfg.min_shared_terms.max(1);
    let mut pairs: Vec<(usize, usize)> = prepared
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, p)| {
            let mut shared: FastMap<u32, usize> = FastMap::default();
            for t in &p.block {
                let Some(list) = postings.get(t) else {
                    continue;
                };
                if list.len() > max_df {
                    continue;
                }
                for &j in list {
                    if j as usize > i {
                        *shared.entry(j).or_default() += 1;
                    }
                }
            }
            for q in &p.quotes {
                let Some(list) = quote_postings.get(q) else {
                    continue;
                };
                if list.len() > max_df {
                    continue;
                }
                for &j in list {
                    if j as usize > i {
                        *shared.entry(j).or_default() += min_shared;
                    }
                }
            }
            shared
                .into_iter()
                .filter(move |&(_, k)| k >= min_shared)
                .map(move |(j, _)| (i, j as usize))
        })
        .collect();
    pairs.extend(copies.iter().map(|&(a, b)| (a.min(b), a.max(b))));
    pairs.retain(|&(a, b)| a != b);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn cluster(
    docs: &[StoryDoc],
    prepared: &[Prepared],
    links: &[(usize, usize, f32)],
    cfg: &StoryConfig,
) -> Vec<Story> {
    let n = docs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut span: Vec<Option<(i64, i64)>> =
        prepared.iter().map(|p| p.day.map(|d| (d, d))).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    // Adjacency lists and member lists let a merge check how densely two clusters are linked.
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, _) in links {
        adjacent[a].push(b);
        adjacent[b].push(a);
    }
    let mut cluster_of: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for &(a, b, _) in links {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra == rb {
            continue;
        }
        let merged = match (span[ra], span[rb]) {
            (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
            (x, y) => x.or(y),
        };
        if let Some((lo, hi)) = merged {
            if (hi - lo).unsigned_abs() > u64::from(cfg.max_story_span_days) {
                continue;
            }
        }
        // Single-link clustering chains A~B~C~... from one event into the next; a merge must
        // be backed by links between a fair share of the two clusters' member pairs.
        let (small, large) = if cluster_of[ra].len() <= cluster_of[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let pairs = cluster_of[small].len() * cluster_of[large].len();
        if pairs > 1 {
            let mut linked = 0usize;
            for &x in &cluster_of[small] {
                for &y in &adjacent[x] {
                    if find(&mut parent, y) == large {
                        linked += 1;
                    }
                }
            }
            if (linked as f32) < cfg.min_link_density * pairs as f32 {
                continue;
            }
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        parent[child] = root;
        span[root] = merged;
        let moved = std::mem::take(&mut cluster_of[child]);
        cluster_of[root].extend(moved);
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    // Centrality: the summed strength of a member's links inside its story.
    let mut centrality = vec![0.0f32; n];
    for &(a, b, s) in links {
        if find(&mut parent, a) == find(&mut parent, b) {
            centrality[a] += s;
            centrality[b] += s;
        }
    }
    let mut stories: Vec<Story> = members
        .into_values()
        .map(|group| {
            let central = group
                .iter()
                .copied()
                .max_by(|&x, &y| {
                    centrality[x]
                        .total_cmp(&centrality[y])
                        // Earlier is better: compare reversed days (missing dates last).
                        .then_with(|| {
                            let dx = prepared[x].day.unwrap_or(i64::MAX);
                            let dy = prepared[y].day.unwrap_or(i64::MAX);
                            dy.cmp(&dx)
                        })
                        .then_with(|| docs[y].id.cmp(&docs[x].id))
                })
                .unwrap_or(group[0]);
            let mut doc_ids: Vec<String> = group.iter().map(|&i| docs[i].id.clone()).collect();
            doc_ids.sort();
            doc_ids.dedup();
            Story {
                id: format!("s_{}", doc_ids.first().map(String::as_str).unwrap_or("")),
                doc_ids,
                title: title_of(&docs[central]),
            }
        })
        .collect();
    stories.sort_by(|a, b| a.doc_ids.cmp(&b.doc_ids));
    stories
}

/// The headline, else the first sentence cut at a word boundary near 120 characters.
fn title_of(doc: &StoryDoc) -> String {
    if let Some(title) = doc
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        return title.to_string();
    }
    let text = doc.text.trim();
    let first: String = match isnad_text::split_sentences(text).first() {
        Some(s) => text.chars().skip(s.start).take(s.len()).collect(),
        None => text.to_string(),
    };
    let first = first.trim();
    const MAX: usize = 120;
    if first.chars().count() <= MAX {
        return first.to_string();
    }
    let cut: String = first.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
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
    fn every_doc_in_exactly_one_story() {
        let docs: Vec<StoryDoc> = (0..50)
            .map(|i| StoryDoc {
                id: format!("d{i:02}"),
                text: format!("خبر رقم {} عن موضوع {} في مدينة {}", i, i % 5, i % 3),
                ..Default::default()
            })
            .collect();
        let stories = group_stories(&docs, &StoryConfig::default());
        let mut all: Vec<String> = stories.iter().flat_map(|s| s.doc_ids.clone()).collect();
        all.sort();
        let mut want: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
        want.sort();
        assert_eq!(all, want);
        assert!(group_stories(&[], &StoryConfig::default()).is_empty());
    }
}
