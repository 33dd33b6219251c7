//! CoNLL 2018 UAS/LAS: from gold segmentation (gold or predicted tags) and from raw text
//! (isnad's tokenizer, segmenter and tagger), with the CoNLL 2018 word alignment.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use isnad_doc::{fold_key, AnalyzedText, Segment, Upos};
use isnad_morph::{align_words, Morphology};
use serde::Serialize;

use crate::conllu::{sentence_key, Sentence};
use crate::label::universal;
use crate::model::ParseInput;
use crate::{sentence_words, Parser, SyntaxError};

/// Attachment scores.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    /// Sentences scored.
    pub sentences: usize,
    /// Gold words.
    pub gold_words: usize,
    /// System words.
    pub system_words: usize,
    /// Aligned words.
    pub aligned_words: usize,
    /// Words F1 (segmentation), percent.
    pub words_f1: f64,
    /// Aligned words whose UPOS is right.
    pub upos_correct: usize,
    /// UPOS F1, percent.
    pub upos_f1: f64,
    /// Words with the right head.
    pub uas_correct: usize,
    /// Words with the right head and universal relation.
    pub las_correct: usize,
    /// UAS F1, percent (= accuracy with gold segmentation).
    pub uas: f64,
    /// LAS F1, percent.
    pub las: f64,
    /// Seconds spent parsing (plus analysis, for raw text).
    pub seconds: f64,
}

impl Scores {
    fn finish(&mut self) {
        let d = (self.gold_words + self.system_words).max(1) as f64;
        self.words_f1 = 200.0 * self.aligned_words as f64 / d;
        self.upos_f1 = 200.0 * self.upos_correct as f64 / d;
        self.uas = 200.0 * self.uas_correct as f64 / d;
        self.las = 200.0 * self.las_correct as f64 / d;
    }
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "Metric     |  F1 Score")?;
        writeln!(f, "-----------+-----------")?;
        writeln!(f, "Words      | {:9.2}", self.words_f1)?;
        writeln!(f, "UPOS       | {:9.2}", self.upos_f1)?;
        writeln!(f, "UAS        | {:9.2}", self.uas)?;
        writeln!(f, "LAS        | {:9.2}", self.las)?;
        write!(
            f,
            "{} sentences, gold words {}, system words {}, aligned {}; {:.3} s",
            self.sentences, self.gold_words, self.system_words, self.aligned_words, self.seconds
        )
    }
}

/// A UD v2 UPOS name as isnad's tag (`X` for anything unknown).
pub fn upos_of(s: &str) -> Upos {
    s.parse().unwrap_or(Upos::X)
}

/// isnad's tagger run on the gold segmentation of a sentence (one tag per word).
pub fn predicted_tags(s: &Sentence) -> Vec<Upos> {
    let surfaces: Vec<&str> = s.tokens.iter().map(|t| t.surface.as_str()).collect();
    let mut segs: Vec<Vec<Segment>> = s
        .tokens
        .iter()
        .map(|t| {
            let mut at = 0;
            s.words[t.words.clone()]
                .iter()
                .map(|w| {
                    let len = w.bare.chars().count();
                    let seg = Segment {
                        form: w.bare.clone(),
                        start: at,
                        end: at + len,
                        kind: w.kind,
                        upos: Upos::X,
                    };
                    at += len;
                    seg
                })
                .collect()
        })
        .collect();
    Morphology::global().tag_segments(&surfaces, &mut segs);
    segs.into_iter().flatten().map(|x| x.upos).collect()
}

/// Scores the parser on gold segmentation, with isnad's predicted tags or the gold ones.
pub fn eval_gold(parser: &Parser, sents: &[Sentence], predicted: bool) -> Scores {
    let mut e = Scores::default();
    for s in sents {
        let tags: Vec<Upos> = if predicted {
            predicted_tags(s)
        } else {
            s.words.iter().map(|w| upos_of(&w.upos)).collect()
        };
        let inputs: Vec<ParseInput> = s
            .words
            .iter()
            .zip(&tags)
            .map(|(w, &upos)| ParseInput {
                form: &w.bare,
                upos,
                kind: w.kind,
            })
            .collect();
        let t0 = Instant::now();
        let arcs = parser.parse(&inputs);
        e.seconds += t0.elapsed().as_secs_f64();
        e.sentences += 1;
        for ((w, a), &u) in s.words.iter().zip(&arcs).zip(&tags) {
            e.gold_words += 1;
            e.system_words += 1;
            e.aligned_words += 1;
            e.upos_correct += usize::from(upos_of(&w.upos) == u);
            if a.head as u32 == w.head {
                e.uas_correct += 1;
                let l = parser.label_name(a.label);
                e.las_correct += usize::from(universal(l) == universal(&w.label));
            }
        }
    }
    e.finish();
    e
}

/// A word for the alignment: span in non-space characters, multiword flag, folded form.
struct AWord {
    start: usize,
    end: usize,
    mwt: bool,
    form: String,
}

/// CoNLL 2018 alignment: words with equal spans align; inside a region that a multiword token
/// covers, words align by the longest common subsequence of their (folded) forms.
fn align(gold: &[AWord], sys: &[AWord]) -> Vec<(usize, usize)> {
    let (mut gi, mut si) = (0, 0);
    let mut out = Vec::new();
    while gi < gold.len() && si < sys.len() {
        if gold[gi].mwt || sys[si].mwt {
            let (gs, ss) = (gi, si);
            let mut end = gold[gi].end.max(sys[si].end);
            loop {
                let before = (gi, si);
                while gi < gold.len() && gold[gi].start < end {
                    end = end.max(gold[gi].end);
                    gi += 1;
                }
                while si < sys.len() && sys[si].start < end {
                    end = end.max(sys[si].end);
                    si += 1;
                }
                if (gi, si) == before {
                    break;
                }
            }
            let gf: Vec<&str> = gold[gs..gi].iter().map(|w| w.form.as_str()).collect();
            let sf: Vec<&str> = sys[ss..si].iter().map(|w| w.form.as_str()).collect();
            for (s, g) in align_words(&sf, &gf) {
                out.push((gs + g, ss + s));
            }
        } else if (gold[gi].start, gold[gi].end) == (sys[si].start, sys[si].end) {
            out.push((gi, si));
            gi += 1;
            si += 1;
        } else if gold[gi].start <= sys[si].start {
            gi += 1;
        } else {
            si += 1;
        }
    }
    out
}

/// Gold words of a sentence with their spans in the non-space characters of its surface.
fn gold_words(s: &Sentence) -> Vec<AWord> {
    let mut out = Vec::new();
    let mut at = 0;
    for t in &s.tokens {
        let len = t.surface.chars().count();
        let mwt = s.multiword_tokens && t.words.len() > 1;
        let mut wat = at;
        for w in &s.words[t.words.clone()] {
            let wl = w.form.chars().count();
            let (start, end) = if mwt || t.words.len() == 1 {
                (at, at + len)
            } else {
                (wat, wat + wl)
            };
            wat += wl;
            out.push(AWord {
                start,
                end,
                mwt,
                form: fold_key(&w.bare),
            });
        }
        at += len;
    }
    out
}

/// Scores the whole pipeline from raw text: isnad tokenizes, segments, tags and parses each
/// sentence's surface text. `skip` lists sentence keys to leave out (e.g. those seen by the
/// segmenter and tagger in training).
pub fn eval_raw(parser: &Parser, sents: &[Sentence], skip: &HashSet<String>) -> Scores {
    let morph = Morphology::global();
    let mut e = Scores::default();
    for s in sents {
        if skip.contains(&sentence_key(s.words.iter().map(|w| w.bare.as_str()))) {
            continue;
        }
        let text = s.text();
        let t0 = Instant::now();
        let doc = AnalyzedText::new(&text, morph);
        let mut words = Vec::new();
        let mut heads = Vec::new();
        let mut labels = Vec::new();
        for r in &doc.sentence_tokens {
            let ws = sentence_words(&doc, r.clone());
            let inputs: Vec<ParseInput> = ws.iter().map(|w| w.input).collect();
            let base = words.len();
            for a in parser.parse(&inputs) {
                heads.push(if a.head == 0 { 0 } else { a.head + base });
                labels.push(a.label);
            }
            words.extend(ws);
        }
        e.seconds += t0.elapsed().as_secs_f64();
        // Code point → index among non-space characters.
        let mut nonspace = Vec::with_capacity(text.len() + 1);
        let mut k = 0;
        for c in text.chars() {
            nonspace.push(k);
            if !c.is_whitespace() {
                k += 1;
            }
        }
        nonspace.push(k);
        let sys: Vec<AWord> = words
            .iter()
            .map(|w| {
                let (a, b) = w.token_span;
                AWord {
                    start: nonspace[a],
                    end: nonspace[b],
                    mwt: w.multiword,
                    form: fold_key(w.input.form),
                }
            })
            .collect();
        let gold = gold_words(s);
        let pairs = align(&gold, &sys);
        let mut g_of_s = vec![usize::MAX; sys.len()];
        for &(g, si) in &pairs {
            g_of_s[si] = g;
        }
        e.sentences += 1;
        e.gold_words += gold.len();
        e.system_words += sys.len();
        e.aligned_words += pairs.len();
        for &(g, si) in &pairs {
            let gw = &s.words[g];
            e.upos_correct += usize::from(upos_of(&gw.upos) == words[si].input.upos);
            let sh = heads[si];
            let head_ok = if gw.head == 0 {
                sh == 0
            } else {
                sh > 0 && g_of_s[sh - 1] == gw.head as usize - 1
            };
            if head_ok {
                e.uas_correct += 1;
                let l = parser.label_name(labels[si]);
                e.las_correct += usize::from(universal(l) == universal(&gw.label));
            }
        }
    }
    e.finish();
    e
}

/// Keys of the sentences of a compact PADT v2 file (`words<TAB>tags`, MWT surfaces tagged `_`
/// and followed by their parts): the syntactic words, folded.
///
/// # Errors
///
/// I/O errors.
pub fn v2_sentence_keys(path: &Path) -> Result<HashSet<String>, SyntaxError> {
    let text = std::fs::read_to_string(path).map_err(|e| SyntaxError::io(path, e))?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let (w, t) = l.split_once('\t')?;
            let words = w
                .split(' ')
                .zip(t.split(' '))
                .filter(|(_, t)| *t != "_")
                .map(|(w, _)| w);
            Some(sentence_key(words))
        })
        .collect())
}
