//! Training of the segmenter: lexical tables and memorised analyses from PADT
//! train, then the perceptron passes tuned on dev (feature `train`).

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use super::*;
use crate::data::{read_corpus, Corpus, GoldWord};
use crate::TrainReport;

const EPOCHS: usize = 14;

/// Rules allowed to fire on a tie (no lexicon evidence either way): the
/// ى rules are too ambiguous (زوايا, حلي) to restore blindly.
const TIE_RULES: u8 = RULE_TA | RULE_LAM | RULE_WAW | RULE_HAMZA;

/// True for letters that carry or are a hamza.
fn has_hamza(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, 'أ' | 'إ' | 'آ' | 'ؤ' | 'ئ' | 'ء'))
}
use isnad_learn::{quantize, Perceptron, XorShift};

fn most_frequent<K: Clone + Ord>(m: &HashMap<K, u32>) -> Option<(K, u32)> {
    // Ties broken by key order so that training is reproducible.
    m.iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, v)| (k.clone(), *v))
}

/// Training statistics for tables, collected from resolved gold words.
/// Counts of the distinct gold analyses (starts, forms) of one surface word.
type AnalysisCounts = HashMap<(Vec<usize>, Vec<String>), u32>;
/// Surface word → (its most frequent analysis, how often the word was seen).
type MemoCandidates = HashMap<String, (Analysis, u32)>;

/// Builds the lexical tables (everything but the weights and the memo) and
/// the memo candidates.
fn build_tables(corpus: &Corpus) -> (Segmenter, MemoCandidates) {
    let mut lex: FastMap<String, u32> = FastMap::default();
    let mut analyses: HashMap<String, AnalysisCounts> = HashMap::new();
    let mut restore: HashMap<(String, u8), HashMap<String, u32>> = HashMap::new();
    let mut spelled: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let mut tags: HashMap<String, HashMap<Upos, u32>> = HashMap::new();
    // Per rule: (pieces it could apply to, pieces gold restored that way).
    let mut rule_stats = [(0u32, 0u32); 6];
    for s in &corpus.sentences {
        for w in &s.words {
            if w.parts.len() == 1 && has_hamza(&w.surface) {
                // Hamza spellings of running text back up the MWT-part spellings.
                *spelled
                    .entry(crate::ortho::fold(&w.surface))
                    .or_default()
                    .entry(w.surface.clone())
                    .or_default() += 1;
            }
            for p in &w.parts {
                *lex.entry(crate::ortho::fold(&p.form)).or_default() += 1;
                *tags
                    .entry(p.form.clone())
                    .or_default()
                    .entry(p.upos)
                    .or_default() += 1;
            }
            let Some(starts) = &w.starts else { continue };
            let forms: Vec<String> = w.parts.iter().map(|p| p.form.clone()).collect();
            *analyses
                .entry(w.surface.clone())
                .or_default()
                .entry((starts.clone(), forms))
                .or_default() += 1;
            if w.parts.len() > 1 {
                let chars: Vec<char> = w.surface.chars().collect();
                for (j, p) in w.parts.iter().enumerate() {
                    let end = starts.get(j + 1).copied().unwrap_or(chars.len());
                    let piece: String = chars[starts[j]..end].iter().collect();
                    let ctx = piece_ctx(&chars, starts, j);
                    for (rule, cand) in rule_candidates(&piece, ctx) {
                        let k = rule.trailing_zeros() as usize;
                        rule_stats[k].0 += 1;
                        rule_stats[k].1 +=
                            (crate::ortho::fold(&cand) == crate::ortho::fold(&p.form)) as u32;
                    }
                    *restore
                        .entry((piece, ctx))
                        .or_default()
                        .entry(p.form.clone())
                        .or_default() += 1;
                    *spelled
                        .entry(crate::ortho::fold(&p.form))
                        .or_default()
                        .entry(p.form.clone())
                        .or_default() += 100;
                }
            }
        }
    }
    let memo = analyses
        .into_iter()
        .filter_map(|(k, m)| {
            let total: u32 = m.values().sum();
            most_frequent(&m).map(|((starts, forms), _)| (k, Analysis { starts, forms }, total))
        })
        .map(|(k, a, total)| (k, (a, total)))
        .collect::<MemoCandidates>();
    let seg = Segmenter {
        weights: vec![0; 1 << BITS],
        lex,
        seen: FastMap::default(),
        memo: FastMap::default(),
        restore: restore
            .into_iter()
            .filter_map(|(k, m)| most_frequent(&m).map(|(f, _)| (k, f)))
            .collect(),
        spelled: spelled
            .into_iter()
            .filter_map(|(k, m)| most_frequent(&m).map(|(f, _)| (k, f)))
            .collect(),
        unigram: tags
            .into_iter()
            .filter_map(|(k, m)| most_frequent(&m).map(|(t, _)| (k, t)))
            .collect(),
        defaults: rule_stats
            .iter()
            .enumerate()
            .filter(|(_, (n, k))| 2 * k > *n)
            .fold(0u8, |acc, (i, _)| acc | 1 << i)
            & TIE_RULES,
    };
    (seg, memo)
}

/// Keeps memorised words seen at least `min` times.
fn memo_with_min(all: &MemoCandidates, min: u32) -> FastMap<String, Analysis> {
    all.iter()
        .filter(|(_, (_, c))| *c >= min)
        .map(|(w, (a, _))| (w.clone(), a.clone()))
        .collect()
}

/// Folds of the jackknifed `seen` feature.
const FOLDS: usize = 5;

/// Number of analyses and the most frequent boundaries among them.
fn majority<'a>(it: impl Iterator<Item = &'a [usize]>) -> Option<(u32, Vec<usize>)> {
    let mut counts: FastMap<&[usize], u32> = FastMap::default();
    let mut total = 0;
    for s in it {
        *counts.entry(s).or_default() += 1;
        total += 1;
    }
    let best = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
    Some((total, best.0.to_vec()))
}

/// One training example: a resolved word of at least two Arabic letters.
struct Example<'a> {
    word: &'a GoldWord,
    exclude: Vec<String>,
    /// Jackknifed `seen` (other folds only).
    seen: Option<(u32, Vec<usize>)>,
}

/// Fraction of resolved `words` whose predicted boundaries and forms are all right.
fn word_accuracy(seg: &Segmenter, words: &[&GoldWord]) -> f64 {
    let mut sc = Scratch::default();
    let mut ok = 0usize;
    for w in words {
        let pred = seg.segment_with(&w.surface, &mut sc);
        if pred.len() == w.parts.len() && pred.iter().zip(&w.parts).all(|(a, b)| a.form == b.form) {
            ok += 1;
        }
    }
    ok as f64 / words.len().max(1) as f64
}

/// Trains the segmenter; see [`crate::train_segmenter`].
pub(crate) fn train(
    train: &Path,
    dev: &Path,
    seed: u64,
    out: &Path,
) -> Result<TrainReport, MorphError> {
    let t0 = Instant::now();
    let corpus = read_corpus(train)?;
    let dev_c = read_corpus(dev)?;
    let seg = train_corpus(&corpus, &dev_c, seed, EPOCHS)?;
    let bytes = seg.0.to_bytes()?;
    std::fs::write(out, &bytes).map_err(|e| MorphError::io(out, e))?;
    Ok(TrainReport {
        model_bytes: bytes.len(),
        seconds: t0.elapsed().as_secs_f64(),
        ..seg.1
    })
}

/// Trains on an in-memory corpus; returns the model and a partial report.
pub(crate) fn train_corpus(
    corpus: &Corpus,
    dev: &Corpus,
    seed: u64,
    epochs: usize,
) -> Result<(Segmenter, TrainReport), MorphError> {
    let resolved: Vec<&crate::data::Sentence> = corpus
        .sentences
        .iter()
        .filter(|s| s.fully_resolved())
        .collect();
    let (mut tables, all_memo) = build_tables(corpus);
    // Occurrences of each surface word by fold, for the jackknifed `seen` feature.
    let mut occ: FastMap<&str, Vec<(usize, &[usize])>> = FastMap::default();
    for (si, s) in resolved.iter().enumerate() {
        for w in &s.words {
            if let Some(st) = &w.starts {
                occ.entry(w.surface.as_str())
                    .or_default()
                    .push((si % FOLDS, st));
            }
        }
    }
    tables.seen = occ
        .iter()
        .filter_map(|(w, v)| majority(v.iter().map(|(_, s)| *s)).map(|m| (w.to_string(), m)))
        .collect();
    let mut examples: Vec<Example> = Vec::new();
    for (si, s) in resolved.iter().enumerate() {
        for w in &s.words {
            let n = w.surface.chars().count();
            if n >= 2 && w.surface.chars().all(is_arabic_letter) {
                examples.push(Example {
                    word: w,
                    exclude: w
                        .parts
                        .iter()
                        .map(|p| crate::ortho::fold(&p.form))
                        .collect(),
                    seen: occ.get(w.surface.as_str()).and_then(|v| {
                        majority(v.iter().filter(|(f, _)| *f != si % FOLDS).map(|(_, s)| *s))
                    }),
                });
            }
        }
    }
    if examples.is_empty() {
        return Err(MorphError::EmptyData(std::path::PathBuf::from("train")));
    }
    let dev_words: Vec<&GoldWord> = dev
        .sentences
        .iter()
        .flat_map(|s| s.words.iter())
        .filter(|w| w.starts.is_some())
        .collect();
    let mut p = Perceptron::new(BITS, 2);
    let mut rng = XorShift::new(seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut sc = Scratch::default();
    let mut scores = [0f32; 2];
    let mut best: (f64, usize, Vec<i16>) = (-1.0, 0, Vec::new());
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &ei in &order {
            let ex = &examples[ei];
            let starts = ex.word.starts.as_deref().unwrap_or(&[0]);
            sc.chars.clear();
            sc.chars.extend(ex.word.surface.chars());
            sc.folded.clear();
            sc.folded
                .extend(sc.chars.iter().map(|&c| fold_char(c).unwrap_or(c)));
            for i in 1..sc.chars.len() {
                let seen = ex.seen.as_ref().map(|(n, s)| (*n, s.as_slice()));
                features(&tables.lex, &mut sc, i, &ex.exclude, seen);
                p.scores(&sc.rows, &mut scores);
                let gold = starts.contains(&i) as usize;
                let pred = (scores[1] > scores[0]) as usize;
                if pred != gold {
                    p.update(&sc.rows, gold, pred, 1.0);
                }
                p.tick();
            }
        }
        let avg = p.averaged();
        let diff: Vec<f32> = avg.chunks_exact(2).map(|c| c[1] - c[0]).collect();
        let (q, _) = quantize(&diff);
        tables.weights = q;
        // Model-only accuracy on dev (no memo) picks the epoch.
        let acc = word_accuracy(&tables, &dev_words);
        if acc > best.0 {
            best = (acc, epoch + 1, tables.weights.clone());
        }
    }
    tables.weights = best.2;
    // Tune how often a word must have been seen before its memorised analysis wins.
    let mut best_min = (word_accuracy(&tables, &dev_words), u32::MAX);
    for min in [1, 2, 3, 5] {
        tables.set_memo(memo_with_min(&all_memo, min));
        let acc = word_accuracy(&tables, &dev_words);
        if acc > best_min.0 {
            best_min = (acc, min);
        }
    }
    tables.set_memo(memo_with_min(&all_memo, best_min.1));
    Ok((
        tables,
        TrainReport {
            train_sentences: resolved.len(),
            skipped_sentences: corpus.sentences.len() - resolved.len(),
            mwts: corpus.mwts,
            unresolved_mwts: corpus.unresolved,
            ambiguous_mwts: corpus.ambiguous,
            epochs,
            best_epoch: best.1,
            dev_score: best_min.0,
            memo_min_count: best_min.1,
            model_bytes: 0,
            seconds: 0.0,
            ..TrainReport::default()
        },
    ))
}
