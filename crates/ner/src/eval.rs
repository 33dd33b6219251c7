//! Exact-span evaluation as conlleval computes it (micro precision/recall/F1 plus per type).

use std::path::Path;

use serde::Serialize;

use crate::corpus::{read_corpus, CorpusFormat, Sentence};
use crate::error::NerError;
use crate::label::{bio_chunks, BioTag, NerLabel};
use crate::tagger::NerTagger;

/// Precision, recall and F1 (in percent) with counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Correct spans / predicted spans × 100.
    pub precision: f64,
    /// Correct spans / gold spans × 100.
    pub recall: f64,
    /// Harmonic mean × 100.
    pub f1: f64,
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Exactly matching spans.
    pub correct: usize,
}

impl Prf {
    fn new(correct: usize, predicted: usize, gold: usize) -> Prf {
        let (p, r, f) = isnad_learn::prf(correct, predicted, correct, gold);
        let (p, r, f) = (100.0 * p, 100.0 * r, 100.0 * f);
        Prf {
            precision: p,
            recall: r,
            f1: f,
            gold,
            predicted,
            correct,
        }
    }
}

/// Evaluation result.
#[derive(Debug, Clone, Serialize)]
pub struct NerEval {
    /// Micro-averaged over all types.
    pub micro: Prf,
    /// Per type, in PER, ORG, LOC, MISC order.
    pub per_type: Vec<(NerLabel, Prf)>,
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens whose predicted tag equals the gold tag, in percent (conlleval's "accuracy").
    pub accuracy: f64,
}

/// conlleval's report layout: a summary line, the micro scores, then one line per type
/// (the count at the end of a type line is the number of predicted spans, as in conlleval).
impl std::fmt::Display for NerEval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = &self.micro;
        writeln!(
            f,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, m.gold, m.predicted, m.correct
        )?;
        writeln!(
            f,
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            self.accuracy, m.precision, m.recall, m.f1
        )?;
        for (l, p) in &self.per_type {
            writeln!(
                f,
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
                l.as_str(),
                p.precision,
                p.recall,
                p.f1,
                p.predicted
            )?;
        }
        Ok(())
    }
}

/// Scores predicted tag sequences against gold ones.
pub fn score(gold: &[Vec<BioTag>], pred: &[Vec<BioTag>]) -> NerEval {
    let mut c = [[0usize; 3]; 4]; // per label: correct, predicted, gold
    let (mut tokens, mut same) = (0, 0);
    for (g, p) in gold.iter().zip(pred) {
        tokens += g.len();
        same += g.iter().zip(p).filter(|(a, b)| a == b).count();
        let gc = bio_chunks(g);
        let pc = bio_chunks(p);
        for x in &gc {
            c[x.2.index()][2] += 1;
        }
        for x in &pc {
            c[x.2.index()][1] += 1;
            if gc.contains(x) {
                c[x.2.index()][0] += 1;
            }
        }
    }
    let tot = |k: usize| c.iter().map(|r| r[k]).sum::<usize>();
    NerEval {
        micro: Prf::new(tot(0), tot(1), tot(2)),
        per_type: NerLabel::ALL
            .iter()
            .map(|&l| {
                (
                    l,
                    Prf::new(c[l.index()][0], c[l.index()][1], c[l.index()][2]),
                )
            })
            .collect(),
        sentences: gold.len(),
        tokens,
        accuracy: if tokens > 0 {
            100.0 * same as f64 / tokens as f64
        } else {
            0.0
        },
    }
}

/// Tags gold sentences with `tagger` (as one running document, so repeated names share evidence) and
/// scores them.
pub fn eval_sentences(tagger: &NerTagger, sents: &[Sentence]) -> NerEval {
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let pred = tagger.tag_sentences(&words);
    let gold: Vec<Vec<BioTag>> = sents.iter().map(|s| s.tags.clone()).collect();
    score(&gold, &pred)
}

/// Evaluates `tagger` on a test corpus (a file, or for AQMAR the articles directory).
///
/// # Errors
/// Fails when the test file cannot be read or holds no sentences.
pub fn eval(tagger: &NerTagger, test: &Path, format: CorpusFormat) -> Result<NerEval, NerError> {
    let sents = read_corpus(test, format)?;
    Ok(eval_sentences(tagger, &sents))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_span_scoring() {
        use BioTag::*;
        use NerLabel::*;
        let gold = vec![vec![B(Per), I(Per), O, B(Loc)]];
        let pred = vec![vec![B(Per), O, O, B(Loc)]];
        let e = score(&gold, &pred);
        assert_eq!(
            (e.micro.correct, e.micro.predicted, e.micro.gold),
            (1, 2, 2)
        );
        assert!((e.micro.f1 - 50.0).abs() < 1e-9);
        assert!((e.accuracy - 75.0).abs() < 1e-9);
        let report = e.to_string();
        assert!(
            report.starts_with("processed 4 tokens with 2 phrases; found: 2 phrases; correct: 1.")
        );
        assert!(report.contains("precision:  50.00%; recall:  50.00%; FB1:  50.00"));
        assert!(report
            .contains("              PER: precision:   0.00%; recall:   0.00%; FB1:   0.00  1"));
        assert!(report
            .contains("              LOC: precision: 100.00%; recall: 100.00%; FB1: 100.00  1"));
    }
}
