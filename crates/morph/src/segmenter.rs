//! The clitic segmenter: memorised analyses for known words, a hashed
//! averaged-perceptron boundary classifier for the rest, and learned
//! orthography restoration of the pieces.

use crate::clitics::kinds;
use crate::ortho::{fold_char, is_mark};
use crate::{MorphError, Segment, Upos};
use isnad_learn::codec::Reader;
#[cfg(feature = "train")]
use isnad_learn::codec::Writer;
use isnad_learn::{mix, row, start, FastMap, FxBuild};

#[cfg(feature = "train")]
mod train;
#[cfg(feature = "train")]
pub(crate) use train::train;
#[cfg(all(test, feature = "train"))]
pub(crate) use train::train_corpus;

pub(crate) const MAGIC: &[u8; 8] = b"ISNADSEG";
/// Bump when the feature templates or the payload layout change.
pub(crate) const VERSION: u32 = 4;
const BITS: u32 = 20;

/// Tokens longer than this many code points are never split. The longest Arabic word with
/// its clitics and every vowel written is well under it; a longer "word" is junk (a letter
/// under a million marks, megabytes without a space), and each position's features look at
/// the word around it, so splitting it would cost its length squared.
pub(crate) const MAX_SPLIT_CHARS: usize = 128;

/// A memorised analysis of a frequent surface word.
#[derive(Clone, Debug)]
struct Analysis {
    starts: Vec<usize>,
    forms: Vec<String>,
}

/// Context bits of a piece for restoration lookups.
const HAS_PREV: u8 = 1;
const HAS_NEXT: u8 = 2;
const AFTER_LAM: u8 = 4;

/// The trained segmenter (immutable once built; shared by all callers).
pub(crate) struct Segmenter {
    /// Boundary score weights (boundary minus no-boundary), one per hashed row.
    weights: Vec<i16>,
    /// Folded form → count over every gold syntactic word of train.
    lex: FastMap<String, u32>,
    /// Surface word → its most frequent gold analysis (only words seen `memo_min` times).
    /// Surface word → (times seen in train, its majority boundaries): a
    /// feature of the boundary classifier for words below the memo threshold.
    seen: FastMap<String, (u32, Vec<usize>)>,
    /// Stored as ready-made segments: a memo hit is then one lookup and a clone.
    memo: FastMap<String, Vec<Segment>>,
    /// (surface piece, context bits) → most frequent gold form.
    restore: FastMap<(String, u8), String>,
    /// Folded form → most frequent spelling among MWT parts (hamza seats).
    spelled: FastMap<String, String>,
    /// Form → most frequent UPOS, the cheap tag of [`crate::Morphology::segment`].
    unigram: FastMap<String, Upos>,
    /// Learned tie-breakers of [`Segmenter::restore_rule`], one bit per rule
    /// (`RULE_*`): set when training pieces matching the rule were restored
    /// more often than not.
    defaults: u8,
}

const RULE_TA: u8 = 1;
const RULE_ALEF: u8 = 2;
const RULE_YA: u8 = 4;
const RULE_LAM: u8 = 8;
const RULE_WAW: u8 = 16;
const RULE_HAMZA: u8 = 32;
/// Which restoration rule could apply to a surface piece, and its candidate.
fn rule_candidates(s: &str, ctx: u8) -> Vec<(u8, String)> {
    let mut cands = Vec::new();
    if ctx & HAS_NEXT != 0 {
        // Plural -ات keeps its ت (مصنوعاته → مصنوعات ه).
        if let Some(stem) = s.strip_suffix('ت').filter(|st| !st.ends_with('ا')) {
            cands.push((RULE_TA, format!("{stem}ة")));
        }
        // The silent alef after plural waw is dropped before a clitic (شاهدوه).
        if s.ends_with('و') && s.chars().count() > 2 {
            cands.push((RULE_WAW, format!("{s}ا")));
        }
        // Final hamza takes a seat before a clitic (إجراؤها, بقائها).
        if let Some(stem) = s.strip_suffix(['ؤ', 'ئ']) {
            cands.push((RULE_HAMZA, format!("{stem}ء")));
        }
        if let Some(stem) = s.strip_suffix('ا') {
            cands.push((RULE_ALEF, format!("{stem}ى")));
        }
        if let Some(stem) = s.strip_suffix('ي') {
            cands.push((RULE_YA, format!("{stem}ى")));
        }
    }
    if ctx & AFTER_LAM != 0 {
        cands.push((RULE_LAM, format!("ا{s}")));
    }
    cands
}

/// Per-call scratch buffers so the hot path does not allocate per boundary.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    folded: Vec<char>,
    key: String,
    rows: Vec<usize>,
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) || is_mark(c) || c == '\u{0671}'
}

/// Lexicon lookup on a folded slice (marks skipped); `exclude` removes the
/// current training word's own contribution so that features are not
/// perfectly predictive on train (a jackknife in spirit).
fn lex_has(
    lex: &FastMap<String, u32>,
    key: &mut String,
    pre: &str,
    s: &[char],
    exclude: &[String],
) -> bool {
    key.clear();
    key.push_str(pre);
    key.extend(s.iter().filter(|c| !is_mark(**c)));
    let n = lex.get(key.as_str()).copied().unwrap_or(0);
    let own = exclude
        .iter()
        .filter(|e| e.as_str() == key.as_str())
        .count() as u32;
    n > own
}

#[inline]
fn hash_chars(mut h: u64, s: &[char]) -> u64 {
    for &c in s {
        h = mix(h, c as u64);
    }
    h
}

/// Feature rows of the boundary before char `i` (1 ≤ i < n).
///
/// `seen` is how often the whole word occurred in train and its majority
/// boundaries (jackknifed during training), so the model learns how far to
/// trust a rare word's memory.
fn features(
    lex: &FastMap<String, u32>,
    sc: &mut Scratch,
    i: usize,
    exclude: &[String],
    seen: Option<(u32, &[usize])>,
) {
    let n = sc.chars.len();
    let ch = &sc.chars;
    let c = |p: isize| -> u64 {
        if p < 0 {
            '^' as u64
        } else if p as usize >= n {
            '$' as u64
        } else {
            ch[p as usize] as u64
        }
    };
    let ii = i as isize;
    let rows = &mut sc.rows;
    rows.clear();
    let mut push = |h: u64| rows.push(row(h, BITS));
    push(start(0));
    for (t, o) in [(1u32, -1isize), (2, 0), (3, -2), (4, 1), (5, -3), (6, 2)] {
        push(mix(start(t), c(ii + o)));
    }
    push(mix(mix(start(7), c(ii - 2)), c(ii - 1)));
    push(mix(mix(start(8), c(ii - 1)), c(ii)));
    push(mix(mix(start(9), c(ii)), c(ii + 1)));
    push(mix(mix(mix(start(10), c(ii - 3)), c(ii - 2)), c(ii - 1)));
    push(mix(mix(mix(start(11), c(ii - 2)), c(ii - 1)), c(ii)));
    push(mix(mix(mix(start(12), c(ii - 1)), c(ii)), c(ii + 1)));
    push(mix(mix(mix(start(13), c(ii)), c(ii + 1)), c(ii + 2)));
    let head = &ch[..i];
    let tail = &ch[i..];
    let hh = if i <= 5 {
        hash_chars(start(14), head)
    } else {
        mix(start(14), 1)
    };
    let th = if n - i <= 5 {
        hash_chars(start(15), tail)
    } else {
        mix(start(15), 1)
    };
    push(hh);
    push(th);
    push(mix(mix(start(16), i.min(8) as u64), (n - i).min(8) as u64));
    push(mix(mix(hh, 17), c(ii)));
    push(mix(mix(th, 18), c(ii - 1)));
    // Lexicon evidence.
    let fh = &sc.folded[..i];
    let ft = &sc.folded[i..];
    let key = &mut sc.key;
    let lr = lex_has(lex, key, "", ft, exclude);
    let lh = lex_has(lex, key, "", fh, exclude);
    let whole = lex_has(lex, key, "", &sc.folded, exclude);
    let lr_art = fh.last() == Some(&'ل') && lex_has(lex, key, "ا", ft, exclude);
    let lh_ta = fh.len() > 1 && fh.last() == Some(&'ت') && {
        let (a, _) = fh.split_at(fh.len() - 1);
        key.clear();
        key.extend(a.iter().filter(|c| !is_mark(**c)));
        key.push('ه');
        let k = key.clone();
        let n = lex.get(&k).copied().unwrap_or(0);
        n > exclude.iter().filter(|e| **e == k).count() as u32
    };
    let bits = lr as u64
        | (lh as u64) << 1
        | (whole as u64) << 2
        | (lr_art as u64) << 3
        | (lh_ta as u64) << 4;
    push(mix(start(19), bits));
    push(mix(mix(hh, 20), bits));
    push(mix(mix(th, 21), bits));
    push(mix(mix(mix(start(22), bits), c(ii - 1)), c(ii)));
    let (count, here) = match seen {
        Some((n, starts)) => (n.min(4) as u64, starts.contains(&i) as u64),
        None => (0, 0),
    };
    push(mix(mix(start(23), count), here));
    push(mix(mix(mix(start(24), count), here), c(ii - 1)));
    push(mix(mix(mix(start(25), here), bits), th));
}

impl Segmenter {
    /// Segments one surface word (see [`crate::Morphology::segment`]).
    pub(crate) fn segment(&self, word: &str) -> Vec<Segment> {
        if let Some(segs) = self.memo.get(word) {
            return segs.clone();
        }
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SCRATCH.with(|sc| match sc.try_borrow_mut() {
            Ok(mut sc) => self.segment_with(word, &mut sc),
            Err(_) => self.segment_with(word, &mut Scratch::default()),
        })
    }

    /// Turns memorised analyses into ready-made segments.
    fn set_memo(&mut self, memo: FastMap<String, Analysis>) {
        self.memo = memo
            .into_iter()
            .map(|(w, a)| {
                let segs = self.build(&a.starts, &a.forms, w.chars().count());
                (w, segs)
            })
            .collect();
    }

    fn segment_with(&self, word: &str, sc: &mut Scratch) -> Vec<Segment> {
        if let Some(segs) = self.memo.get(word) {
            return segs.clone();
        }
        sc.chars.clear();
        sc.chars.extend(word.chars());
        let n = sc.chars.len();
        let mut starts = vec![0usize];
        if (2..=MAX_SPLIT_CHARS).contains(&n) && sc.chars.iter().all(|c| is_arabic_letter(*c)) {
            sc.folded.clear();
            sc.folded
                .extend(sc.chars.iter().map(|&c| fold_char(c).unwrap_or(c)));
            for i in 1..n {
                let seen = self.seen.get(word).map(|(n, s)| (*n, s.as_slice()));
                features(&self.lex, sc, i, &[], seen);
                let s: i32 = sc.rows.iter().map(|&r| self.weights[r] as i32).sum();
                if s > 0 {
                    starts.push(i);
                }
            }
        }
        let forms = self.restore_forms(&sc.chars, &starts);
        self.build(&starts, &forms, n)
    }

    fn build(&self, starts: &[usize], forms: &[String], n: usize) -> Vec<Segment> {
        let ks = kinds(forms);
        forms
            .iter()
            .enumerate()
            .map(|(j, f)| Segment {
                form: f.clone(),
                start: starts[j],
                end: starts.get(j + 1).copied().unwrap_or(n),
                kind: ks[j],
                upos: self.unigram.get(f.as_str()).copied().unwrap_or(Upos::NOUN),
            })
            .collect()
    }

    /// Restores PADT orthography of the pieces cut at `starts`.
    fn restore_forms(&self, chars: &[char], starts: &[usize]) -> Vec<String> {
        let n = chars.len();
        if starts.len() == 1 {
            return vec![chars.iter().collect()];
        }
        let mut out = Vec::with_capacity(starts.len());
        for j in 0..starts.len() {
            let end = starts.get(j + 1).copied().unwrap_or(n);
            let piece = &chars[starts[j]..end];
            let ctx = piece_ctx(chars, starts, j);
            let s: String = piece.iter().collect();
            if let Some(f) = self.restore.get(&(s.clone(), ctx)) {
                out.push(f.clone());
                continue;
            }
            out.push(self.restore_rule(piece, ctx));
        }
        out
    }

    /// Rules for pieces never seen in training: choose between the surface
    /// and a restored candidate by lexicon counts, then fix hamza seats from
    /// the spellings seen among MWT parts.
    fn restore_rule(&self, piece: &[char], ctx: u8) -> String {
        // Running text's tanween and vowels are not kept in PADT clitic parts.
        let s: String = piece.iter().filter(|c| !is_mark(**c)).collect();
        let count = |x: &str| self.lex.get(&crate::ortho::fold(x)).copied().unwrap_or(0);
        let mut best = s.clone();
        let base = count(&s);
        let mut best_n = base;
        for (rule, c) in rule_candidates(&s, ctx) {
            let k = count(&c);
            if k > best_n || (k == base && best_n == base && self.defaults & rule != 0) {
                best_n = k;
                best = c;
            }
        }
        if let Some(sp) = self.spelled.get(&crate::ortho::fold(&best)) {
            return sp.clone();
        }
        // The article is never in doubt; restore the hamza of the noun after it.
        if let Some(rest) = best.strip_prefix("ال") {
            if let Some(sp) = self.spelled.get(&crate::ortho::fold(rest)) {
                return format!("ال{sp}");
            }
        }
        best
    }

    #[cfg(feature = "train")]
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>, MorphError> {
        let mut w = Writer::default();
        w.i16s(&self.weights);
        w.u32(self.lex.len() as u32);
        let mut lex: Vec<_> = self.lex.iter().collect();
        lex.sort();
        for (k, v) in lex {
            w.str(k);
            w.u32(*v);
        }
        let mut memo: Vec<_> = self.memo.iter().collect();
        memo.sort_by(|a, b| a.0.cmp(b.0));
        w.u32(memo.len() as u32);
        for (k, segs) in memo {
            let a = Analysis {
                starts: segs.iter().map(|s| s.start).collect(),
                forms: segs.iter().map(|s| s.form.clone()).collect(),
            };
            w.str(k);
            w.u8(a.forms.len() as u8);
            for (s, f) in a.starts.iter().zip(&a.forms) {
                w.u8(*s as u8);
                w.str(f);
            }
        }
        let mut seen: Vec<_> = self.seen.iter().collect();
        seen.sort();
        w.u32(seen.len() as u32);
        for (k, (n, starts)) in seen {
            w.str(k);
            w.u32(*n);
            w.u8(starts.len() as u8);
            for s in starts {
                w.u8(*s as u8);
            }
        }
        let mut rest: Vec<_> = self.restore.iter().collect();
        rest.sort();
        w.u32(rest.len() as u32);
        for ((p, c), f) in rest {
            w.str(p);
            w.u8(*c);
            w.str(f);
        }
        let mut sp: Vec<_> = self.spelled.iter().collect();
        sp.sort();
        w.u32(sp.len() as u32);
        for (k, v) in sp {
            w.str(k);
            w.str(v);
        }
        let mut uni: Vec<_> = self.unigram.iter().collect();
        uni.sort();
        w.u32(uni.len() as u32);
        for (k, v) in uni {
            w.str(k);
            w.u8(v.index() as u8);
        }
        w.u8(self.defaults);
        Ok(w.finish(MAGIC, VERSION)?)
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Segmenter, MorphError> {
        let mut r = Reader::open(bytes, MAGIC, VERSION, "segmenter")?;
        let bad = |reason: &str| MorphError::InvalidModel {
            what: "segmenter",
            reason: reason.to_string(),
        };
        let weights = r.i16s()?;
        if weights.len() != 1 << BITS {
            return Err(bad("weight table has the wrong size"));
        }
        let n = r.u32()? as usize;
        let mut lex = FastMap::with_capacity_and_hasher(n, FxBuild);
        for _ in 0..n {
            let k = r.str()?;
            lex.insert(k, r.u32()?);
        }
        let n = r.u32()? as usize;
        let mut memo = FastMap::with_capacity_and_hasher(n, FxBuild);
        for _ in 0..n {
            let k = r.str()?;
            let m = r.u8()? as usize;
            let mut a = Analysis {
                starts: Vec::with_capacity(m),
                forms: Vec::with_capacity(m),
            };
            for _ in 0..m {
                a.starts.push(r.u8()? as usize);
                a.forms.push(r.str()?);
            }
            let len = k.chars().count();
            if a.starts.first() != Some(&0)
                || a.starts.windows(2).any(|p| p[0] >= p[1])
                || a.starts.last().is_some_and(|&s| s >= len)
            {
                return Err(bad("memorised analysis with invalid offsets"));
            }
            memo.insert(k, a);
        }
        let n = r.u32()? as usize;
        let mut seen = FastMap::with_capacity_and_hasher(n, FxBuild);
        for _ in 0..n {
            let k = r.str()?;
            let c = r.u32()?;
            let m = r.u8()? as usize;
            let mut starts = Vec::with_capacity(m);
            for _ in 0..m {
                starts.push(r.u8()? as usize);
            }
            seen.insert(k, (c, starts));
        }
        let n = r.u32()? as usize;
        let mut restore = FastMap::with_capacity_and_hasher(n, FxBuild);
        for _ in 0..n {
            let p = r.str()?;
            let c = r.u8()?;
            restore.insert((p, c), r.str()?);
        }
        let n = r.u32()? as usize;
        let mut spelled = FastMap::with_capacity_and_hasher(n, FxBuild);
        for _ in 0..n {
            let k = r.str()?;
            spelled.insert(k, r.str()?);
        }
        let n = r.u32()? as usize;
        let mut unigram = FastMap::with_capacity_and_hasher(n, FxBuild);
        for _ in 0..n {
            let k = r.str()?;
            let t = r.u8()? as usize;
            let t = *Upos::ALL
                .get(t)
                .ok_or_else(|| bad("tag index out of range"))?;
            unigram.insert(k, t);
        }
        let defaults = r.u8()?;
        let mut seg = Segmenter {
            weights,
            lex,
            seen,
            memo: FastMap::default(),
            restore,
            spelled,
            unigram,
            defaults,
        };
        seg.set_memo(memo);
        Ok(seg)
    }
}

fn piece_ctx(chars: &[char], starts: &[usize], j: usize) -> u8 {
    let mut ctx = 0;
    if j > 0 {
        ctx |= HAS_PREV;
        if chars[starts[j] - 1] == 'ل' && chars[starts[j]] == 'ل' {
            ctx |= AFTER_LAM;
        }
    }
    if j + 1 < starts.len() {
        ctx |= HAS_NEXT;
    }
    ctx
}
