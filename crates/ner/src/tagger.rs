//! The NER tagger: segmentation → token infos → hashed features → Viterbi.

use std::sync::OnceLock;

use crate::clusters::Clusters;
use isnad_morph::{Segment, SegmentKind};

use crate::doc::AnalyzedText;
use crate::error::NerError;
use crate::features::{features, token_infos};
use crate::label::{bio_chunks, BioTag, NerSpan, NUM_TAGS};
use crate::model::Model;

static EMBEDDED: &[u8] = include_bytes!("../../../models/ner.bin.zst");

/// A trained tagger. Immutable and `Sync`: share one (see [`NerTagger::global`]) across threads.
#[derive(Debug, Clone)]
pub struct NerTagger {
    pub(crate) model: Model,
}

/// Segments and POS-tags pre-tokenized words (one sentence) with the morphology model.
pub(crate) fn segment_words(words: &[&str]) -> Vec<Vec<Segment>> {
    isnad_morph::Morphology::global().analyze(words)
}
impl NerTagger {
    /// The model embedded in the binary (models/ner.bin.zst), parsed once on first use.
    ///
    /// # Panics
    /// If the embedded model is corrupt or of another format version: a build defect, caught by tests.
    pub fn global() -> &'static NerTagger {
        static G: OnceLock<NerTagger> = OnceLock::new();
        G.get_or_init(|| match NerTagger::from_bytes(EMBEDDED) {
            Ok(t) => t,
            Err(e) => panic!("embedded NER model models/ner.bin.zst is unusable ({e}); retrain it"),
        })
    }

    /// Loads a model file written by [`train`](crate::train).
    ///
    /// # Errors
    /// [`NerError::InvalidModel`] when the bytes are not a model of this format version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, NerError> {
        Ok(NerTagger { model: Model::from_bytes(bytes)? })
    }

    /// Best tags and per-token margins for one sentence.
    pub(crate) fn decode(&self, words: &[&str], segs: &[Vec<Segment>]) -> (Vec<usize>, Vec<f32>) {
        let infos = token_infos(words, segs, Clusters::global(), &self.model.gazetteer);
        let mut em = vec![[0f32; NUM_TAGS]; infos.len()];
        let mut feats = Vec::with_capacity(96);
        for (i, e) in em.iter_mut().enumerate() {
            features(&infos, i, &mut feats);
            self.model.emissions(&feats, e);
        }
        self.model.viterbi(&em)
    }

    /// Tags pre-tokenized words (one sentence) with BIO tags, e.g. for corpus evaluation.
    pub fn tag_words(&self, words: &[&str]) -> Vec<BioTag> {
        let segs = segment_words(words);
        self.decode(words, &segs).0.into_iter().map(BioTag::from_index).collect()
    }

    /// Recognizes entity mentions in an analyzed document. Offsets are code points into `doc.text`;
    /// a mention starts at the stem of its first token and ends at the stem end of its last token, so
    /// attached clitics («و»، «ب»، «ل»، «ال» and pronoun suffixes) stay outside.
    pub fn recognize(&self, doc: &AnalyzedText) -> Vec<NerSpan> {
        let mut out = Vec::new();
        for range in &doc.sentence_tokens {
            let words: Vec<&str> = range.clone().map(|i| doc.token_str(i)).collect();
            let segs = &doc.segments[range.clone()];
            let (path, margins) = self.decode(&words, segs);
            let tags: Vec<BioTag> = path.into_iter().map(BioTag::from_index).collect();
            for (s, e, label) in bio_chunks(&tags) {
                let first = range.start + s;
                let last = range.start + e - 1;
                let start = stem_bounds(doc, first).0;
                let end = stem_bounds(doc, last).1;
                let m = margins[s..e].iter().copied().fold(f32::INFINITY, f32::min);
                let score = 1.0 / (1.0 + (-m).exp());
                if start < end {
                    out.push(NerSpan { start, end, label, score });
                }
            }
        }
        out
    }
}

/// Code-point bounds of token `i`'s stem (the whole token when it has no segments).
fn stem_bounds(doc: &AnalyzedText, i: usize) -> (usize, usize) {
    let t = &doc.tokens[i];
    doc.segments[i]
        .iter()
        .find(|s| s.kind == SegmentKind::Stem)
        .map(|s| (s.start, s.end))
        .unwrap_or((t.start, t.end))
}
