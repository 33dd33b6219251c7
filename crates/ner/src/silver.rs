//! Self-training data: raw news tagged by a trained model, keeping only the sentences the model is
//! sure of.
//!
//! ANERcorp has 125K training tokens of news; SaudiNewsNet has 9M raw ones. Sentences whose every
//! token was decoded with a clear Viterbi margin are nearly always right, and they show the learner
//! names and contexts the gold data lacks. They are trained as their own domain (see `train.rs`), so
//! what they get wrong stays mostly in their domain-specific weights.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::Sentence;
use crate::error::NerError;
use crate::label::{BioTag, NerLabel};
use crate::tagger::NerTagger;
use isnad_doc::AnalyzedText;

/// Where and how much raw news to self-train on.
#[derive(Debug, Clone)]
pub struct SelfTrain {
    /// The SaudiNewsNet `dataset` folder (JSON inside zip files).
    pub corpus: PathBuf,
    /// Every `stride`-th article is read, so the sample spans the whole collection.
    pub stride: usize,
    /// At most this many articles.
    pub max_articles: usize,
    /// Smallest Viterbi margin (perceptron score units) every token of a kept sentence must have.
    pub min_margin: f32,
}

impl SelfTrain {
    /// The settings of the shipped model: 2,000 articles (every 15th), margin 50.
    pub fn new(corpus: PathBuf) -> Self {
        SelfTrain {
            corpus,
            stride: 15,
            max_articles: 2000,
            min_margin: 50.0,
        }
    }
}

/// What self-training kept.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SilverReport {
    /// Articles read.
    pub articles: usize,
    /// Sentences tagged.
    pub sentences: usize,
    /// Sentences kept (every token above the margin, at least one name, four tokens or more).
    pub kept: usize,
    /// Tokens kept.
    pub tokens: usize,
    /// Names kept.
    pub names: usize,
}

/// Tags the articles `st` selects with `tagger` and returns the sentences it is sure of.
///
/// # Errors
/// An unreadable corpus folder.
pub fn silver_sentences(
    tagger: &NerTagger,
    st: &SelfTrain,
) -> Result<(Vec<Sentence>, SilverReport), NerError> {
    let texts = crate::clusters::read_saudinewsnet(&st.corpus)?;
    let mut report = SilverReport::default();
    let mut out = Vec::new();
    for text in texts.iter().step_by(st.stride.max(1)).take(st.max_articles) {
        report.articles += 1;
        let doc = AnalyzedText::new(text, isnad_morph::Morphology::global());
        let pairs = doc.sentence_words();
        let decoded = tagger.decode_doc(tagger.infos(&pairs));
        for ((sent, _), (path, margins)) in pairs.iter().zip(decoded) {
            report.sentences += 1;
            let sure = margins.iter().all(|&m| m >= st.min_margin);
            let tags: Vec<BioTag> = path.into_iter().map(BioTag::from_index).collect();
            let names = tags.iter().filter(|t| matches!(t, BioTag::B(_))).count();
            if !sure || names == 0 || sent.len() < 4 {
                continue;
            }
            report.kept += 1;
            report.tokens += sent.len();
            report.names += names;
            out.push(Sentence {
                words: sent.iter().map(|w| w.to_string()).collect(),
                tags,
            });
        }
    }
    Ok((out, report))
}

/// [`silver_sentences`] written as `token TAG` lines (ANERcorp layout) to `out`, for inspection or
/// for training with [`TrainOptions::silver`](crate::TrainOptions::silver).
///
/// # Errors
/// An unreadable corpus folder or an unwritable `out`.
pub fn write_silver(
    tagger: &NerTagger,
    st: &SelfTrain,
    out: &Path,
) -> Result<SilverReport, NerError> {
    let (sents, report) = silver_sentences(tagger, st)?;
    let file = std::fs::File::create(out).map_err(|e| NerError::io(out, e))?;
    let mut w = std::io::BufWriter::new(file);
    for s in &sents {
        for (word, tag) in s.words.iter().zip(&s.tags) {
            let tag = match tag {
                BioTag::O => "O".to_string(),
                BioTag::B(l) => format!("B-{}", corpus_class(*l)),
                BioTag::I(l) => format!("I-{}", corpus_class(*l)),
            };
            writeln!(w, "{word} {tag}").map_err(|e| NerError::io(out, e))?;
        }
        writeln!(w).map_err(|e| NerError::io(out, e))?;
    }
    w.flush().map_err(|e| NerError::io(out, e))?;
    Ok(report)
}

/// ANERcorp's class names (`PERS` for persons).
fn corpus_class(l: NerLabel) -> &'static str {
    match l {
        NerLabel::Per => "PERS",
        other => other.as_str(),
    }
}
