//! Reading the compact PADT files (`w1 ... wn<TAB>t1 ... tn`) and resolving
//! multiword tokens (MWTs) against their syntactic words.

use std::path::Path;

use crate::ortho::align_parts;
use crate::{MorphError, Upos};

/// One syntactic word of the gold standard.
#[derive(Clone, Debug)]
pub(crate) struct GoldPart {
    pub form: String,
    pub upos: Upos,
}

/// One surface token with its gold syntactic words.
#[derive(Clone, Debug)]
pub(crate) struct GoldWord {
    pub surface: String,
    pub parts: Vec<GoldPart>,
    /// Surface code-point start of each part (first is 0); `None` when the
    /// MWT could not be aligned (its parts are still the gold for evaluation).
    pub starts: Option<Vec<usize>>,
}

/// One sentence.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sentence {
    pub words: Vec<GoldWord>,
}

impl Sentence {
    /// True when every MWT of the sentence was aligned (usable for training).
    pub fn fully_resolved(&self) -> bool {
        self.words.iter().all(|w| w.starts.is_some())
    }
}

/// A parsed file plus alignment statistics.
#[derive(Clone, Debug, Default)]
pub(crate) struct Corpus {
    pub sentences: Vec<Sentence>,
    pub mwts: usize,
    pub unresolved: usize,
    pub ambiguous: usize,
}

/// Reads and parses a compact PADT file.
pub(crate) fn read_corpus(path: &Path) -> Result<Corpus, MorphError> {
    let text = std::fs::read_to_string(path).map_err(|e| MorphError::io(path, e))?;
    parse_corpus(&text, path)
}

/// Parses compact PADT text (see the module doc).
pub(crate) fn parse_corpus(text: &str, path: &Path) -> Result<Corpus, MorphError> {
    let mut corpus = Corpus::default();
    for (lno, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |reason: String| MorphError::Parse {
            path: path.to_path_buf(),
            line: lno + 1,
            reason,
        };
        let (ws, ts) = line
            .split_once('\t')
            .ok_or_else(|| err("no TAB between words and tags".into()))?;
        let items: Vec<&str> = ws.split(' ').filter(|s| !s.is_empty()).collect();
        let tags: Vec<&str> = ts.split(' ').filter(|s| !s.is_empty()).collect();
        if items.len() != tags.len() {
            return Err(err(format!(
                "{} words but {} tags",
                items.len(),
                tags.len()
            )));
        }
        let mut sent = Sentence::default();
        let mut i = 0;
        while i < items.len() {
            if tags[i] != "_" {
                let upos: Upos = tags[i]
                    .parse()
                    .map_err(|e: isnad_doc::DocError| err(e.to_string()))?;
                sent.words.push(GoldWord {
                    surface: items[i].to_string(),
                    parts: vec![GoldPart {
                        form: items[i].to_string(),
                        upos,
                    }],
                    starts: Some(vec![0]),
                });
                i += 1;
                continue;
            }
            corpus.mwts += 1;
            let surface: Vec<char> = items[i].chars().collect();
            // Candidate part counts: 2..=4 following tagged items.
            let mut best: Option<(usize, Vec<usize>, u32)> = None;
            let mut ties = 0;
            let mut max_k = 0;
            for k in 2..=4 {
                if i + k >= items.len() || tags[i + 1..=i + k].contains(&"_") {
                    break;
                }
                max_k = k;
                let parts: Vec<Vec<char>> = items[i + 1..=i + k]
                    .iter()
                    .map(|p| p.chars().collect())
                    .collect();
                if let Some((starts, cost)) = align_parts(&surface, &parts) {
                    match &best {
                        Some((_, _, c)) if *c < cost => {}
                        Some((_, _, c)) if *c == cost => ties += 1,
                        _ => {
                            best = Some((k, starts, cost));
                            ties = 0;
                        }
                    }
                }
            }
            if max_k < 2 {
                // A `_` with no syntactic words after it (the data has a few literal
                // `_` tokens): keep it as one unresolved word so counts stay honest.
                corpus.unresolved += 1;
                sent.words.push(GoldWord {
                    surface: items[i].to_string(),
                    parts: vec![GoldPart {
                        form: items[i].to_string(),
                        upos: Upos::X,
                    }],
                    starts: None,
                });
                i += 1;
                continue;
            }
            let (k, starts) = match best {
                Some((k, starts, _)) => {
                    if ties > 0 {
                        corpus.ambiguous += 1;
                    }
                    (k, Some(starts))
                }
                None => {
                    corpus.unresolved += 1;
                    (guess_part_count(&surface, &items[i + 1..=i + max_k]), None)
                }
            };
            let mut parts = Vec::with_capacity(k);
            for j in 1..=k {
                let upos: Upos = tags[i + j]
                    .parse()
                    .map_err(|e: isnad_doc::DocError| err(e.to_string()))?;
                parts.push(GoldPart {
                    form: items[i + j].to_string(),
                    upos,
                });
            }
            sent.words.push(GoldWord {
                surface: items[i].to_string(),
                parts,
                starts,
            });
            i += 1 + k;
        }
        corpus.sentences.push(sent);
    }
    Ok(corpus)
}

/// For an MWT no alignment explains: the number of following items whose
/// total length is closest to the surface length (at least 2).
fn guess_part_count(surface: &[char], cands: &[&str]) -> usize {
    let mut total = 0usize;
    let mut best = (usize::MAX, 2);
    for (j, c) in cands.iter().enumerate() {
        total += c.chars().count();
        if j >= 1 {
            let d = total.abs_diff(surface.len());
            if d < best.0 {
                best = (d, j + 1);
            }
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_mwts() {
        let text = "وفي و في نيسان للاسلحة ل الأسلحة .\t_ CCONJ ADP NOUN _ ADP NOUN PUNCT\n";
        let c = parse_corpus(text, Path::new("x")).expect("parses");
        let words = &c.sentences[0].words;
        assert_eq!(words.len(), 4);
        assert_eq!(words[0].parts.len(), 2);
        assert_eq!(words[0].starts, Some(vec![0, 1]));
        assert_eq!(words[2].parts[1].form, "الأسلحة");
        assert_eq!(c.mwts, 2);
        assert_eq!(c.unresolved, 0);
    }
}
