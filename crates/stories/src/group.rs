//! Story grouping: which documents report the same specific event.

use crate::features::{day_number, DocFeatures};
use crate::index::StoryIndex;
use crate::model::PairModel;
use rayon::prelude::*;
use std::sync::OnceLock;

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
    /// Keys of the relations it states (any stable string per subject, type and object).
    pub relations: Vec<String>,
}

/// A group of documents reporting one event (the CONTRACT's stories format).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Story {
    /// Deterministic id: `s_` followed by the id of the story's first report.
    pub id: String,
    /// Member document ids, sorted.
    pub doc_ids: Vec<String>,
    /// The headline of the story's first report (else its first sentence).
    pub title: String,
    /// Which members nearly copy which earlier member: `(copy, original)`, sorted.
    #[serde(default)]
    pub copies: Vec<(String, String)>,
    /// Members that copy no other member: the independent reports of the event.
    #[serde(default)]
    pub independent_reports: usize,
}

/// Knobs of the incremental grouping ([`StoryIndex`]); the learned thresholds live in the
/// [`PairModel`].
#[derive(Debug, Clone, PartialEq)]
pub struct StoryConfig {
    /// Two documents more than this many days apart are never compared (a missing date is
    /// neutral): follow-ups come within days, the next event of the same actors later.
    pub max_days_apart: u32,
    /// A story never spans more than this many days, which stops a long chain of follow-ups
    /// drifting from one event to the next.
    pub max_story_span_days: u32,
    /// A new document's rarest terms (fewest documents, held by at least one other) that find
    /// its candidates.
    pub blocking_terms: usize,
    /// Candidates share at least this many of those terms (or a quote).
    pub min_shared_terms: usize,
    /// A term held by more documents than this is a theme, not an event: it finds no
    /// candidates (and its posting list stops growing).
    pub max_posting: usize,
    /// At most this many candidates are compared with a new document (those sharing the
    /// rarest terms): in a large corpus a document shares a few moderately rare words with
    /// hundreds of others of its days, and comparing them all was most of the time.
    pub max_candidates: usize,
    /// Estimated shingle Jaccard at or above which a member counts as a copy of an earlier one.
    pub copy_threshold: f32,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            max_days_apart: 3,
            max_story_span_days: 7,
            blocking_terms: 40,
            min_shared_terms: 2,
            max_posting: 300,
            max_candidates: 50,
            copy_threshold: 0.7,
        }
    }
}

/// The embedded pair model, loaded once.
fn embedded_model() -> &'static PairModel {
    static MODEL: OnceLock<PairModel> = OnceLock::new();
    // The bytes are part of the binary and checked by a unit test: a failure is a stale build.
    MODEL.get_or_init(|| PairModel::embedded().expect("models/stories.bin is a current model"))
}

/// The order in which documents are placed: by day (undated last), then by the full publication
/// time and the id, so that the stories never depend on the order of the input. An
/// incremental store that receives documents in this order reaches the same stories.
pub fn arrival_order(docs: &[StoryDoc]) -> Vec<usize> {
    let mut order: Vec<(i64, &str, &str, usize)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let published = d.published.as_deref();
            let day = published.and_then(day_number).unwrap_or(i64::MAX);
            (day, published.unwrap_or(""), d.id.as_str(), i)
        })
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(.., i)| i).collect()
}

/// Groups `docs` into stories with the embedded model: every document lands in exactly one
/// story (alone if nothing else reports its event). Deterministic.
///
/// This is the incremental [`StoryIndex`] fed in [`arrival_order`], so a store that grew one
/// ingest at a time in date order holds the same stories.
///
/// # Examples
/// ```
/// use isnad_stories::{group_stories, StoryConfig, StoryDoc};
/// let doc = |id: &str, date: &str, text: &str, actors: &[&str]| StoryDoc {
///     id: id.into(), published: Some(date.into()), text: text.into(),
///     actors: actors.iter().map(|a| a.to_string()).collect(), ..Default::default()
/// };
/// let docs = [
///     doc("a", "2024-05-02", "انهار جسر الملك فهد القديم فوق وادي حنيفة صباح الخميس وأصيب سبعة عمال بجروح", &["وادي حنيفة", "الدفاع المدني"]),
///     doc("b", "2024-05-02", "أصيب سبعة عمال بجروح إثر انهيار جزء من جسر الملك فهد القديم فوق وادي حنيفة صباح الخميس", &["وادي حنيفة", "الدفاع المدني"]),
///     doc("c", "2024-05-03", "افتتح معرض الكتاب الدولي أبوابه للزوار بمشاركة خمسمئة دار نشر", &["معرض الكتاب"]),
/// ];
/// let stories = group_stories(&docs, &StoryConfig::default());
/// assert_eq!(stories.len(), 2);
/// assert_eq!(stories[0].doc_ids, ["a", "b"]);
/// ```
pub fn group_stories(docs: &[StoryDoc], cfg: &StoryConfig) -> Vec<Story> {
    group_stories_with(docs, embedded_model(), cfg)
}

/// [`group_stories`] with another pair model.
pub fn group_stories_with(docs: &[StoryDoc], model: &PairModel, cfg: &StoryConfig) -> Vec<Story> {
    let features: Vec<DocFeatures> = docs.par_iter().map(DocFeatures::of).collect();
    let mut index = StoryIndex::new(model.clone(), cfg.clone());
    let mut features: Vec<Option<DocFeatures>> = features.into_iter().map(Some).collect();
    for i in arrival_order(docs) {
        if let Some(f) = features[i].take() {
            index.insert_features(&docs[i].id, story_title(&docs[i]), f);
        }
    }
    index.stories()
}

/// The title a story shows when `doc` founds it: the headline, else the first sentence cut at a word boundary near 120 characters.
pub fn story_title(doc: &StoryDoc) -> String {
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
