//! Reading the UD treebanks: CoNLL-U sentences, PADT v1's labels mapped to UD v2, surface
//! tokens (reconstructed for PADT v1, which has none), and the documented train/held-out split.

use std::ops::Range;
use std::path::Path;

use isnad_doc::{fold_key, is_mark, SegmentKind};

use crate::label::{upos_v1_to_v2, v1_to_v2};
use crate::SyntaxError;

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug)]
pub struct Word {
    /// The form as written in the file (vocalized in PADT v1).
    pub form: String,
    /// The form without diacritics (hamza and ta marbuta kept): what isnad's tagger reads.
    pub bare: String,
    /// Gold UPOS (UD v2 name).
    pub upos: String,
    /// Gold head (0 = root).
    pub head: u32,
    /// Gold relation (UD v2 name).
    pub label: String,
    /// Where the word sits in its surface token.
    pub kind: SegmentKind,
}

/// A surface token: one or more words written together.
#[derive(Clone, Debug)]
pub struct Token {
    /// Its words.
    pub words: Range<usize>,
    /// The surface string.
    pub surface: String,
}

/// A treebank sentence.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// The document it comes from (whole documents are held out).
    pub doc: String,
    /// Its words.
    pub words: Vec<Word>,
    /// Its surface tokens, covering the words in order.
    pub tokens: Vec<Token>,
    /// Whether a token of several words is a CoNLL 2018 multiword token. False for PUD, whose
    /// words are written with `SpaceAfter=No` and so keep their own character spans.
    pub multiword_tokens: bool,
}

impl Sentence {
    /// The surface text: tokens joined by single spaces.
    pub fn text(&self) -> String {
        let v: Vec<&str> = self.tokens.iter().map(|t| t.surface.as_str()).collect();
        v.join(" ")
    }

    /// Gold heads with index 0 for the root slot (`heads[i]` is the head of word `i`, 1-based).
    pub fn heads(&self) -> Vec<u32> {
        std::iter::once(0)
            .chain(self.words.iter().map(|w| w.head))
            .collect()
    }
}

/// Which annotation a file carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    /// PADT v1 (2016): vocalized forms, UD v1 labels, no multiword tokens or spacing.
    PadtV1,
    /// A UD v2 file with `SpaceAfter=No` (e.g. PUD).
    UdV2,
}

/// Raw columns of one word line.
struct Raw {
    form: String,
    upos: String,
    xpos: String,
    head: u32,
    label: String,
    space_after: bool,
}

/// Reads a CoNLL-U file.
///
/// # Errors
///
/// I/O errors and malformed word lines.
pub fn read(path: &Path, flavour: Flavour) -> Result<Vec<Sentence>, SyntaxError> {
    let text = std::fs::read_to_string(path).map_err(|e| SyntaxError::io(path, e))?;
    let mut out = Vec::new();
    let mut raw: Vec<Raw> = Vec::new();
    let mut doc = String::new();
    for (ln, line) in text.lines().chain(std::iter::once("")).enumerate() {
        if line.trim().is_empty() {
            if !raw.is_empty() {
                out.push(build(std::mem::take(&mut raw), &doc, flavour));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("orig_file_sentence") {
                doc = v.trim().split('#').next().unwrap_or("").to_string();
            } else if let Some(v) = c.strip_prefix("newdoc id =") {
                doc = v.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |reason: &str| SyntaxError::Conllu {
            path: path.to_path_buf(),
            line: ln + 1,
            reason: reason.to_string(),
        };
        if cols.len() != 10 {
            return Err(bad("expected 10 columns"));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let head = cols[6].parse().map_err(|_| bad("bad HEAD"))?;
        raw.push(Raw {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            label: cols[7].to_string(),
            space_after: !cols[9].split('|').any(|m| m == "SpaceAfter=No"),
        });
    }
    Ok(out)
}

fn bare(form: &str) -> String {
    form.chars().filter(|&c| !is_mark(c)).collect()
}

/// A one-letter proclitic of PADT (conjunctions و ف, prepositions ب ل ك, future س).
fn is_proclitic(bare: &str) -> bool {
    matches!(bare, "و" | "ف" | "ب" | "ل" | "ك" | "س")
}

/// A suffixed pronoun of PADT v1: XPOS `SP` with genitive or accusative case.
fn is_enclitic(upos: &str, xpos: &str) -> bool {
    upos == "PRON" && xpos.starts_with("SP") && matches!(xpos.as_bytes().get(8), Some(b'2' | b'4'))
}

fn build(raw: Vec<Raw>, doc: &str, flavour: Flavour) -> Sentence {
    let mut words: Vec<Word> = raw
        .iter()
        .map(|r| {
            let (upos, label) = match flavour {
                Flavour::PadtV1 => {
                    let head_upos = (r.head > 0)
                        .then(|| raw.get(r.head as usize - 1))
                        .flatten()
                        .map(|h| upos_v1_to_v2(&h.upos, &h.label));
                    (
                        upos_v1_to_v2(&r.upos, &r.label),
                        v1_to_v2(&r.label, head_upos.as_deref()),
                    )
                }
                Flavour::UdV2 => (r.upos.clone(), r.label.clone()),
            };
            Word {
                form: r.form.clone(),
                bare: bare(&r.form),
                upos,
                head: r.head,
                label,
                kind: SegmentKind::Stem,
            }
        })
        .collect();
    if flavour == Flavour::PadtV1 {
        reattach_cc(&mut words);
    }
    // Which words are written together with the next one.
    let n = words.len();
    let punct = |i: usize| matches!(words[i].upos.as_str(), "PUNCT" | "NUM" | "SYM");
    let mut glue = vec![false; n];
    for i in 0..n.saturating_sub(1) {
        glue[i] = match flavour {
            Flavour::PadtV1 => {
                (is_proclitic(&words[i].bare) && !punct(i) && !punct(i + 1))
                    || (is_enclitic(&raw[i + 1].upos, &raw[i + 1].xpos) && !punct(i))
            }
            Flavour::UdV2 => !raw[i].space_after && !punct(i) && !punct(i + 1),
        };
    }
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < n {
        let s = i;
        while i + 1 < n && glue[i] {
            i += 1;
        }
        i += 1;
        tokens.push(Token {
            words: s..i,
            surface: String::new(),
        });
    }
    for t in &mut tokens {
        set_kinds(&mut words[t.words.clone()], &raw[t.words.clone()], flavour);
        t.surface = match flavour {
            Flavour::PadtV1 => surface_of(&words[t.words.clone()]),
            Flavour::UdV2 => words[t.words.clone()]
                .iter()
                .map(|w| w.form.as_str())
                .collect(),
        };
    }
    Sentence {
        doc: doc.to_string(),
        words,
        tokens,
        multiword_tokens: flavour == Flavour::PadtV1,
    }
}

/// Proclitics before the stem, enclitics after it.
fn set_kinds(words: &mut [Word], raw: &[Raw], flavour: Flavour) {
    let n = words.len();
    if n < 2 {
        return;
    }
    let stem = (0..n)
        .find(|&j| !is_proclitic(&words[j].bare) || j + 1 == n)
        .unwrap_or(n - 1);
    for (j, w) in words.iter_mut().enumerate() {
        w.kind = if j < stem {
            SegmentKind::Proclitic
        } else if j > stem && (flavour == Flavour::UdV2 || is_enclitic(&raw[j].upos, &raw[j].xpos))
        {
            SegmentKind::Enclitic
        } else {
            SegmentKind::Stem
        };
    }
}

/// The surface spelling of words written together: «ل» + «الحظر» → «للحظر», a ta marbuta or
/// alef maqsura before a suffix → «ت» / «ا».
fn surface_of(words: &[Word]) -> String {
    let mut s = String::new();
    for (j, w) in words.iter().enumerate() {
        let mut part = w.bare.as_str();
        if j > 0 && s.ends_with('ل') && words[j - 1].kind == SegmentKind::Proclitic {
            if let Some(rest) = part.strip_prefix("ال") {
                part = rest;
                s.push('ل');
            }
        }
        if w.kind == SegmentKind::Enclitic {
            if s.ends_with('ة') {
                s.pop();
                s.push('ت');
            } else if s.ends_with('ى') {
                s.pop();
                s.push('ا');
            }
        }
        s.push_str(part);
    }
    s
}

/// UD v2 attaches a coordinating conjunction to the conjunct after it, v1 to the first
/// conjunct: move each `cc` to the next `conj` sibling to its right, when there is one.
fn reattach_cc(words: &mut [Word]) {
    for i in 0..words.len() {
        if words[i].label != "cc" {
            continue;
        }
        let h = words[i].head;
        if let Some(c) =
            (i + 1..words.len()).find(|&j| words[j].head == h && words[j].label == "conj")
        {
            words[i].head = c as u32 + 1;
        }
    }
}

/// The held-out part of PADT v1: every fourth document (0th, 4th, 8th…) of `ar-ud-test.conllu`,
/// counted in order of first appearance. Everything else (all of `ar-ud-dev.conllu` and the
/// other test documents) is training data. Whole documents are held out, so no story is split.
pub const HELD_OUT_EVERY: usize = 4;

/// Splits the v1 test file's sentences into (train, held-out) by [`HELD_OUT_EVERY`].
pub fn split_test_file(sentences: Vec<Sentence>) -> (Vec<Sentence>, Vec<Sentence>) {
    let mut docs: Vec<String> = Vec::new();
    let (mut train, mut held) = (Vec::new(), Vec::new());
    for s in sentences {
        let k = match docs.iter().position(|d| *d == s.doc) {
            Some(k) => k,
            None => {
                docs.push(s.doc.clone());
                docs.len() - 1
            }
        };
        if k % HELD_OUT_EVERY == 0 {
            held.push(s);
        } else {
            train.push(s);
        }
    }
    (train, held)
}

/// A sentence's folded words joined: the key under which sentences of different releases
/// (vocalized v1, unvocalized v2) are compared for overlap.
pub fn sentence_key<'a>(forms: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<String> = forms.map(fold_key).collect();
    v.join(" ")
}
