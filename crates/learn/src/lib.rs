//! isnad's learning infrastructure, written once and shared by every model it trains
//! (segmenter, tagger, NER, parser, relations).
//!
//! - [`Perceptron`]: the averaged multiclass perceptron over hashed feature rows, with lazy
//!   averaging, and [`quantize`] to store its weights as `i16`.
//! - [`mix`], [`start`], [`row`]: the feature hash (a template id and a few values mixed into a
//!   row index), so inference needs no string table.
//! - [`FxBuild`] / [`FastMap`]: the fast non-keyed hasher for model lookup tables.
//! - [`XorShift`]: the seeded RNG that makes training reproducible byte for byte.
//! - [`SequencePerceptron`]: the same averaged perceptron for sequence labelling (emission rows
//!   plus tag transitions, updated on whole sentences against a decoded sequence), which NER
//!   trains with.
#![deny(missing_docs)]

mod perceptron;
mod sequence;

pub use perceptron::{mix, quantize, row, start, FastMap, FxBuild, FxHasher, Perceptron, XorShift};
pub use sequence::SequencePerceptron;
