//! The incremental story index: each arriving document joins the story its learned links
//! support best, or starts one. Nothing already placed is revisited, so a corpus grows without
//! regrouping, and replaying the documents in the same order gives the same stories.

use std::collections::HashMap;

use crate::features::{pair_features, DocFeatures, DocFreq, ACTOR_SALT, PAIR_FEATURES};
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
}

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
    /// model's `join`, best link at least its `support`, the story's span staying within the
    /// configured days), else it starts a story. A document already placed keeps its place.
    pub fn insert_features(&mut self, id: &str, title: String, f: DocFeatures) -> Placement {
        if let Some(&i) = self.ids.get(id) {
            return self.placement(i as usize, true);
        }
        let me = self.add_entry(id, f);
        let links = self.links_of(me);
        let story = self
            .best_story(me, &links)
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
    pub(crate) fn candidate_features(&self, me: u32) -> Vec<(u32, [f32; PAIR_FEATURES])> {
        let f = &self.docs[me as usize].features;
        self.candidates(me)
            .into_iter()
            .map(|c| (c, pair_features(f, &self.docs[c as usize].features, self)))
            .collect()
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
            let list = self.postings.entry(t).or_default();
            // A term in this many documents is a theme: it finds no candidates, so its list
            // stops growing (the count in `df` still does).
            if list.len() <= max_posting {
                list.push(me);
            }
        }
        for &a in &f.actors {
            *self.df.entry(a ^ ACTOR_SALT).or_default() += 1;
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
        });
        me
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
    /// [`StoryConfig::min_shared_terms`] of this document's rarest terms, or a quote.
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
        let mut shared: FastMap<u32, usize> = FastMap::default();
        let need = self.cfg.min_shared_terms.max(1);
        for (_, t) in rare {
            for &j in self.postings.get(&t).into_iter().flatten() {
                if j != me {
                    *shared.entry(j).or_default() += 1;
                }
            }
        }
        for q in &f.quotes {
            for &j in self.quotes.get(q).into_iter().flatten() {
                if j != me {
                    *shared.entry(j).or_default() += need;
                }
            }
        }
        let mut out: Vec<u32> = shared
            .into_iter()
            .filter(|&(j, k)| {
                k >= need && self.close_in_time(f.day, self.docs[j as usize].features.day)
            })
            .map(|(j, _)| j)
            .collect();
        out.sort_unstable();
        out
    }

    fn close_in_time(&self, a: Option<i64>, b: Option<i64>) -> bool {
        match (a, b) {
            (Some(x), Some(y)) => (x - y).unsigned_abs() <= u64::from(self.cfg.max_days_apart),
            _ => true,
        }
    }

    /// The candidates' link probabilities, in candidate order.
    fn links_of(&self, me: u32) -> Vec<(u32, f32)> {
        self.candidate_features(me)
            .into_iter()
            .map(|(c, x)| (c, self.model.probability(&x)))
            .collect()
    }

    /// The story the links support best, if any passes the model's thresholds. Every member
    /// of a candidate's story is compared (not only the candidates), so the decision is an
    /// average over the story: one strong link into a story about a related event is
    /// outweighed by its other members.
    fn best_story(&self, me: u32, links: &[(u32, f32)]) -> Option<u32> {
        let mut stories: Vec<u32> = links
            .iter()
            .map(|&(c, _)| self.docs[c as usize].story)
            .collect();
        stories.sort_unstable();
        stories.dedup();
        let f = &self.docs[me as usize].features;
        let mut best: Option<(f32, u32)> = None;
        for s in stories {
            let story = &self.stories[s as usize];
            if !self.span_ok(story, f.day) {
                continue;
            }
            let (mut max, mut sum) = (0.0f32, 0.0f32);
            for &m in &story.members {
                let other = &self.docs[m as usize].features;
                let p = self.model.probability(&pair_features(f, other, self));
                max = max.max(p);
                sum += p;
            }
            let mean = sum / story.members.len() as f32;
            let (ok, score) = (mean >= self.model.join && max >= self.model.support, mean);
            if ok && best.map_or(true, |(b, bs)| score > b || (score == b && s < bs)) {
                best = Some((score, s));
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
