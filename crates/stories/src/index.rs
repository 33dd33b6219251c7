//! The incremental story index: each arriving document joins the story its learned links
//! support best, or starts one. Nothing already placed is revisited, so a corpus grows without
//! regrouping, and replaying the documents in the same order gives the same stories.

use std::collections::HashMap;

use crate::features::{
    pair_features_with, DocFeatures, DocFreq, DocStats, ACTOR_SALT, PAIR_FEATURES,
};
use crate::group::{Story, StoryConfig, StoryDoc};
use crate::hash::FastMap;
use crate::minhash::jaccard_estimate;
use crate::model::PairModel;

/// Where [`StoryIndex::insert`] put a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The story it joined or started.
    pub story_id: String,
    /// Whether it joined an existing story.
    pub joined: bool,
    /// The earlier member of its story it nearly copies, if any.
    pub copy_of: Option<String>,
}

struct Entry {
    id: String,
    features: DocFeatures,
    story: u32,
    copy_of: Option<u32>,
    /// Its [`DocStats`] under the current snapshot, once it was compared in this snapshot.
    stats: Option<DocStats>,
}

/// The document frequencies comparisons read: the live counts as they stood at the last
/// refresh. Refreshing only when the corpus has grown by a share of its size lets each
/// document's [`DocStats`] be computed once per snapshot instead of once per comparison (a
/// few documents more or less barely move an idf), and keeps every pair's features under one
/// consistent set of frequencies. The refresh points depend only on the number of documents,
/// so a replay in the same order compares under the same snapshots.
#[derive(Default)]
struct Snapshot {
    df: FastMap<u64, u32>,
    docs: u32,
    /// Keys counted in the live frequencies since the last refresh (a refresh adds them
    /// instead of copying the whole table).
    pending: Vec<u64>,
}

impl DocFreq for Snapshot {
    fn df(&self, term: u64) -> u32 {
        self.df.get(&term).copied().unwrap_or(0)
    }
    fn docs(&self) -> u32 {
        self.docs
    }
}

/// The snapshot is refreshed when the documents held grow by this fraction (1/256) of the
/// count at the last refresh, so after every document while there are fewer than 256: a
/// small corpus (the 217 and 216 articles of stories-train and -test) is compared under the
/// live frequencies exactly as before snapshots, and 31K SaudiNewsNet articles under about
/// 1,500 snapshots.
const REFRESH_DIVISOR: u32 = 256;

struct StoryState {
    id: String,
    title: String,
    members: Vec<u32>,
    span: Option<(i64, i64)>,
}

/// Stories grown one document at a time.
///
/// State is the documents' [`DocFeatures`] in arrival order with their story and copy links:
/// a store keeps those rows and calls [`StoryIndex::restore`] for each to continue later, so
/// an embedded store and a server store run the same algorithm.
///
/// # Examples
/// ```
/// use isnad_stories::{StoryDoc, StoryIndex};
/// let doc = |id: &str, text: &str| StoryDoc {
///     id: id.into(), published: Some("2024-05-02".into()), text: text.into(), ..Default::default()
/// };
/// let mut index = StoryIndex::embedded().unwrap();
/// let a = index.insert(&doc("a", "انهار جسر الملك فهد القديم فوق وادي حنيفة صباح الخميس وأصيب سبعة عمال بجروح"));
/// let b = index.insert(&doc("b", "انهار جسر الملك فهد القديم فوق وادي حنيفة صباح الخميس وأصيب سبعة عمال بجروح طفيفة"));
/// assert!(!a.joined);
/// assert_eq!(b.story_id, "s_a");
/// assert_eq!(b.copy_of.as_deref(), Some("a"));
/// ```
pub struct StoryIndex {
    cfg: StoryConfig,
    model: PairModel,
    docs: Vec<Entry>,
    ids: HashMap<String, u32>,
    df: FastMap<u64, u32>,
    postings: FastMap<u64, Vec<u32>>,
    quotes: FastMap<u64, Vec<u32>>,
    stories: Vec<StoryState>,
    story_ids: HashMap<String, u32>,
    snapshot: Snapshot,
    /// Document count at which the snapshot is refreshed next.
    next_refresh: u32,
    /// Documents whose `stats` are set (cleared at a refresh).
    with_stats: Vec<u32>,
}

impl DocFreq for StoryIndex {
    fn df(&self, term: u64) -> u32 {
        self.df.get(&term).copied().unwrap_or(0)
    }
    fn docs(&self) -> u32 {
        self.docs.len() as u32
    }
}

impl StoryIndex {
    /// An empty index deciding with `model` under `cfg`.
    pub fn new(model: PairModel, cfg: StoryConfig) -> StoryIndex {
        StoryIndex {
            cfg,
            model,
            docs: Vec::new(),
            ids: HashMap::new(),
            df: FastMap::default(),
            postings: FastMap::default(),
            quotes: FastMap::default(),
            stories: Vec::new(),
            story_ids: HashMap::new(),
            snapshot: Snapshot::default(),
            next_refresh: 0,
            with_stats: Vec::new(),
        }
    }

    /// An empty index with the embedded model and the default configuration.
    ///
    /// # Errors
    /// When the embedded model does not load (a stale build).
    pub fn embedded() -> Result<StoryIndex, isnad_learn::CodecError> {
        Ok(StoryIndex::new(
            PairModel::embedded()?,
            StoryConfig::default(),
        ))
    }

    /// Documents held.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Whether a document with this id was placed.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    /// Places a document (see [`StoryIndex::insert_features`]).
    pub fn insert(&mut self, doc: &StoryDoc) -> Placement {
        let title = crate::group::story_title(doc);
        self.insert_features(&doc.id, title, DocFeatures::of(doc))
    }

    /// Places a document given its features: it joins the story whose members it links to most
    /// probably on average (mean link probability over the story's members at least the
    /// model's `join`, its best link to a candidate at least its `support`, the story's span
    /// staying within the configured days), else it starts a story. A document already placed
    /// keeps its place.
    pub fn insert_features(&mut self, id: &str, title: String, f: DocFeatures) -> Placement {
        if let Some(&i) = self.ids.get(id) {
            return self.placement(i as usize, true);
        }
        let me = self.add_entry(id, f);
        let story = self
            .best_story(me)
            .unwrap_or_else(|| self.new_story(id, title));
        let copy_of = self.copy_in(me, story);
        self.join(me, story, copy_of);
        let joined = self.stories[story as usize].members.len() > 1;
        self.placement(me as usize, joined)
    }

    /// Adds a document placed earlier (as stored) without deciding anything: to reload an
    /// index. `copy_of` must be an earlier document of the same story (else it is dropped).
    pub fn restore(
        &mut self,
        id: &str,
        title: String,
        f: DocFeatures,
        story_id: &str,
        copy_of: Option<&str>,
    ) {
        if self.ids.contains_key(id) {
            return;
        }
        let me = self.add_entry(id, f);
        let story = match self.story_ids.get(story_id) {
            Some(&s) => s,
            None => self.new_story_with_id(story_id.to_string(), title),
        };
        let copy = copy_of
            .and_then(|c| self.ids.get(c).copied())
            .filter(|&c| self.docs[c as usize].story == story);
        self.join(me, story, copy);
    }

    /// The stories, each member list sorted, ordered by their sorted member lists.
    pub fn stories(&self) -> Vec<Story> {
        let mut out: Vec<Story> = self.stories.iter().map(|s| self.story_view(s)).collect();
        out.sort_by(|a, b| a.doc_ids.cmp(&b.doc_ids));
        out
    }

    /// The story of one placed document.
    pub fn story_of(&self, id: &str) -> Option<Story> {
        let &i = self.ids.get(id)?;
        Some(self.story_view(&self.stories[self.docs[i as usize].story as usize]))
    }

    /// The earlier document `id` nearly copies, within its story.
    pub fn copy_of(&self, id: &str) -> Option<&str> {
        let &i = self.ids.get(id)?;
        let c = self.docs[i as usize].copy_of?;
        Some(&self.docs[c as usize].id)
    }

    /// The pair features of each earlier candidate of the document just added at `me`, as the
    /// decision sees them (for training).
    pub(crate) fn candidate_features(&mut self, me: u32) -> Vec<(u32, [f32; PAIR_FEATURES])> {
        let candidates = self.candidates(me);
        self.ensure_stats(me);
        for &c in &candidates {
            self.ensure_stats(c);
        }
        candidates
            .into_iter()
            .map(|c| (c, self.pair(me, c)))
            .collect()
    }

    /// Computes the [`DocStats`] of document `i` under the snapshot unless it has them.
    fn ensure_stats(&mut self, i: u32) {
        if self.docs[i as usize].stats.is_none() {
            let stats = DocStats::of(&self.docs[i as usize].features, &self.snapshot);
            self.docs[i as usize].stats = Some(stats);
            self.with_stats.push(i);
        }
    }

    /// The pair features of documents `i` and `j` under the snapshot.
    fn pair(&self, i: u32, j: u32) -> [f32; PAIR_FEATURES] {
        let (a, b) = (&self.docs[i as usize], &self.docs[j as usize]);
        // Both have their stats when called from the decision; computing them here otherwise
        // gives the same features.
        let (fresh_a, fresh_b);
        let sa = match &a.stats {
            Some(s) => s,
            None => {
                fresh_a = DocStats::of(&a.features, &self.snapshot);
                &fresh_a
            }
        };
        let sb = match &b.stats {
            Some(s) => s,
            None => {
                fresh_b = DocStats::of(&b.features, &self.snapshot);
                &fresh_b
            }
        };
        pair_features_with(&a.features, sa, &b.features, sb, &self.snapshot)
    }

    /// The id of the document at position `i`.
    pub(crate) fn doc_id(&self, i: u32) -> &str {
        &self.docs[i as usize].id
    }

    /// Adds a document's features to the frequencies and postings and returns its position.
    pub(crate) fn add_entry(&mut self, id: &str, f: DocFeatures) -> u32 {
        let me = self.docs.len() as u32;
        let max_posting = self.cfg.max_posting;
        for &(t, _) in &f.terms {
            *self.df.entry(t).or_default() += 1;
            self.snapshot.pending.push(t);
            let list = self.postings.entry(t).or_default();
            // A term in this many documents is a theme: it finds no candidates, so its list
            // stops growing (the count in `df` still does).
            if list.len() <= max_posting {
                list.push(me);
            }
        }
        for &a in &f.actors {
            *self.df.entry(a ^ ACTOR_SALT).or_default() += 1;
            self.snapshot.pending.push(a ^ ACTOR_SALT);
        }
        for &q in &f.quotes {
            self.quotes.entry(q).or_default().push(me);
        }
        self.ids.insert(id.to_string(), me);
        self.docs.push(Entry {
            id: id.to_string(),
            features: f,
            story: u32::MAX,
            copy_of: None,
            stats: None,
        });
        if self.docs.len() as u32 >= self.next_refresh {
            self.refresh_snapshot();
        }
        me
    }

    /// Takes the live frequencies as the snapshot and forgets the statistics computed under
    /// the previous one.
    fn refresh_snapshot(&mut self) {
        let n = self.docs.len() as u32;
        let snapshot = &mut self.snapshot;
        for k in snapshot.pending.drain(..) {
            *snapshot.df.entry(k).or_default() += 1;
        }
        snapshot.docs = n;
        for i in self.with_stats.drain(..) {
            self.docs[i as usize].stats = None;
        }
        self.next_refresh = n + (n / REFRESH_DIVISOR).max(1);
    }

    fn placement(&self, i: usize, joined: bool) -> Placement {
        let e = &self.docs[i];
        Placement {
            story_id: self.stories[e.story as usize].id.clone(),
            joined,
            copy_of: e.copy_of.map(|c| self.docs[c as usize].id.clone()),
        }
    }

    fn story_view(&self, s: &StoryState) -> Story {
        let mut doc_ids: Vec<String> = s
            .members
            .iter()
            .map(|&m| self.docs[m as usize].id.clone())
            .collect();
        doc_ids.sort();
        let mut copies: Vec<(String, String)> = s
            .members
            .iter()
            .filter_map(|&m| {
                let e = &self.docs[m as usize];
                Some((e.id.clone(), self.docs[e.copy_of? as usize].id.clone()))
            })
            .collect();
        copies.sort();
        Story {
            id: s.id.clone(),
            independent_reports: doc_ids.len() - copies.len(),
            doc_ids,
            title: s.title.clone(),
            copies,
        }
    }

    /// Earlier documents within the time window that share at least
    /// [`StoryConfig::min_shared_terms`] of this document's rarest terms, or a quote; when
    /// more than [`StoryConfig::max_candidates`] do, those sharing the rarest terms (the most
    /// idf; then the latest) are kept. Sorted by position.
    fn candidates(&self, me: u32) -> Vec<u32> {
        let f = &self.docs[me as usize].features;
        let mut rare: Vec<(u32, u64)> = f
            .terms
            .iter()
            .map(|&(t, _)| (self.df(t), t))
            .filter(|&(d, _)| d >= 2 && d as usize <= self.cfg.max_posting)
            .collect();
        rare.sort_unstable();
        rare.truncate(self.cfg.blocking_terms);
        // Per earlier document: terms shared, and their summed rarity.
        let mut shared: FastMap<u32, (usize, f32)> = FastMap::default();
        let need = self.cfg.min_shared_terms.max(1);
        let n = self.docs.len() as f32;
        for (d, t) in rare {
            let weight = (n / d as f32).ln();
            for &j in self.postings.get(&t).into_iter().flatten() {
                if j != me {
                    let e = shared.entry(j).or_default();
                    e.0 += 1;
                    e.1 += weight;
                }
            }
        }
        for q in &f.quotes {
            for &j in self.quotes.get(q).into_iter().flatten() {
                if j != me {
                    let e = shared.entry(j).or_default();
                    e.0 += need;
                    e.1 += n.ln() * need as f32;
                }
            }
        }
        let mut out: Vec<(f32, u32)> = shared
            .into_iter()
            .filter(|&(j, (k, _))| {
                k >= need && self.close_in_time(f.day, self.docs[j as usize].features.day)
            })
            .map(|(j, (_, w))| (w, j))
            .collect();
        if out.len() > self.cfg.max_candidates {
            let rarer = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1));
            out.select_nth_unstable_by(self.cfg.max_candidates, rarer);
            out.truncate(self.cfg.max_candidates);
        }
        let mut out: Vec<u32> = out.into_iter().map(|(_, j)| j).collect();
        out.sort_unstable();
        out
    }

    fn close_in_time(&self, a: Option<i64>, b: Option<i64>) -> bool {
        match (a, b) {
            (Some(x), Some(y)) => (x - y).unsigned_abs() <= u64::from(self.cfg.max_days_apart),
            _ => true,
        }
    }

    /// The story the links support best, if any passes the model's thresholds. The best link
    /// must be to a candidate (a member sharing rare terms or a quote), which is the cheap
    /// first pass: only the stories it leaves are compared member by member. Every member of
    /// those is compared (not only the candidates), so the decision is an average over the
    /// story: one strong link into a story about a related event is outweighed by its other
    /// members.
    fn best_story(&mut self, me: u32) -> Option<u32> {
        let candidates = self.candidates(me);
        self.ensure_stats(me);
        let day = self.docs[me as usize].features.day;
        let mut known: FastMap<u32, f32> = FastMap::default();
        let mut stories: Vec<u32> = Vec::new();
        for c in candidates {
            let s = self.docs[c as usize].story;
            if !self.span_ok(&self.stories[s as usize], day) {
                continue;
            }
            self.ensure_stats(c);
            let p = self.model.probability(&self.pair(me, c));
            known.insert(c, p);
            if p >= self.model.support {
                stories.push(s);
            }
        }
        stories.sort_unstable();
        stories.dedup();
        for &s in &stories {
            for k in 0..self.stories[s as usize].members.len() {
                self.ensure_stats(self.stories[s as usize].members[k]);
            }
        }
        let mut best: Option<(f32, u32)> = None;
        for s in stories {
            let story = &self.stories[s as usize];
            let sum: f32 = story
                .members
                .iter()
                .map(|&m| match known.get(&m) {
                    Some(&p) => p,
                    None => self.model.probability(&self.pair(me, m)),
                })
                .sum();
            let mean = sum / story.members.len() as f32;
            if mean >= self.model.join
                && best.map_or(true, |(b, bs)| mean > b || (mean == b && s < bs))
            {
                best = Some((mean, s));
            }
        }
        best.map(|(_, s)| s)
    }

    fn span_ok(&self, story: &StoryState, day: Option<i64>) -> bool {
        match (story.span, day) {
            (Some((lo, hi)), Some(d)) => {
                (hi.max(d) - lo.min(d)).unsigned_abs() <= u64::from(self.cfg.max_story_span_days)
            }
            _ => true,
        }
    }

    /// The earlier member of `story` this document nearly copies (highest estimated Jaccard at
    /// or above the copy threshold; ties: the earliest).
    fn copy_in(&self, me: u32, story: u32) -> Option<u32> {
        let sig = &self.docs[me as usize].features.signature;
        let mut best: Option<(f32, u32)> = None;
        for &m in &self.stories[story as usize].members {
            let j = jaccard_estimate(sig, &self.docs[m as usize].features.signature);
            if j >= self.cfg.copy_threshold && best.map_or(true, |(b, _)| j > b) {
                best = Some((j, m));
            }
        }
        best.map(|(_, m)| m)
    }

    fn new_story(&mut self, founder: &str, title: String) -> u32 {
        self.new_story_with_id(format!("s_{founder}"), title)
    }

    fn new_story_with_id(&mut self, id: String, title: String) -> u32 {
        let s = self.stories.len() as u32;
        self.story_ids.insert(id.clone(), s);
        self.stories.push(StoryState {
            id,
            title,
            members: Vec::new(),
            span: None,
        });
        s
    }

    fn join(&mut self, me: u32, story: u32, copy_of: Option<u32>) {
        let day = self.docs[me as usize].features.day;
        let entry = &mut self.docs[me as usize];
        entry.story = story;
        entry.copy_of = copy_of;
        let s = &mut self.stories[story as usize];
        s.members.push(me);
        if let Some(d) = day {
            s.span = Some(s.span.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::pair_features;

    fn doc(i: usize) -> StoryDoc {
        StoryDoc {
            id: format!("d{i:02}"),
            published: Some(format!("2024-05-{:02}", 1 + i / 8)),
            text: format!(
                "انهار جسر رقم {} فوق وادي {} صباح الخميس وأصيب {} عمال في حادث {}",
                i % 5,
                i % 3,
                i % 7,
                i % 4
            ),
            ..Default::default()
        }
    }

    /// The statistics kept between comparisons are those of the current snapshot: features
    /// read through them equal features computed from scratch, across refreshes.
    #[test]
    fn cached_statistics_follow_the_snapshot() {
        let mut index = StoryIndex::embedded().unwrap();
        for i in 0..40 {
            index.insert(&doc(i));
            let me = i as u32;
            for j in 0..me {
                index.ensure_stats(j);
            }
            for j in 0..me {
                let fresh = pair_features(
                    &index.docs[me as usize].features,
                    &index.docs[j as usize].features,
                    &index.snapshot,
                );
                assert_eq!(index.pair(me, j), fresh, "doc {i} with {j}");
            }
        }
        assert_eq!(index.snapshot.docs, 40);
        assert_eq!(index.snapshot.df, index.df);
    }

    #[test]
    fn candidates_are_capped() {
        let cfg = StoryConfig {
            max_candidates: 2,
            ..StoryConfig::default()
        };
        let mut index = StoryIndex::new(PairModel::embedded().unwrap(), cfg);
        let mut most = 0;
        for i in 0..30 {
            let me = index.add_entry(&format!("x{i}"), DocFeatures::of(&doc(i % 3)));
            most = most.max(index.candidates(me).len());
        }
        assert_eq!(most, 2);
    }
}
