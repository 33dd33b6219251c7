//! Feature templates: Zhang & Nivre (2011)-style rich non-local features over the arc-eager
//! configuration, plus Arabic cues (definiteness, clitic kind, word endings).
//!
//! Every feature is a hashed row (`isnad_learn::row`), so the model holds no string table.
//! The template ids are part of the model format: change them and bump
//! `model::FORMAT_VERSION`.

use isnad_doc::{fold_into, SegmentKind, Upos};
use isnad_learn::{mix, row, start};

use crate::system::Config;

/// One word as the features see it (index 0 is the root, index `n + 1` the "none" sentinel).
#[derive(Clone, Copy, Debug, Default)]
pub struct Tok {
    /// Hash of the folded form.
    pub w: u64,
    /// UPOS class index (17 = root, 18 = none).
    pub p: u64,
    /// Clitic kind (0 proclitic, 1 stem, 2 enclitic, 3 root/none).
    pub k: u64,
    /// 1 when the folded form starts with the article «ال».
    pub d: u64,
    /// Hash of the last two folded letters (feminine, plural and verb endings).
    pub sfx: u64,
    /// Hash of the folded form without the article «ال»: definite and bare nouns share it.
    pub l: u64,
    /// Hash of the first two letters after the article (verb and derived-noun prefixes).
    pub pre: u64,
}

fn hash_str(s: &str) -> u64 {
    s.bytes()
        .fold(0x84_22_2b_c9_1f_d4_e6_11, |h, b| mix(h, b as u64))
}

impl Tok {
    /// The features of one syntactic word; `scratch` is reused for the folded form.
    pub fn new(form: &str, upos: Upos, kind: SegmentKind, scratch: &mut String) -> Tok {
        fold_into(form, scratch);
        let chars = scratch.chars().count();
        let d = u64::from(chars >= 4 && scratch.starts_with("ال"));
        let sfx_start = scratch
            .char_indices()
            .rev()
            .nth(1)
            .map(|(i, _)| i)
            .unwrap_or(0);
        let bare = if d == 1 {
            &scratch["ال".len()..]
        } else {
            scratch.as_str()
        };
        let pre_end = bare.char_indices().nth(2).map_or(bare.len(), |(i, _)| i);
        Tok {
            w: hash_str(scratch),
            l: hash_str(bare) ^ 0x77,
            pre: hash_str(&bare[..pre_end]) ^ 0x99,
            p: upos.index() as u64,
            k: match kind {
                SegmentKind::Proclitic => 0,
                SegmentKind::Stem => 1,
                SegmentKind::Enclitic => 2,
            },
            d,
            sfx: hash_str(&scratch[sfx_start..]) ^ 0x55,
        }
    }

    /// The artificial root.
    pub fn root() -> Tok {
        Tok {
            w: 0x_0001,
            p: 17,
            k: 3,
            d: 2,
            sfx: 0x_0001,
            l: 0x_0001,
            pre: 0x_0001,
        }
    }

    /// The "no word" sentinel.
    pub fn none() -> Tok {
        Tok {
            w: 0x_0002,
            p: 18,
            k: 3,
            d: 3,
            sfx: 0x_0002,
            l: 0x_0002,
            pre: 0x_0002,
        }
    }
}

/// Collects hashed rows for one feature vector.
pub struct Rows<'a> {
    out: &'a mut Vec<usize>,
    bits: u32,
}

impl Rows<'_> {
    #[inline(always)]
    fn add(&mut self, t: u32, vals: &[u64]) {
        let h = vals.iter().fold(start(t), |h, &v| mix(h, v));
        self.out.push(row(h, self.bits));
    }
}

/// Distance bucket between two word indices (1, 2, 3, 4, 5–6, 7–9, 10+).
#[inline]
fn dist(a: u32, b: u32) -> u64 {
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// The transition classifier's features for configuration `c`.
pub fn transition_rows(c: &Config, toks: &[Tok], bits: u32, out: &mut Vec<usize>) {
    out.clear();
    let mut r = Rows { out, bits };
    let (s0i, s1i, s2i) = (c.s(0), c.s(1), c.s(2));
    let (b0i, b1i, b2i) = (c.buf(0), c.buf(1), c.buf(2));
    let t = |i: u32| toks[i as usize];
    let (s0, s1, s2, b0, b1, b2) = (t(s0i), t(s1i), t(s2i), t(b0i), t(b1i), t(b2i));
    let none = c.none();
    let s0h = if s0i != none && (s0i as usize) < c.head.len() && c.head[s0i as usize] <= c.n {
        c.head[s0i as usize]
    } else {
        none
    };
    let s0hh = t(s0h);
    let (s0l, s0r, b0l) = (
        c.lc[s0i as usize][0],
        c.rc[s0i as usize][0],
        c.lc[b0i as usize][0],
    );
    let (s0l2, s0r2, b0l2) = (
        c.lc[s0i as usize][1],
        c.rc[s0i as usize][1],
        c.lc[b0i as usize][1],
    );
    let lab = |i: u32| {
        if i == none {
            99
        } else {
            c.label[i as usize] as u64
        }
    };
    let d = if s0i != none && b0i != none {
        dist(s0i, b0i)
    } else {
        0
    };
    let hs0 = u64::from(s0i != none && c.head[s0i as usize] <= c.n);

    // Unigrams.
    r.add(1, &[s0.w, s0.p]);
    r.add(2, &[s0.w]);
    r.add(3, &[s0.p]);
    r.add(4, &[b0.w, b0.p]);
    r.add(5, &[b0.w]);
    r.add(6, &[b0.p]);
    r.add(7, &[b1.w, b1.p]);
    r.add(8, &[b1.w]);
    r.add(9, &[b1.p]);
    r.add(10, &[b2.w]);
    r.add(11, &[b2.p]);
    r.add(12, &[s1.w, s1.p]);
    r.add(13, &[s1.p]);
    r.add(14, &[s2.p]);
    // Pairs of s0 and b0.
    r.add(20, &[s0.w, s0.p, b0.w, b0.p]);
    r.add(21, &[s0.w, s0.p, b0.w]);
    r.add(22, &[s0.w, b0.w, b0.p]);
    r.add(23, &[s0.w, s0.p, b0.p]);
    r.add(24, &[s0.p, b0.w, b0.p]);
    r.add(25, &[s0.w, b0.w]);
    r.add(26, &[s0.p, b0.p]);
    r.add(27, &[b0.p, b1.p]);
    // Trigrams of tags.
    r.add(30, &[b0.p, b1.p, b2.p]);
    r.add(31, &[s0.p, b0.p, b1.p]);
    r.add(32, &[t(s0h).p, s0.p, b0.p]);
    r.add(33, &[s0.p, t(s0l).p, b0.p]);
    r.add(34, &[s0.p, t(s0r).p, b0.p]);
    r.add(35, &[s0.p, b0.p, t(b0l).p]);
    r.add(36, &[s1.p, s0.p, b0.p]);
    r.add(37, &[s1.p, s0.p]);
    // Distance.
    r.add(40, &[s0.w, d]);
    r.add(41, &[s0.p, d]);
    r.add(42, &[b0.w, d]);
    r.add(43, &[b0.p, d]);
    r.add(44, &[s0.w, b0.w, d]);
    r.add(45, &[s0.p, b0.p, d]);
    valency_rows(&mut r, c, [s0i, b0i], s0, b0);
    // Second-order: heads and children.
    r.add(60, &[s0hh.w]);
    r.add(61, &[s0hh.p]);
    r.add(62, &[lab(s0i), hs0]);
    r.add(63, &[t(s0l).w]);
    r.add(64, &[t(s0l).p]);
    r.add(65, &[lab(s0l)]);
    r.add(66, &[t(s0r).w]);
    r.add(67, &[t(s0r).p]);
    r.add(68, &[lab(s0r)]);
    r.add(69, &[t(b0l).w]);
    r.add(70, &[t(b0l).p]);
    r.add(71, &[lab(b0l)]);
    // Third-order.
    r.add(80, &[s0.p, t(s0l).p, t(s0l2).p]);
    r.add(81, &[s0.p, t(s0r).p, t(s0r2).p]);
    r.add(82, &[b0.p, t(b0l).p, t(b0l2).p]);
    r.add(83, &[s0.p, lab(s0l), lab(s0l2)]);
    r.add(84, &[s0.p, lab(s0r), lab(s0r2)]);
    let b0ll = lab(b0l);
    arabic_rows(&mut r, [s0, s1, b0, b1, s0hh], d, hs0, [b0ll, lab(s0i)]);
}

/// Valency and label-set features of s0 and b0: how many dependents each has on each side and
/// which labels they carry.
fn valency_rows(r: &mut Rows<'_>, c: &Config, [s0i, b0i]: [u32; 2], s0: Tok, b0: Tok) {
    // Valency.
    let vs0 = c.valency[s0i as usize];
    let vb0 = c.valency[b0i as usize];
    r.add(50, &[s0.w, vs0[1] as u64]);
    r.add(51, &[s0.p, vs0[1] as u64]);
    r.add(52, &[s0.w, vs0[0] as u64]);
    r.add(53, &[s0.p, vs0[0] as u64]);
    r.add(54, &[b0.w, vb0[0] as u64]);
    r.add(55, &[b0.p, vb0[0] as u64]);
    // Label sets.
    let ls0 = c.labelset[s0i as usize];
    let lb0 = c.labelset[b0i as usize];
    r.add(90, &[s0.w, ls0[1]]);
    r.add(91, &[s0.p, ls0[1]]);
    r.add(92, &[s0.w, ls0[0]]);
    r.add(93, &[s0.p, ls0[0]]);
    r.add(94, &[b0.w, lb0[0]]);
    r.add(95, &[b0.p, lb0[0]]);
}

/// The Arabic cues of a transition: clitic kinds, the article, word endings, article-free forms
/// and prefixes, and coordination (the second conjunct's «و» against the candidates).
fn arabic_rows(r: &mut Rows<'_>, toks: [Tok; 5], d: u64, hs0: u64, labels: [u64; 2]) {
    let [s0, s1, b0, b1, s0hh] = toks;
    let [b0ll, s0lab] = labels;
    // Clitic kinds, the article, word endings, «has s0 a head».
    r.add(100, &[s0.k, b0.k, s0.p, b0.p]);
    r.add(101, &[s0.d, b0.d, s0.p, b0.p]);
    r.add(102, &[s0.sfx, b0.sfx, s0.p, b0.p]);
    r.add(103, &[s0.sfx, s0.p]);
    r.add(104, &[b0.sfx, b0.p]);
    r.add(105, &[hs0, s0.p, b0.p]);
    r.add(106, &[b0.d, b1.d, b0.p, b1.p]);
    r.add(107, &[s0.p, b0.p, b0.k, b1.p]);
    // Article-free forms and prefixes: fewer, denser lexical features for a small treebank.
    r.add(110, &[s0.l, s0.p]);
    r.add(111, &[b0.l, b0.p]);
    r.add(112, &[s0.l, b0.l]);
    r.add(113, &[s0.l, b0.p, d]);
    r.add(114, &[s0.p, b0.l, d]);
    r.add(115, &[s0.pre, b0.pre, s0.p, b0.p]);
    r.add(116, &[b1.l, b0.p]);
    r.add(117, &[s0hh.l, s0.p, b0.p]);
    // Coordination: the second conjunct's left children (its «و») against the candidates.
    r.add(120, &[b0ll, s0.p, b0.p, s0.d, b0.d]);
    r.add(121, &[b0ll, s1.p, b0.p]);
    r.add(122, &[b0ll, s0.sfx, b0.sfx]);
    r.add(123, &[b0ll, s0lab, s0.p, b0.p]);
}

/// The label classifier's features for the arc `h → d` in configuration `c` (made before the
/// arc is added).
pub fn label_rows(c: &Config, toks: &[Tok], h: u32, d: u32, bits: u32, out: &mut Vec<usize>) {
    out.clear();
    let mut r = Rows { out, bits };
    let t = |i: u32| toks[i as usize];
    let (ht, dt) = (t(h), t(d));
    let dir = u64::from(d > h);
    let dd = dist(h, d);
    let none = c.none();
    let hh = if h != 0 && c.head[h as usize] <= c.n {
        c.head[h as usize]
    } else {
        none
    };
    let (dl, dr) = (c.lc[d as usize][0], c.rc[d as usize][0]);
    let next = t(if d < c.n { d + 1 } else { none });
    let prev = t(if d > 1 { d - 1 } else { none });
    r.add(200, &[dir]);
    r.add(201, &[dt.w, dt.p, dir]);
    r.add(202, &[dt.p, dir]);
    r.add(203, &[ht.w, ht.p, dir]);
    r.add(204, &[ht.p, dir]);
    r.add(205, &[ht.p, dt.p, dir]);
    r.add(206, &[ht.w, dt.p, dir]);
    r.add(207, &[ht.p, dt.w, dir]);
    r.add(208, &[ht.w, dt.w, dir]);
    r.add(209, &[ht.p, dt.p, dir, dd]);
    r.add(210, &[ht.p, dt.p, dt.d, ht.d, dir]);
    r.add(211, &[ht.p, dt.p, dt.k, dir]);
    r.add(212, &[dt.sfx, dt.p, ht.p, dir]);
    r.add(213, &[t(hh).p, ht.p, dt.p, dir]);
    r.add(214, &[t(dl).p, dt.p, ht.p, dir]);
    r.add(215, &[t(dr).p, dt.p, ht.p]);
    r.add(216, &[t(dl).w, dt.p]);
    r.add(217, &[ht.p, dt.p, next.p, dir]);
    r.add(218, &[ht.p, dt.p, prev.p, dir]);
    r.add(
        219,
        &[
            c.valency[h as usize][usize::from(d > h)] as u64,
            ht.p,
            dt.p,
            dir,
        ],
    );
    let hl = if h != 0 && c.head[h as usize] <= c.n {
        c.label[h as usize] as u64
    } else {
        99
    };
    r.add(220, &[hl, ht.p, dt.p, dir]);
    r.add(
        221,
        &[c.labelset[h as usize][usize::from(d > h)], dt.p, dir],
    );
    r.add(222, &[dt.l, dt.p, dir]);
    r.add(223, &[ht.l, dt.l, dir]);
    r.add(224, &[dt.pre, dt.p, ht.p, dir]);
}
