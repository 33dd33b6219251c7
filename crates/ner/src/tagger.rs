//! The NER tagger: segmentation → token infos → hashed features → Viterbi, in two passes.
//!
//! Model file: the [`isnad_learn::codec`] container (magic `ISNADNER`, format version, zstd
//! payload); the payload is a u32 number of passes, each pass (see `model.rs`), then the gazetteer
//! and the label memory.

use std::sync::OnceLock;

use isnad_morph::{Segment, SegmentKind};

use crate::clusters::Clusters;
use crate::error::NerError;
use crate::features::{base_features, stack_features, token_infos, TokInfo};
use crate::gazetteer::Gazetteer;
use crate::label::{bio_chunks, BioTag, NerSpan};
use crate::memory::Memory;
use crate::model::Model;
use isnad_doc::AnalyzedText;
use isnad_learn::codec::Reader;
#[cfg(feature = "train")]
use isnad_learn::codec::Writer;

const MAGIC: &[u8; 8] = b"ISNADNER";
/// Bump when features or layout change: a stale embedded model is then rejected, not misread.
/// 5: the payload of version 4, unchanged, moved into the shared codec container.
pub(crate) const VERSION: u32 = 5;

static EMBEDDED: &[u8] = include_bytes!("../../../models/ner.bin.zst");
static EMBEDDED_WIKI: &[u8] = include_bytes!("../../../models/ner-wiki.bin.zst");

/// A trained tagger. Immutable and `Sync`: share one (see [`NerTagger::global`]) across threads.
#[derive(Debug, Clone)]
pub struct NerTagger {
    /// Pass 1 tags each sentence alone; pass 2 (optional) adds document-level evidence from pass 1.
    pub(crate) passes: Vec<Model>,
    pub(crate) gazetteer: Gazetteer,
    /// Names and word-label statistics of the training data.
    pub(crate) memory: Memory,
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

    /// The model folded for Wikipedia text (models/ner-wiki.bin.zst: the same training run, with the
    /// Wikipedia-domain weights of WikiFANE and AQMAR dev instead of the news ones), parsed once on
    /// first use. News analysis uses [`NerTagger::global`]; this one scores AQMAR.
    ///
    /// # Panics
    /// If the embedded model is corrupt or of another format version: a build defect, caught by tests.
    pub fn wikipedia() -> &'static NerTagger {
        static G: OnceLock<NerTagger> = OnceLock::new();
        G.get_or_init(|| match NerTagger::from_bytes(EMBEDDED_WIKI) {
            Ok(t) => t,
            Err(e) => {
                panic!("embedded NER model models/ner-wiki.bin.zst is unusable ({e}); retrain it")
            }
        })
    }

    /// Reads a model file written by training (`isnad train ner`; `train` with the `train` feature).
    ///
    /// # Errors
    /// [`NerError::Io`] when the file cannot be read, [`NerError::InvalidModel`] when it is not a
    /// model of this format version.
    pub fn from_file(path: &std::path::Path) -> Result<Self, NerError> {
        let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
        NerTagger::from_bytes(&bytes)
    }

    /// Loads a model from the bytes of a file written by training (see [`NerTagger::from_file`]).
    ///
    /// # Errors
    /// [`NerError::InvalidModel`] when the bytes are not a model of this format version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, NerError> {
        let mut r = Reader::open(bytes, MAGIC, VERSION, "NER")?;
        let n = r.u32()? as usize;
        if !(1..=2).contains(&n) {
            return Err(r.invalid(format!("{n} passes")).into());
        }
        let passes = (0..n)
            .map(|_| Model::read(&mut r))
            .collect::<Result<Vec<_>, _>>()?;
        let gazetteer = Gazetteer::read(&mut r)?;
        let memory = Memory::read(&mut r)?;
        Ok(NerTagger {
            passes,
            gazetteer,
            memory,
        })
    }

    /// Serializes (pruning weights below `prune`) into the model container.
    #[cfg(feature = "train")]
    pub(crate) fn to_bytes(&self, prune: f32) -> Result<Vec<u8>, NerError> {
        let mut w = Writer::default();
        w.buf.reserve(4 << 20);
        w.u32(self.passes.len() as u32);
        for m in &self.passes {
            m.write(prune, &mut w);
        }
        self.gazetteer.write(&mut w);
        self.memory.write(&mut w);
        Ok(w.finish(MAGIC, VERSION)?)
    }

    /// Token infos of each sentence of a document.
    pub(crate) fn infos(&self, sents: &[(Vec<&str>, &[Vec<Segment>])]) -> Vec<Vec<TokInfo>> {
        self.infos_with(sents, Clusters::global())
    }

    /// Token infos of each sentence, with the given clusters.
    pub(crate) fn infos_with(
        &self,
        sents: &[(Vec<&str>, &[Vec<Segment>])],
        clusters: &Clusters,
    ) -> Vec<Vec<TokInfo>> {
        sents
            .iter()
            .map(|(w, s)| {
                let mut infos = token_infos(w, s, clusters, &self.gazetteer);
                self.memory.fill(&mut infos);
                infos
            })
            .collect()
    }

    /// Runs all passes over a document's sentences: tag indices and margins per sentence.
    pub(crate) fn decode_doc(&self, mut infos: Vec<Vec<TokInfo>>) -> Vec<(Vec<usize>, Vec<f32>)> {
        // First-pass features are computed once and reused by the second pass, which only appends
        // its document-evidence features.
        let base: Vec<Vec<Vec<u64>>> = infos
            .iter()
            .map(|s| {
                (0..s.len())
                    .map(|i| {
                        let mut f = Vec::with_capacity(96);
                        base_features(s, i, &mut f);
                        f
                    })
                    .collect()
            })
            .collect();
        let mut out: Vec<(Vec<usize>, Vec<f32>)> = base
            .iter()
            .map(|b| self.passes[0].decode_with(b.len(), |i, f| f.extend_from_slice(&b[i])))
            .collect();
        if let Some(second) = self.passes.get(1) {
            let paths: Vec<Vec<usize>> = out.iter().map(|o| o.0.clone()).collect();
            crate::stack::apply(&mut infos, &paths);
            out = infos
                .iter()
                .zip(&base)
                .map(|(s, b)| {
                    second.decode_with(s.len(), |i, f| {
                        f.extend_from_slice(&b[i]);
                        stack_features(s, i, f);
                    })
                })
                .collect();
        }
        crate::propagate::propagate(&infos, &mut out);
        out
    }

    /// Tags the sentences of one document (pre-tokenized words), using the other sentences as context
    /// for repeated names. This is how corpora are evaluated.
    pub fn tag_sentences(&self, sents: &[Vec<&str>]) -> Vec<Vec<BioTag>> {
        let segs: Vec<Vec<Vec<Segment>>> = sents.iter().map(|w| segment_words(w)).collect();
        let pairs: Vec<(Vec<&str>, &[Vec<Segment>])> = sents
            .iter()
            .zip(&segs)
            .map(|(w, s)| (w.clone(), s.as_slice()))
            .collect();
        self.decode_doc(self.infos(&pairs))
            .into_iter()
            .map(|(p, _)| p.into_iter().map(BioTag::from_index).collect())
            .collect()
    }

    /// Tags pre-tokenized words (one sentence, no document context) with BIO tags.
    pub fn tag_words(&self, words: &[&str]) -> Vec<BioTag> {
        self.tag_sentences(&[words.to_vec()])
            .pop()
            .unwrap_or_default()
    }

    /// Recognizes entity mentions in an analyzed document. Offsets are code points into `doc.text`;
    /// a mention starts at the stem of its first token and ends at the stem end of its last token, so
    /// attached clitics (و، ب، ل، ف، ك and pronoun suffixes) stay outside; the article ال is part of
    /// the stem and stays inside («بالقاهرة» → «القاهرة»).
    pub fn recognize(&self, doc: &AnalyzedText) -> Vec<NerSpan> {
        self.recognize_with(doc, Clusters::global())
    }

    /// [`NerTagger::recognize`] with the word clusters the model was trained with passed in (a
    /// retrained model comes with its own `clusters.bin.zst`; the caller owns both).
    pub fn recognize_with(&self, doc: &AnalyzedText, clusters: &Clusters) -> Vec<NerSpan> {
        let decoded = self.decode_doc(self.infos_with(&doc.sentence_words(), clusters));
        let mut out = Vec::new();
        for (range, (path, margins)) in doc.sentence_tokens.iter().zip(decoded) {
            let tags: Vec<BioTag> = path.into_iter().map(BioTag::from_index).collect();
            for (s, e, label) in bio_chunks(&tags) {
                let start = stem_bounds(doc, range.start + s).0;
                let end = stem_bounds(doc, range.start + e - 1).1;
                let m = margins[s..e].iter().copied().fold(f32::INFINITY, f32::min);
                // Margins are in perceptron score units (typically tens); 25 maps a clear win to ~0.9.
                let score = 1.0 / (1.0 + (-m / 25.0).exp());
                if start < end {
                    out.push(NerSpan {
                        start,
                        end,
                        label,
                        score,
                    });
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

#[cfg(test)]
mod debug_tests {
    use super::*;
    use crate::features::token_infos;

    #[test]
    #[ignore]
    fn print_infos() {
        let words = [
            "كما",
            "طلب",
            "من",
            "الرئيس",
            "لحود",
            "التدخل",
            "وبأفريقيا",
            "عرفات",
            "الروسي",
            "كافلنيكوف",
        ];
        let segs = segment_words(&words);
        let infos = token_infos(&words, &segs, Clusters::global(), &Gazetteer::default());
        for (w, (i, s)) in words.iter().zip(infos.iter().zip(&segs)) {
            eprintln!("{w}: stem={} bare={} procl={} art={} upos={} shape={} cl={:?} cls={:?} freq={} trig={} segs={:?}", i.stem, i.bare, i.procl, i.article, i.upos, i.shape as char, i.cl, i.cl_surf, i.freq, i.trig, s.iter().map(|x| (x.form.as_str(), x.start, x.end, x.upos.as_str())).collect::<Vec<_>>());
        }
    }
}
