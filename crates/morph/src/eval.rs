//! CoNLL 2018-style evaluation from raw surface tokens.
//!
//! The surface tokens are given (gold tokenization), so words are aligned
//! token by token: a token analysed as one word on both sides aligns by span;
//! otherwise the syntactic words inside the token are aligned by the longest
//! common subsequence of their forms, as `conll18_ud_eval.py` does for
//! multiword tokens.

use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::data::read_corpus;
use crate::{MorphError, Morphology, Segment};

/// Segmentation scores (CoNLL 2018 "Words").
#[derive(Clone, Debug, Default, Serialize)]
pub struct SegEval {
    /// Surface tokens evaluated.
    pub tokens: usize,
    /// Tokens whose predicted forms equal the gold forms exactly.
    pub tokens_exact: usize,
    /// Gold syntactic words.
    pub gold_words: usize,
    /// Predicted syntactic words.
    pub system_words: usize,
    /// Aligned (matching) words.
    pub aligned_words: usize,
    /// aligned / system, in percent.
    pub precision: f64,
    /// aligned / gold, in percent.
    pub recall: f64,
    /// Harmonic mean, in percent.
    pub f1: f64,
    /// Gold MWTs whose parts could not be aligned to the surface (still scored as the gold says).
    pub unresolved_mwts: usize,
    /// Wall-clock seconds spent segmenting (excludes file reading).
    pub seconds: f64,
}

/// UPOS scores over aligned words, pipeline from raw tokens.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TagEval {
    /// Gold syntactic words.
    pub gold_words: usize,
    /// Predicted syntactic words.
    pub system_words: usize,
    /// Aligned words (segmentation agreement).
    pub aligned_words: usize,
    /// Aligned words whose UPOS is right.
    pub upos_correct: usize,
    /// upos_correct / system, in percent.
    pub precision: f64,
    /// upos_correct / gold, in percent.
    pub recall: f64,
    /// Harmonic mean, in percent (the CoNLL 2018 UPOS F1).
    pub f1: f64,
    /// upos_correct / aligned, in percent.
    pub aligned_accuracy: f64,
    /// Gold MWTs whose parts could not be aligned to the surface (still scored as the gold says).
    pub unresolved_mwts: usize,
    /// Wall-clock seconds spent analysing (segmenter + tagger).
    pub seconds: f64,
}

/// The header of the CoNLL 2018 evaluation table.
const TABLE_HEAD: &str = "Metric     | Precision |    Recall |  F1 Score | AligndAcc\n\
                          -----------+-----------+-----------+-----------+-----------";

impl std::fmt::Display for SegEval {
    /// The CoNLL 2018 `Words` line plus counts and unresolved MWTs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{TABLE_HEAD}")?;
        writeln!(
            f,
            "Words      | {:9.2} | {:9.2} | {:9.2} |",
            self.precision, self.recall, self.f1
        )?;
        writeln!(
            f,
            "gold words {}, system words {}, aligned {}; tokens {} ({} fully right, {:.2}%); \
             unresolved gold MWTs {}; {:.3} s",
            self.gold_words,
            self.system_words,
            self.aligned_words,
            self.tokens,
            self.tokens_exact,
            100.0 * self.tokens_exact as f64 / self.tokens.max(1) as f64,
            self.unresolved_mwts,
            self.seconds
        )
    }
}

impl std::fmt::Display for TagEval {
    /// The CoNLL 2018 `UPOS` line (with the accuracy over aligned words) plus counts.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{TABLE_HEAD}")?;
        writeln!(
            f,
            "UPOS       | {:9.2} | {:9.2} | {:9.2} | {:9.2}",
            self.precision, self.recall, self.f1, self.aligned_accuracy
        )?;
        writeln!(
            f,
            "gold words {}, system words {}, aligned {}, UPOS right {}; unresolved gold MWTs {}; {:.3} s",
            self.gold_words,
            self.system_words,
            self.aligned_words,
            self.upos_correct,
            self.unresolved_mwts,
            self.seconds
        )
    }
}

pub(crate) fn prf(correct: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let p = 100.0 * correct as f64 / system.max(1) as f64;
    let r = 100.0 * correct as f64 / gold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Aligned index pairs of two form lists: by span when both have one word,
/// else by the longest common subsequence of the forms (the CoNLL 2018 alignment of the words
/// inside one multiword region). Public so the parser's evaluation aligns words the same way.
pub fn align_words<A: AsRef<str>, B: AsRef<str>>(sys: &[A], gold: &[B]) -> Vec<(usize, usize)> {
    if sys.len() == 1 && gold.len() == 1 {
        return vec![(0, 0)];
    }
    let (n, m) = (sys.len(), gold.len());
    let mut t = vec![0u16; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * (m + 1) + j] = if sys[i].as_ref() == gold[j].as_ref() {
                t[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if sys[i].as_ref() == gold[j].as_ref() {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// See [`crate::eval_segmenter`].
pub(crate) fn eval_segmenter(model: &Morphology, test: &Path) -> Result<SegEval, MorphError> {
    let corpus = read_corpus(test)?;
    let mut e = SegEval {
        unresolved_mwts: corpus.unresolved,
        ..SegEval::default()
    };
    let t0 = Instant::now();
    for s in &corpus.sentences {
        for w in &s.words {
            let pred: Vec<Segment> = model.segment(&w.surface);
            let sys: Vec<&str> = pred.iter().map(|p| p.form.as_str()).collect();
            let gold: Vec<&str> = w.parts.iter().map(|p| p.form.as_str()).collect();
            e.tokens += 1;
            e.tokens_exact += (sys == gold) as usize;
            e.gold_words += gold.len();
            e.system_words += sys.len();
            e.aligned_words += align_words(&sys, &gold).len();
        }
    }
    e.seconds = t0.elapsed().as_secs_f64();
    (e.precision, e.recall, e.f1) = prf(e.aligned_words, e.system_words, e.gold_words);
    Ok(e)
}

/// See [`crate::eval_tagger`].
pub(crate) fn eval_tagger(model: &Morphology, test: &Path) -> Result<TagEval, MorphError> {
    let corpus = read_corpus(test)?;
    let mut e = TagEval {
        unresolved_mwts: corpus.unresolved,
        ..TagEval::default()
    };
    let mut seconds = 0.0;
    for s in &corpus.sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.surface.as_str()).collect();
        let t0 = Instant::now();
        let pred = model.analyze(&words);
        seconds += t0.elapsed().as_secs_f64();
        for (w, p) in s.words.iter().zip(&pred) {
            let sys: Vec<&str> = p.iter().map(|x| x.form.as_str()).collect();
            let gold: Vec<&str> = w.parts.iter().map(|x| x.form.as_str()).collect();
            e.gold_words += gold.len();
            e.system_words += sys.len();
            for (i, j) in align_words(&sys, &gold) {
                e.aligned_words += 1;
                e.upos_correct += (p[i].upos == w.parts[j].upos) as usize;
            }
        }
    }
    e.seconds = seconds;
    (e.precision, e.recall, e.f1) = prf(e.upos_correct, e.system_words, e.gold_words);
    e.aligned_accuracy = 100.0 * e.upos_correct as f64 / e.aligned_words.max(1) as f64;
    Ok(e)
}

/// Tokens whose predicted forms differ from the gold: (surface, predicted, gold),
/// forms joined with `+`. For error analysis by the maintainers' tools.
pub(crate) fn segmentation_errors(
    model: &Morphology,
    test: &Path,
) -> Result<Vec<(String, String, String)>, MorphError> {
    let corpus = read_corpus(test)?;
    let mut out = Vec::new();
    for s in &corpus.sentences {
        for w in &s.words {
            let sys: Vec<String> = model
                .segment(&w.surface)
                .into_iter()
                .map(|p| p.form)
                .collect();
            let gold: Vec<&str> = w.parts.iter().map(|p| p.form.as_str()).collect();
            if sys != gold {
                out.push((w.surface.clone(), sys.join("+"), gold.join("+")));
            }
        }
    }
    Ok(out)
}

/// Aligned words whose UPOS is wrong: (form, gold, predicted), pipeline from raw tokens.
pub(crate) fn tagging_errors(
    model: &Morphology,
    test: &Path,
) -> Result<Vec<(String, crate::Upos, crate::Upos)>, MorphError> {
    let corpus = read_corpus(test)?;
    let mut out = Vec::new();
    for s in &corpus.sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.surface.as_str()).collect();
        let pred = model.analyze(&words);
        for (w, p) in s.words.iter().zip(&pred) {
            let sys: Vec<&str> = p.iter().map(|x| x.form.as_str()).collect();
            let gold: Vec<&str> = w.parts.iter().map(|x| x.form.as_str()).collect();
            for (i, j) in align_words(&sys, &gold) {
                if p[i].upos != w.parts[j].upos {
                    out.push((w.parts[j].form.clone(), w.parts[j].upos, p[i].upos));
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcs_alignment() {
        assert_eq!(
            align_words(&["ل", "الأسلحة"], &["ل", "الأسلحة"]),
            vec![(0, 0), (1, 1)]
        );
        assert_eq!(align_words(&["للاسلحة"], &["ل", "الأسلحة"]), vec![]);
        assert_eq!(align_words(&["و", "في"], &["و", "فيه"]), vec![(0, 0)]);
        assert_eq!(align_words(&["x"], &["y"]), vec![(0, 0)]);
    }
}
