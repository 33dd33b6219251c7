//! Document-level evidence for the second tagging pass (stacking).
//!
//! News repeats names: «الأعرجي» may follow a title once and stand bare five times. The first pass
//! tags every sentence alone; the second pass sees, for each word, how the first pass labelled the same
//! word in the surrounding sentences (a sliding window standing in for the article) and can propagate a
//! confident label to the bare mentions.

use crate::features::{Stacked, TokInfo};
use crate::label::BioTag;
use isnad_learn::FastMap;

/// Sentences on each side that count as the same document.
pub(crate) const WINDOW: usize = 20;

fn label_slot(tag: usize) -> usize {
    BioTag::from_index(tag).label().map_or(0, |l| 1 + l.index())
}

fn counts_word(t: &TokInfo) -> bool {
    matches!(t.shape, b'A' | b'L' | b'C' | b'M') && t.bare.chars().count() >= 2
}

/// Fills `stack` of every token from the first-pass tags `pass1` (same shape as `doc`).
pub(crate) fn apply(doc: &mut [Vec<TokInfo>], pass1: &[Vec<usize>]) {
    let stacked = compute(doc, pass1);
    for (s, st) in doc.iter_mut().zip(stacked) {
        for (t, x) in s.iter_mut().zip(st) {
            t.stack = Some(x);
        }
    }
}

/// Adds (`sign` = 1) or removes (-1) one sentence's words to the window counts.
fn add<'a>(counts: &mut FastMap<&'a str, [u32; 5]>, s: &'a [TokInfo], tags: &[usize], sign: i64) {
    for (t, &tag) in s.iter().zip(tags) {
        if counts_word(t) {
            let c = counts.entry(t.bare.as_str()).or_insert([0; 5]);
            let slot = &mut c[label_slot(tag)];
            *slot = (*slot as i64 + sign).max(0) as u32;
        }
    }
}

/// The evidence per token; keys borrow from `doc`, so nothing is cloned.
fn compute(doc: &[Vec<TokInfo>], pass1: &[Vec<usize>]) -> Vec<Vec<Stacked>> {
    let n = doc.len();
    let mut counts: FastMap<&str, [u32; 5]> = FastMap::default();
    let mut out = Vec::with_capacity(n);
    // Window [lo, hi) around sentence si, maintained incrementally.
    let (mut lo, mut hi) = (0usize, 0usize);
    for si in 0..n {
        let want_lo = si.saturating_sub(WINDOW);
        let want_hi = (si + WINDOW + 1).min(n);
        while hi < want_hi {
            add(&mut counts, &doc[hi], &pass1[hi], 1);
            hi += 1;
        }
        while lo < want_lo {
            add(&mut counts, &doc[lo], &pass1[lo], -1);
            lo += 1;
        }
        out.push(
            doc[si]
                .iter()
                .zip(&pass1[si])
                .map(|(t, &tag)| evidence(t, tag, &counts))
                .collect(),
        );
    }
    out
}

fn evidence(t: &TokInfo, tag: usize, counts: &FastMap<&str, [u32; 5]>) -> Stacked {
    let mut st = Stacked {
        own: tag as u8,
        ..Stacked::default()
    };
    if !counts_word(t) {
        return st;
    }
    let mut c = counts.get(t.bare.as_str()).copied().unwrap_or([0; 5]);
    let own = &mut c[label_slot(tag)];
    *own = own.saturating_sub(1);
    let total: u32 = c.iter().sum();
    if total == 0 {
        return st;
    }
    let (best, bc) = c[1..]
        .iter()
        .enumerate()
        .max_by_key(|(i, &v)| (v, std::cmp::Reverse(*i)))
        .map_or((0, 0), |(i, &v)| (i, v));
    if bc == 0 {
        st.doc_label = 5;
        st.doc_share = 2;
    } else {
        st.doc_label = 1 + best as u8;
        let share = bc as f32 / total as f32;
        st.doc_share = if share < 0.34 {
            0
        } else if share < 0.67 {
            1
        } else {
            2
        };
    }
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(w: &str) -> TokInfo {
        TokInfo {
            bare: w.to_string(),
            shape: b'A',
            ..TokInfo::default()
        }
    }

    #[test]
    fn propagates_majority_label_from_other_sentences() {
        let mut doc = vec![
            vec![tok("الرئيس"), tok("عرفات")],
            vec![tok("قال"), tok("عرفات")],
            vec![tok("عرفات")],
        ];
        // Pass 1 found the name after the title (B-PER = 1) but missed it elsewhere.
        let pass1 = vec![vec![0, 1], vec![0, 0], vec![0]];
        apply(&mut doc, &pass1);
        let st = doc[2][0].stack.expect("stacked");
        assert_eq!((st.doc_label, st.doc_share), (1, 1));
        let st = doc[1][0].stack.expect("stacked");
        assert_eq!(st.doc_label, 0);
    }
}
