//! isnad's learning infrastructure, written once and shared by every model it trains
//! (segmenter, tagger, NER, word clusters).
//!
//! - [`Perceptron`]: the averaged multiclass perceptron over hashed feature rows, with lazy
//!   averaging, and [`quantize`] to store its weights as `i16`.
//! - [`mix`], [`start`], [`row`]: the feature hash (a template id and a few values mixed into a
//!   row index), so inference needs no string table.
//! - [`FxBuild`] / [`FastMap`]: the one hasher of model lookup tables; [`fnv1a_extend`] is
//!   NER's feature-id hash, part of that model's format.
//! - [`XorShift`], [`SplitMix64`]: the seeded RNGs that make training reproducible byte for byte.
//! - [`codec`]: the one model-file container (magic, format version, zstd payload,
//!   bounds-checked reader).
//! - `clusters` (feature `train`): the one word-cluster builder (neighbour counts and
//!   spherical k-means).
//! - [`SequencePerceptron`]: the same averaged perceptron for sequence labelling (emission rows
//!   plus tag transitions, updated on whole sentences against a decoded sequence), which NER
//!   trains with.
#![deny(missing_docs)]

#[cfg(feature = "train")]
pub mod clusters;
pub mod codec;
mod hash;
mod logistic;
mod metrics;
mod perceptron;
mod rng;
mod sequence;

pub use codec::{CodecError, Reader, Writer};
pub use hash::{fnv1a_extend, FastMap, FxBuild, FxHasher, FNV_OFFSET};
pub use logistic::Logistic;
pub use metrics::prf;
pub use perceptron::{mix, quantize, row, start, Perceptron};
pub use rng::{SplitMix64, XorShift};
pub use sequence::SequencePerceptron;
