//! Near-duplicates, story grouping and corroboration over a news corpus.
//!
//! API note: as planned, plus [`story_links`], [`StoriesFile`], [`SIGNATURE_LEN`],
//! `Signature::is_empty`, `StoryConfig::{mutual_threshold, min_link_density}` and
//! `Corroboration::{reports, groups}`; `Story::id` is `s_` + the smallest member id.
//!
//! # Brief overview
//! - [`signature`] computes a MinHash [`Signature`] over 3-word shingles of search keys (fixed
//!   seed); [`jaccard_estimate`] compares two; [`near_duplicates`] finds copied texts through LSH
//!   banding instead of comparing all pairs.
//! - [`group_stories`] puts every [`StoryDoc`] in exactly one [`Story`]: documents reporting the
//!   same specific event (shared rare terms, actors and quotes, dates close), kept apart from
//!   documents that only share a theme or the same actors at another event. Candidates are
//!   blocked on rare terms and quotes and capped, so 31K documents group in under half a minute.
//! - [`corroborate`] collapses the [`Report`]s of one claim into independent sources (same
//!   upstream in the via chain, same quote, or near-copied text) and flags circular reporting
//!   in its [`Corroboration`].
//!
//! All of it is pure and deterministic: no I/O, no randomness beyond fixed seeds.
//!
//! ```
//! use isnad_stories::{group_stories, StoryConfig, StoryDoc};
//! let doc = |id: &str, text: &str| StoryDoc { id: id.into(), text: text.into(), ..Default::default() };
//! let stories = group_stories(&[doc("x", "نص قصير"), doc("y", "نص آخر مختلف تماما")], &StoryConfig::default());
//! assert_eq!(stories.len(), 2);
//! assert_eq!(stories[0].id, "s_x");
//! ```
#![deny(missing_docs)]

mod corroborate;
mod features;
mod group;
mod hash;
mod index;
mod minhash;
mod model;
mod terms;
mod train;

pub use corroborate::{corroborate, Corroboration, Report};
pub use features::{pair_features, DocFeatures, DocFreq, FEATURE_NAMES, PAIR_FEATURES};
pub use group::{
    arrival_order, group_stories, group_stories_with, story_title, Story, StoryConfig, StoryDoc,
};
pub use index::{Placement, StoryIndex};
/// The error of a model file that does not load (the shared codec's).
pub use isnad_learn::CodecError as ModelError;
pub use minhash::{jaccard_estimate, near_duplicates, signature, Signature, SIGNATURE_LEN};
pub use model::{Example, PairModel};
pub use train::{
    train, training_examples, GoldStories, GoldStory, HardNegative, PairScore, TrainOptions,
    TrainReport,
};

/// The stories file of the CONTRACT: `{"stories": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct StoriesFile {
    /// Every story.
    pub stories: Vec<Story>,
}
