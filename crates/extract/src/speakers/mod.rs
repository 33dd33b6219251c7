//! Quote speakers, learned: a ranker over the candidate speakers of each quote.
//!
//! The rules of `quotes.rs` find each quote and propose a speaker. On news they were not
//! written for, that proposal is often the wrong person: a continuation cue («وأضاف») after
//! another actor was named, a title that refers back to a person named sentences earlier, a
//! speaker named after the quote. The ranker scores every person and organization named near
//! the quote (and the previous quote's speaker, and "none") with an averaged perceptron trained
//! on annotated articles (`isnad train speakers`), the rules' choice being one of its features.
//! Without a model the rules decide alone.

mod candidates;
#[cfg(feature = "train")]
mod train;

use std::sync::OnceLock;

use isnad_learn::{CodecError, Reader, Writer};

use crate::doc::Doc;
use crate::quotes::Found;
use candidates::{candidates, History, BITS};

#[cfg(feature = "train")]
pub use train::{train_speakers, SpeakerDoc, SpeakerOptions, SpeakerReport, SpeakerTarget};

const MAGIC: &[u8; 8] = b"ISNADSPK";
/// Bump when the feature templates or the payload layout change.
const VERSION: u32 = 2;

/// The embedded model (`models/speakers.bin`); empty until one has been trained.
static EMBEDDED: &[u8] = include_bytes!("../../../../models/speakers.bin");

/// A trained speaker ranker: one weight per hashed feature row.
#[derive(Clone)]
pub struct SpeakerModel {
    weights: Vec<f32>,
}

impl std::fmt::Debug for SpeakerModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpeakerModel")
            .field("rows", &self.weights.len())
            .finish()
    }
}

impl SpeakerModel {
    /// The model embedded in the build, loaded once; `None` when the build carries none.
    ///
    /// # Panics
    ///
    /// Panics if the embedded model is corrupt or of another format version, which is a build
    /// error (the crate's tests catch it).
    pub fn global() -> Option<&'static SpeakerModel> {
        static GLOBAL: OnceLock<Option<SpeakerModel>> = OnceLock::new();
        GLOBAL
            .get_or_init(|| {
                (!EMBEDDED.is_empty()).then(|| {
                    SpeakerModel::from_bytes(EMBEDDED).expect(
                        "embedded speaker model is valid (rebuild it with `isnad train speakers`)",
                    )
                })
            })
            .as_ref()
    }

    /// Reads a model written by [`SpeakerModel::to_bytes`].
    ///
    /// # Errors
    ///
    /// A [`CodecError`] when the bytes are not a speaker model of this format version.
    pub fn from_bytes(bytes: &[u8]) -> Result<SpeakerModel, CodecError> {
        let mut r = Reader::open(bytes, MAGIC, VERSION, "speaker")?;
        let bits = r.u32()?;
        if bits != BITS {
            return Err(r.invalid(format!("{bits} feature bits, this build uses {BITS}")));
        }
        let scale = r.f32()?;
        if !(scale.is_finite() && scale > 0.0) {
            return Err(r.invalid("bad weight scale"));
        }
        let q = r.i16s()?;
        if q.len() != 1 << BITS {
            return Err(r.invalid("weight table of the wrong size"));
        }
        Ok(SpeakerModel {
            weights: q.iter().map(|&w| w as f32 / scale).collect(),
        })
    }

    /// Reads a model file.
    ///
    /// # Errors
    ///
    /// [`SpeakerModelError`] when the file cannot be read or is not a speaker model.
    pub fn from_file(path: &std::path::Path) -> Result<SpeakerModel, SpeakerModelError> {
        let bytes = std::fs::read(path)?;
        Ok(SpeakerModel::from_bytes(&bytes)?)
    }

    /// The model file: the weights quantized to `i16` in the one codec of `isnad-learn`.
    ///
    /// # Errors
    ///
    /// A [`CodecError`] when compression fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>, CodecError> {
        let (q, scale) = isnad_learn::quantize(&self.weights);
        let mut w = Writer::default();
        w.u32(BITS);
        w.f32(scale);
        w.i16s(&q);
        w.finish(MAGIC, VERSION)
    }

    fn score(&self, rows: &[usize]) -> f32 {
        rows.iter().map(|&r| self.weights[r]).sum()
    }
}

/// Why a speaker model file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SpeakerModelError {
    /// The file could not be read.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The file is not a speaker model of this build's format.
    #[error(transparent)]
    Codec(#[from] CodecError),
}

/// Index of the best candidate; ties go to the earliest, and the rules' choice comes first.
fn best(scores: &[f32]) -> usize {
    let mut b = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[b] {
            b = i;
        }
    }
    b
}

/// Replaces the rules' speaker of every quote with the model's choice, in text order (each
/// decision is the next quote's "previous speaker").
pub(crate) fn rerank(doc: &Doc<'_>, found: &mut [Found], model: &SpeakerModel) {
    let mut history = History::default();
    for q in found.iter_mut() {
        let mut cands = candidates(doc, q, &history);
        // The rules' choice first, so that a tie keeps it.
        if let Some(i) = cands.iter().position(|c| c.actor == q.speaker) {
            cands.swap(0, i);
        }
        let scores: Vec<f32> = cands.iter().map(|c| model.score(&c.rows)).collect();
        let pick = &cands[best(&scores)];
        if pick.actor != q.speaker {
            q.speaker_text = match pick.actor {
                Some(a) if pick.text.is_empty() => doc.actors[a].name.clone(),
                Some(_) => pick.text.clone(),
                None => String::new(),
            };
            q.speaker = pick.actor;
        }
        if let Some(a) = q.speaker {
            q.via.retain(|&v| v != a);
        }
        history.push(q.speaker, q.end);
    }
}
