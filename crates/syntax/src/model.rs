//! The trained parser: two quantized linear models (transition and label) and greedy decoding.

use isnad_doc::{SegmentKind, Upos};

use crate::features::{label_rows, transition_rows, Tok};
use crate::system::{Config, LEFT, NO_HEAD, RIGHT, TRANSITIONS};
use crate::SyntaxError;
use isnad_learn::codec::{Reader, Writer};

/// Model file magic (the container is `isnad_learn::codec`).
const MAGIC: &[u8; 8] = b"ISNDPARS";
/// Bump when the payload layout or any feature template changes.
pub const FORMAT_VERSION: u32 = 2;

/// One syntactic word to parse: what isnad's segmenter and tagger give.
#[derive(Clone, Copy, Debug)]
pub struct ParseInput<'a> {
    /// The form (any spelling: it is folded with `isnad_doc::fold_key`).
    pub form: &'a str,
    /// Its UPOS tag.
    pub upos: Upos,
    /// Where it sits in its surface word (proclitic, stem, enclitic).
    pub kind: SegmentKind,
}

/// A word's head and relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arc {
    /// 1-based index of the head word in the parsed slice; 0 = the root.
    pub head: usize,
    /// Label id; [`Parser::label_name`] gives the UD v2 name.
    pub label: u8,
}

/// A linear model's quantized weights: `1 << bits` rows of `classes` weights.
pub(crate) struct Weights {
    pub bits: u32,
    pub classes: usize,
    pub w: Vec<i16>,
}

impl Weights {
    #[inline]
    fn scores(&self, rows: &[usize], out: &mut [i32]) {
        out.fill(0);
        for &r in rows {
            let base = r * self.classes;
            if let Some(ws) = self.w.get(base..base + self.classes) {
                for (o, &w) in out.iter_mut().zip(ws) {
                    *o += w as i32;
                }
            }
        }
    }
}

/// An Arabic dependency parser. Immutable and `Sync`: share one.
pub struct Parser {
    pub(crate) trans: Weights,
    pub(crate) labels: Weights,
    pub(crate) label_names: Vec<String>,
    root_label: u8,
}

/// Reusable buffers for one parse.
#[derive(Default)]
struct Scratch {
    rows: Vec<usize>,
    fold: String,
    toks: Vec<Tok>,
    label_scores: Vec<i32>,
}

impl Parser {
    pub(crate) fn new(trans: Weights, labels: Weights, label_names: Vec<String>) -> Parser {
        let root_label = label_names.iter().position(|l| l == "root").unwrap_or(0) as u8;
        Parser {
            trans,
            labels,
            label_names,
            root_label,
        }
    }

    /// Serializes the model.
    ///
    /// # Errors
    ///
    /// [`SyntaxError::Codec`] if compression fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>, SyntaxError> {
        let mut w = Writer::default();
        w.u32(self.trans.bits);
        w.u32(self.labels.bits);
        w.u32(self.label_names.len() as u32);
        for l in &self.label_names {
            w.str(l);
        }
        w.i16s(&self.trans.w);
        w.i16s(&self.labels.w);
        Ok(w.finish(MAGIC, FORMAT_VERSION)?)
    }

    /// Loads a model written by [`Parser::to_bytes`] (or `isnad train parser`).
    ///
    /// # Errors
    ///
    /// [`SyntaxError::Codec`] on a bad magic, version or payload.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, SyntaxError> {
        let mut r = Reader::open(bytes, MAGIC, FORMAT_VERSION, "parser")?;
        let (tb, lb) = (r.u32()?, r.u32()?);
        let nl = r.u32()? as usize;
        if !(1..=64).contains(&nl) || !(8..=26).contains(&tb) || !(8..=26).contains(&lb) {
            return Err(r.invalid("bad sizes").into());
        }
        let names = (0..nl).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
        let tw = r.i16s()?;
        let lw = r.i16s()?;
        if r.remaining() != 0 {
            return Err(r.invalid("trailing bytes in payload").into());
        }
        if tw.len() != (1usize << tb) * TRANSITIONS || lw.len() != (1usize << lb) * nl {
            return Err(r.invalid("weight table sizes").into());
        }
        Ok(Parser::new(
            Weights {
                bits: tb,
                classes: TRANSITIONS,
                w: tw,
            },
            Weights {
                bits: lb,
                classes: nl,
                w: lw,
            },
            names,
        ))
    }

    /// Loads a model file.
    ///
    /// # Errors
    ///
    /// I/O errors and those of [`Parser::from_bytes`].
    pub fn from_file(path: &std::path::Path) -> Result<Parser, SyntaxError> {
        let b = std::fs::read(path).map_err(|e| SyntaxError::io(path, e))?;
        Parser::from_bytes(&b)
    }

    /// The UD v2 name of a label id (`"dep"` for an unknown id).
    pub fn label_name(&self, label: u8) -> &str {
        self.label_names
            .get(label as usize)
            .map(String::as_str)
            .unwrap_or("dep")
    }

    /// All label names, by id.
    pub fn label_names(&self) -> &[String] {
        &self.label_names
    }

    /// Parses one sentence of syntactic words; one [`Arc`] per word, a single root.
    pub fn parse(&self, words: &[ParseInput]) -> Vec<Arc> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SCRATCH.with(|sc| match sc.try_borrow_mut() {
            Ok(mut sc) => self.parse_with(words, &mut sc),
            Err(_) => self.parse_with(words, &mut Scratch::default()),
        })
    }

    fn parse_with(&self, words: &[ParseInput], sc: &mut Scratch) -> Vec<Arc> {
        if words.is_empty() {
            return Vec::new();
        }
        sc.toks.clear();
        sc.toks.push(Tok::root());
        for w in words {
            let t = Tok::new(w.form, w.upos, w.kind, &mut sc.fold);
            sc.toks.push(t);
        }
        sc.toks.push(Tok::none());
        let mut c = Config::new(words.len());
        let mut scores = [0i32; TRANSITIONS];
        while !c.terminal() {
            transition_rows(&c, &sc.toks, self.trans.bits, &mut sc.rows);
            self.trans.scores(&sc.rows, &mut scores);
            let t = best_legal(&c, &scores);
            let label = if t == LEFT || t == RIGHT {
                let s0 = *c.stack.last().unwrap_or(&0);
                let (h, d) = if t == LEFT { (c.b, s0) } else { (s0, c.b) };
                self.predict_label(&c, &sc.toks, h, d, &mut sc.rows, &mut sc.label_scores)
            } else {
                0
            };
            c.apply(t, label);
        }
        self.finish(&mut c, sc);
        (1..=words.len())
            .map(|i| Arc {
                head: c.head[i] as usize,
                label: c.label[i],
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn predict_label(
        &self,
        c: &Config,
        toks: &[Tok],
        h: u32,
        d: u32,
        rows: &mut Vec<usize>,
        scores: &mut Vec<i32>,
    ) -> u8 {
        label_rows(c, toks, h, d, self.labels.bits, rows);
        scores.resize(self.labels.classes, 0);
        self.labels.scores(rows, scores);
        argmax(scores) as u8
    }

    /// Gives every word a head and leaves exactly one root child: the first root child (or the
    /// first headless word) is the root; other headless words and root children attach to it.
    fn finish(&self, c: &mut Config, sc: &mut Scratch) {
        let n = c.n;
        let mut root = (1..=n).find(|&i| c.head[i as usize] == 0);
        for i in 1..=n {
            let h = c.head[i as usize];
            if h != NO_HEAD && !(h == 0 && Some(i) != root) {
                continue;
            }
            match root {
                None => {
                    c.attach(0, i, self.root_label);
                    root = Some(i);
                }
                Some(r) => {
                    let l =
                        self.predict_label(c, &sc.toks, r, i, &mut sc.rows, &mut sc.label_scores);
                    let l = if l == self.root_label {
                        self.fallback_label()
                    } else {
                        l
                    };
                    c.head[i as usize] = NO_HEAD;
                    c.attach(r, i, l);
                }
            }
        }
    }

    /// The label for a word attached by [`Parser::finish`] when the model says "root".
    fn fallback_label(&self) -> u8 {
        self.label_names
            .iter()
            .position(|l| l == "parataxis")
            .or_else(|| self.label_names.iter().position(|l| l == "dep"))
            .unwrap_or(0) as u8
    }
}

/// The highest-scoring legal transition (SHIFT when nothing else is legal).
pub(crate) fn best_legal(c: &Config, scores: &[i32]) -> usize {
    let mut best = usize::MAX;
    for t in 0..TRANSITIONS {
        if c.legal(t) && (best == usize::MAX || scores[t] > scores[best]) {
            best = t;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

fn argmax(s: &[i32]) -> usize {
    let mut b = 0;
    for (i, &x) in s.iter().enumerate() {
        if x > s[b] {
            b = i;
        }
    }
    b
}
