//! The UPOS tagger: a greedy left-to-right averaged perceptron over the
//! syntactic words of a sentence, with hashed features.

use crate::strmap::StrMap;
use crate::{MorphError, SegmentKind, Upos};
use isnad_learn::codec::Reader;
#[cfg(feature = "train")]
use isnad_learn::codec::Writer;
use isnad_learn::{mix, row, start, Perceptron};

#[cfg(feature = "train")]
mod clusters;
#[cfg(feature = "train")]
mod train;
#[cfg(feature = "train")]
mod unlabeled;
#[cfg(feature = "train")]
pub(crate) use train::train;
#[cfg(all(test, feature = "train"))]
pub(crate) use train::{corpus_accuracy, train_corpus};

pub(crate) const MAGIC: &[u8; 8] = b"ISNADTAG";
/// Bump when the feature templates or the payload layout change.
pub(crate) const VERSION: u32 = 10;
pub(crate) const BITS: u32 = 18;
/// Default epochs per training run (the best on dev is kept).
#[cfg(feature = "train")]
pub(crate) const EPOCHS: usize = 16;
/// Default training runs (differently shuffled) whose averaged weights are summed.
#[cfg(feature = "train")]
pub(crate) const RUNS: usize = 5;
/// Beam width of the decoder (trained with early update).
const BEAM: usize = 4;
const C: usize = Upos::COUNT;
/// Sentinel tag index before the sentence start.
const BOS: u64 = 99;

/// One syntactic word to tag, with where it sits in its surface word.
pub(crate) struct Item<'a> {
    pub form: &'a str,
    pub surface: &'a str,
    pub kind: SegmentKind,
    pub index: usize,
    pub parts: usize,
}

/// The trained tagger.
pub(crate) struct Tagger {
    /// `C` quantized weights per hashed row.
    weights: Vec<i16>,
    /// Form → bit set of the tags it had in training (its ambiguity class).
    lexicon: StrMap,
    /// Base form → distributional signature from unlabelled text (see
    /// [`crate::distrib`]); empty when trained without such text.
    signatures: StrMap,
}

/// Reusable buffers for one sentence.
#[derive(Default)]
pub(crate) struct TagScratch {
    form_h: Vec<u64>,
    statics: Vec<usize>,
    offsets: Vec<usize>,
    rows: Vec<usize>,
    chars: Vec<char>,
    class: Vec<u64>,
    fchars: Vec<char>,
    fofs: Vec<usize>,
    key: String,
}

#[inline]
fn hash_str(mut h: u64, s: &[char]) -> u64 {
    for &c in s {
        h = mix(h, c as u64);
    }
    h
}

fn shape(chars: &[char]) -> u64 {
    let mut bits = 0u64;
    for &c in chars {
        bits |= if c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) {
            1
        } else if c.is_ascii_alphabetic() {
            2
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            4
        } else {
            8
        };
    }
    bits | (chars.len().min(6) as u64) << 4
}

/// Computes the tag-independent feature rows of every item.
fn static_features(items: &[Item], classes: &[u32], sigs: &[u32], sc: &mut TagScratch) {
    // All forms' chars in one flat buffer, so neighbours are plain slices.
    let mut fchars = std::mem::take(&mut sc.fchars);
    let mut fofs = std::mem::take(&mut sc.fofs);
    let mut surface = std::mem::take(&mut sc.chars);
    fchars.clear();
    fofs.clear();
    sc.form_h.clear();
    for it in items {
        fofs.push(fchars.len());
        fchars.extend(it.form.chars());
        sc.form_h
            .push(hash_str(start(100), &fchars[fofs[fofs.len() - 1]..]));
    }
    fofs.push(fchars.len());
    let form_of = |j: usize| -> &[char] {
        if j < items.len() {
            &fchars[fofs[j]..fofs[j + 1]]
        } else {
            &[]
        }
    };
    let fh = |j: isize, sc: &TagScratch| -> u64 {
        if j < 0 {
            1
        } else if j as usize >= items.len() {
            2
        } else {
            sc.form_h[j as usize]
        }
    };
    sc.class.clear();
    sc.class.extend(classes.iter().map(|&c| c as u64));
    sc.statics.clear();
    sc.offsets.clear();
    for (i, it) in items.iter().enumerate() {
        sc.offsets.push(sc.statics.len());
        let ii = i as isize;
        let chars = form_of(i);
        let n = chars.len();
        let f = sc.form_h[i];
        let kind = it.kind as u64;
        let cl = |j: isize| -> u64 {
            if j < 0 {
                1 << 20
            } else {
                classes.get(j as usize).map_or(1 << 21, |&c| c as u64)
            }
        };
        let mut v: [u64; 44] = [0; 44];
        v[0] = start(0);
        v[1] = mix(start(1), f);
        for k in 1..=4 {
            v[1 + k] = if n > k {
                hash_str(start(1 + k as u32), &chars[n - k..])
            } else {
                mix(start(1 + k as u32), f)
            };
            v[5 + k] = if n > k {
                hash_str(start(5 + k as u32), &chars[..k])
            } else {
                mix(start(5 + k as u32), f)
            };
        }
        v[10] = mix(
            mix(mix(start(10), kind), it.index.min(3) as u64),
            it.parts.min(4) as u64,
        );
        v[11] = mix(mix(start(11), kind), f);
        surface.clear();
        surface.extend(it.surface.chars());
        v[12] = hash_str(start(12), &surface);
        v[13] = mix(start(13), fh(ii - 1, sc));
        v[14] = mix(start(14), fh(ii + 1, sc));
        v[15] = mix(start(15), fh(ii - 2, sc));
        v[16] = mix(start(16), fh(ii + 2, sc));
        v[17] = mix(mix(start(17), fh(ii - 1, sc)), f);
        v[18] = mix(mix(start(18), f), fh(ii + 1, sc));
        v[19] = mix(start(19), shape(chars));
        let next = form_of(i + 1);
        let prev = if i > 0 { form_of(i - 1) } else { &[] };
        v[20] = hash_str(start(20), &next[next.len().saturating_sub(3)..]);
        v[21] = hash_str(start(21), &prev[prev.len().saturating_sub(2)..]);
        let article = n > 3 && chars[0] == 'ا' && chars[1] == 'ل';
        v[22] = mix(mix(start(22), article as u64), kind);
        v[23] = mix(
            mix(
                start(23),
                items.get(i + 1).map(|x| x.kind as u64 + 1).unwrap_or(0),
            ),
            f,
        );
        let first_proclitic = if it.index > 0 && i >= it.index {
            sc.form_h[i - it.index]
        } else {
            0
        };
        v[24] = mix(mix(start(24), first_proclitic), kind);
        v[25] = if n > 2 {
            mix(
                hash_str(start(25), &chars[..2]),
                hash_str(0, &chars[n - 2..]),
            )
        } else {
            mix(start(25), f)
        };
        v[26] = mix(mix(start(26), fh(ii - 1, sc)), fh(ii + 1, sc));
        v[27] = mix(hash_str(start(27), &next[..next.len().min(2)]), f);
        let m = surface.len();
        v[28] = hash_str(start(28), &surface[..m.min(2)]);
        v[29] = hash_str(start(29), &surface[m.saturating_sub(2)..]);
        v[30] = mix(
            mix(
                mix(start(30), n.min(10) as u64),
                chars.first().map_or(0, |&c| c as u64),
            ),
            chars.last().map_or(0, |&c| c as u64),
        );
        v[31] = mix(
            hash_str(start(31), &chars[n.saturating_sub(2)..]),
            hash_str(1, &next[next.len().saturating_sub(2)..]),
        );
        v[32] = mix(start(32), cl(ii));
        v[33] = mix(mix(start(33), cl(ii - 1)), cl(ii));
        v[34] = mix(mix(start(34), cl(ii)), cl(ii + 1));
        v[35] = mix(start(35), cl(ii + 1));
        v[36] = mix(start(36), cl(ii - 1));
        v[37] = mix(v[2 + 1], cl(ii));
        v[38] = mix(mix(start(39), cl(ii + 2)), cl(ii + 1));
        v[39] = mix(mix(start(55), cl(ii - 2)), cl(ii - 1));
        v[40] = hash_str(start(56), &next[..next.len().min(3)]);
        v[41] = mix(mix(mix(start(57), kind), it.parts.min(4) as u64), v[3]);
        v[42] = mix(mix(start(58), f), cl(ii + 1));
        v[43] = mix(mix(start(59), cl(ii - 1)), f);
        sc.statics.extend(v.iter().map(|&h| row(h, BITS)));
        // Distributional signature (0 = unseen in the unlabelled text).
        let sig = |j: isize| -> u64 {
            if j < 0 {
                1 << 17
            } else {
                sigs.get(j as usize).map_or(1 << 18, |&c| c as u64)
            }
        };
        let s0 = sig(ii) & 0xffff;
        let coarse = |c: u64| c & 0x1ff;
        let small = |j: isize| (sig(j) >> 16) & 0x7f;
        let fine = |j: isize| sig(j) >> 23;
        let d: [u64; 10] = [
            mix(mix(start(70), s0), kind),
            mix(mix(start(71), s0 & 7), article as u64),
            mix(mix(start(72), (s0 >> 3) & 0x3f), s0 & 7),
            mix(mix(start(73), (s0 >> 9) & 0x3f), s0 & 7),
            mix(mix(start(74), (s0 >> 7) & 3), (s0 >> 3) & 3),
            mix(mix(start(75), s0), chars.last().map_or(0, |&c| c as u64)),
            mix(mix(start(76), coarse(s0)), coarse(sig(ii + 1))),
            mix(mix(start(77), coarse(sig(ii - 1))), coarse(s0)),
            mix(mix(start(78), s0), cl(ii)),
            mix(mix(start(79), coarse(sig(ii + 1))), cl(ii)),
        ];
        sc.statics.extend(d.iter().map(|&h| row(h, BITS)));
        let d: [u64; 9] = [
            mix(mix(start(80), fine(ii)), kind),
            mix(start(81), small(ii)),
            mix(mix(start(82), small(ii - 1)), small(ii)),
            mix(mix(start(83), small(ii)), small(ii + 1)),
            mix(start(84), fine(ii + 1)),
            mix(start(85), fine(ii - 1)),
            mix(mix(start(86), fine(ii)), v[3]),
            mix(mix(start(87), small(ii)), cl(ii)),
            mix(mix(start(88), fine(ii)), article as u64),
        ];
        sc.statics.extend(d.iter().map(|&h| row(h, BITS)));
        // Letter trigrams of the padded form: foreign names (PADT `X`) and
        // unseen words show themselves in their letter sequences.
        let pad = |k: isize| -> u64 {
            if k < 0 {
                '^' as u64
            } else if k as usize >= n {
                '$' as u64
            } else {
                chars[k as usize] as u64
            }
        };
        // Root-and-pattern skeleton: letters that are usually radicals become
        // C, pattern letters stay (مCاC, CاCوC...). Arabic nouns, adjectives
        // and verbs follow a few hundred patterns; foreign names do not.
        let skel = |c: char| -> u64 {
            match c {
                'ا' | 'و' | 'ي' | 'ت' | 'م' | 'ن' | 'ة' | 'ى' | 'س' | 'أ' | 'إ' | 'آ' => {
                    c as u64
                }
                _ => 'C' as u64,
            }
        };
        let body = if n > 4 && chars[0] == 'ا' && chars[1] == 'ل' {
            &chars[2..]
        } else {
            chars
        };
        let sk = body.iter().fold(start(60), |h, &c| mix(h, skel(c)));
        sc.statics.push(row(sk, BITS));
        sc.statics.push(row(mix(mix(sk, 61), kind), BITS));
        let folded = chars.iter().fold(start(62), |h, &c| {
            mix(h, crate::ortho::fold_char(c).unwrap_or(c) as u64)
        });
        sc.statics.push(row(folded, BITS));
        for k in -1..(n as isize).min(9) {
            let h = mix(mix(mix(start(38), pad(k)), pad(k + 1)), pad(k + 2));
            sc.statics.push(row(h, BITS));
        }
    }
    sc.offsets.push(sc.statics.len());
    sc.fchars = fchars;
    sc.fofs = fofs;
    sc.chars = surface;
}

/// Dynamic feature rows of item `i` given the two previous tags (only these
/// rows: the static ones are scored once per item, outside the beam).
#[inline]
fn dynamic_features(i: usize, t1: u64, t2: u64, items: &[Item], sc: &mut TagScratch) {
    sc.rows.clear();
    sc.rows.push(row(mix(start(40), t1), BITS));
    sc.rows.push(row(mix(mix(start(41), t2), t1), BITS));
    sc.rows
        .push(row(mix(mix(start(42), t1), sc.form_h[i]), BITS));
    sc.rows
        .push(row(mix(mix(start(43), t1), items[i].kind as u64), BITS));
    let next = if i + 1 < items.len() {
        sc.form_h[i + 1]
    } else {
        2
    };
    sc.rows.push(row(mix(mix(start(44), t1), next), BITS));
    sc.rows
        .push(row(mix(mix(mix(start(45), t2), t1), sc.form_h[i]), BITS));
    sc.rows
        .push(row(mix(mix(start(46), t1), sc.class[i]), BITS));
    let def = |j: usize| items[j].form.starts_with("ال") as u64;
    let prev_def = if i > 0 { def(i - 1) } else { 2 };
    sc.rows
        .push(row(mix(mix(mix(start(47), t1), prev_def), def(i)), BITS));
    let last = items[i].form.chars().last().map_or(0, |c| c as u64);
    sc.rows.push(row(mix(mix(start(48), t1), last), BITS));
}

/// The distributional signature of `form` (0 when unseen).
#[inline]
fn signature(table: &StrMap, form: &str, key: &mut String) -> u32 {
    if table.is_empty() {
        return 0;
    }
    crate::distrib::base_key(form, key);
    table.get(key.as_str()).unwrap_or(0)
}

/// Anything that can score hashed rows: the trained i16 table or the
/// perceptron being trained.
trait Scorer {
    fn add(&self, rows: &[usize], out: &mut [f32; C]);
}

impl Scorer for [i16] {
    #[inline]
    fn add(&self, rows: &[usize], out: &mut [f32; C]) {
        let mut acc = [0i32; C];
        for &r in rows {
            for (a, x) in acc.iter_mut().zip(&self[r * C..r * C + C]) {
                *a += *x as i32;
            }
        }
        for (o, a) in out.iter_mut().zip(acc) {
            *o += a as f32;
        }
    }
}

impl Scorer for Perceptron {
    #[inline]
    fn add(&self, rows: &[usize], out: &mut [f32; C]) {
        self.add_scores(rows, out);
    }
}

/// One beam entry: a tag with a back pointer into the previous layer.
#[derive(Clone, Copy)]
struct Hyp {
    score: f32,
    tag: u8,
    parent: u16,
    /// Whether the whole history equals the gold (training only).
    gold: bool,
}

/// The tags of the hypothesis `idx` of layer `i`, first to last.
fn backtrack(layers: &[Vec<Hyp>], i: usize, mut idx: usize) -> Vec<usize> {
    let mut out = vec![0; i + 1];
    for j in (0..=i).rev() {
        let h = layers[j][idx];
        out[j] = h.tag as usize;
        idx = h.parent as usize;
    }
    out
}

/// Beam search over the items whose static features are in `sc`.
///
/// With `gold`, stops as soon as the gold history falls off the beam and
/// returns that position (early update). Ties are broken by parent then tag,
/// so decoding is deterministic.
fn beam_search<W: Scorer + ?Sized>(
    w: &W,
    items: &[Item],
    sc: &mut TagScratch,
    gold: Option<&[usize]>,
) -> (Vec<usize>, Option<usize>) {
    let n = items.len();
    if n == 0 {
        return (Vec::new(), None);
    }
    let root = [Hyp {
        score: 0.0,
        tag: 0,
        parent: 0,
        gold: true,
    }];
    let mut layers: Vec<Vec<Hyp>> = Vec::with_capacity(n);
    let mut cands: Vec<Hyp> = Vec::with_capacity(BEAM * C);
    for i in 0..n {
        let mut stat = [0f32; C];
        w.add(&sc.statics[sc.offsets[i]..sc.offsets[i + 1]], &mut stat);
        cands.clear();
        let parents: &[Hyp] = if i == 0 { &root } else { &layers[i - 1] };
        for (pi, ph) in parents.iter().enumerate() {
            let t1 = if i > 0 { ph.tag as u64 } else { BOS };
            let t2 = if i > 1 {
                layers[i - 2][ph.parent as usize].tag as u64
            } else {
                BOS
            };
            dynamic_features(i, t1, t2, items, sc);
            let mut s = stat;
            w.add(&sc.rows, &mut s);
            for (c, sc_c) in s.iter().enumerate() {
                cands.push(Hyp {
                    score: ph.score + sc_c,
                    tag: c as u8,
                    parent: pi as u16,
                    gold: ph.gold && gold.is_some_and(|g| g[i] == c),
                });
            }
        }
        let order = |a: &Hyp, b: &Hyp| {
            b.score
                .total_cmp(&a.score)
                .then(a.parent.cmp(&b.parent))
                .then(a.tag.cmp(&b.tag))
        };
        if cands.len() > BEAM {
            cands.select_nth_unstable_by(BEAM - 1, order);
            cands.truncate(BEAM);
        }
        cands.sort_unstable_by(order);
        let gold_in = cands.iter().any(|h| h.gold);
        layers.push(cands.clone());
        if gold.is_some() && !gold_in {
            return (backtrack(&layers, i, 0), Some(i));
        }
    }
    (backtrack(&layers, n - 1, 0), None)
}

impl Tagger {
    /// Tags `items` greedily; returns one tag per item.
    pub(crate) fn tag(&self, items: &[Item], sc: &mut TagScratch) -> Vec<Upos> {
        let classes: Vec<u32> = items
            .iter()
            .map(|it| self.lexicon.get(it.form).unwrap_or(0))
            .collect();
        let sigs: Vec<u32> = items
            .iter()
            .map(|it| signature(&self.signatures, it.form, &mut sc.key))
            .collect();
        static_features(items, &classes, &sigs, sc);
        let (tags, _) = beam_search(self.weights.as_slice(), items, sc, None);
        tags.into_iter().map(|t| Upos::ALL[t]).collect()
    }

    #[cfg(feature = "train")]
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>, MorphError> {
        let mut w = Writer::default();
        w.u32(C as u32);
        w.i16s(&self.weights);
        for table in [&self.lexicon, &self.signatures] {
            let mut pairs: Vec<_> = table.iter().collect();
            pairs.sort();
            w.u32(pairs.len() as u32);
            for (k, v) in pairs {
                w.str(k);
                w.u32(v);
            }
        }
        Ok(w.finish(MAGIC, VERSION)?)
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Tagger, MorphError> {
        let mut r = Reader::open(bytes, MAGIC, VERSION, "tagger")?;
        let classes = r.u32()? as usize;
        let weights = r.i16s()?;
        if classes != C || weights.len() != (1 << BITS) * C {
            return Err(MorphError::InvalidModel {
                what: "tagger",
                reason: "weight table has the wrong shape".into(),
            });
        }
        let lexicon = read_table(&mut r)?;
        let signatures = read_table(&mut r)?;
        Ok(Tagger {
            weights,
            lexicon,
            signatures,
        })
    }
}

/// Reads a table written by [`Tagger::to_bytes`]: count, then (key, value) pairs.
fn read_table(r: &mut Reader) -> Result<StrMap, MorphError> {
    let n = r.u32()? as usize;
    let mut m = StrMap::default();
    for _ in 0..n {
        let k = r.str_ref()?;
        m.push(k, 0);
        let v = r.u32()?;
        m.set_last(v);
    }
    m.finish_loading();
    Ok(m)
}
