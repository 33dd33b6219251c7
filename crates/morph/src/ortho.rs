//! Orthography helpers: letter folding, the article splitter, and the
//! alignment of PADT syntactic-word forms to the surface word they came from.

/// Arabic diacritics (tanween, short vowels, shadda, sukun, dagger alef) and tatweel.
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}')
}

/// Folds the letters PADT restores but running text often writes loosely:
/// alef/hamza seats to bare alef, alef maqsura to ya, ta marbuta to ha,
/// hamza on waw/ya to the bare letter. Marks fold to `None` (ignored).
#[inline]
pub(crate) fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        c if is_mark(c) => return None,
        c => c,
    })
}

/// Folds a whole string (see [`fold_char`]); used as a lexicon key.
pub(crate) fn fold(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// Aligns the syntactic-word forms of a multiword token to its surface.
///
/// Returns the surface code-point boundaries (start of each part; the first
/// is 0) and the alignment cost, or `None` when no alignment within the
/// allowed edits exists. Allowed, at no cost: letters equal after
/// [`fold_char`], a part-final `ة` written `ت` and a part-final `ى` written
/// `ا`/`ي` before another part, surface marks. At cost 1: dropping the first
/// or last letter of a part at a part boundary (the article's alef in `لل`,
/// the `ن` of `عن`/`من` before `ما`/`من`, a doubled letter written once).
/// Every part must keep at least one surface letter.
pub(crate) fn align_parts(surface: &[char], parts: &[Vec<char>]) -> Option<(Vec<usize>, u32)> {
    const MAX_COST: u32 = 2;
    const INF: u32 = u32::MAX / 4;
    // Flatten the parts, remembering for each char its part and edge flags.
    let mut flat: Vec<(char, usize, bool, bool)> = Vec::new();
    for (pi, p) in parts.iter().enumerate() {
        for (ci, &c) in p.iter().enumerate() {
            flat.push((c, pi, ci == 0, ci + 1 == p.len()));
        }
    }
    let np = parts.len();
    let (m, n) = (flat.len(), surface.len());
    let w = n + 1;
    // cost[i][j]: best cost aligning flat[..i] with surface[..j]; back: op taken.
    let mut cost = vec![INF; (m + 1) * w];
    let mut back = vec![0u8; (m + 1) * w];
    cost[0] = 0;
    for i in 0..=m {
        for j in 0..=n {
            let cur = cost[i * w + j];
            if cur >= INF {
                continue;
            }
            // Skip a surface mark.
            if j < n && is_mark(surface[j]) && cur < cost[i * w + j + 1] {
                cost[i * w + j + 1] = cur;
                back[i * w + j + 1] = 3;
            }
            if i == m {
                continue;
            }
            let (pc, pi, first, last) = flat[i];
            // Marks inside forms are skipped for free.
            if is_mark(pc) {
                if cur < cost[(i + 1) * w + j] {
                    cost[(i + 1) * w + j] = cur;
                    back[(i + 1) * w + j] = 2;
                }
                continue;
            }
            if j < n {
                let sc = surface[j];
                let inner_end = last && pi + 1 < np;
                let ok = fold_char(pc) == fold_char(sc)
                    || (inner_end && pc == 'ة' && sc == 'ت')
                    || (inner_end && pc == 'ى' && (sc == 'ا' || sc == 'ي'))
                    || (inner_end && pc == 'ي' && sc == 'ا');
                if ok && cur < cost[(i + 1) * w + j + 1] {
                    cost[(i + 1) * w + j + 1] = cur;
                    back[(i + 1) * w + j + 1] = 1;
                }
            }
            let droppable = (first && pi > 0) || (last && pi + 1 < np);
            if droppable && cur < MAX_COST && cur + 1 < cost[(i + 1) * w + j] {
                cost[(i + 1) * w + j] = cur + 1;
                back[(i + 1) * w + j] = 4;
            }
        }
    }
    let total = cost[m * w + n];
    if total > MAX_COST {
        return None;
    }
    // Backtrack: record the first surface index matched by each part.
    let mut first_match = vec![usize::MAX; np];
    let (mut i, mut j) = (m, n);
    while i > 0 || j > 0 {
        match back[i * w + j] {
            1 => {
                first_match[flat[i - 1].1] = j - 1;
                i -= 1;
                j -= 1;
            }
            2 | 4 => i -= 1,
            3 => j -= 1,
            _ => return None,
        }
    }
    if first_match.contains(&usize::MAX) {
        return None;
    }
    let mut starts = first_match;
    starts[0] = 0;
    if starts.windows(2).any(|p| p[0] >= p[1]) {
        return None;
    }
    Some((starts, total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip_article;

    fn al(s: &str, parts: &[&str]) -> Option<Vec<usize>> {
        let s: Vec<char> = s.chars().collect();
        let p: Vec<Vec<char>> = parts.iter().map(|p| p.chars().collect()).collect();
        align_parts(&s, &p).map(|(b, _)| b)
    }

    #[test]
    fn aligns_common_mwts() {
        assert_eq!(al("للاسلحة", &["ل", "الأسلحة"]), Some(vec![0, 1]));
        assert_eq!(al("عائلته", &["عائلة", "ه"]), Some(vec![0, 5]));
        assert_eq!(al("منفاه", &["منفى", "ه"]), Some(vec![0, 4]));
        assert_eq!(al("وفي", &["و", "في"]), Some(vec![0, 1]));
        assert_eq!(al("عما", &["عن", "ما"]), Some(vec![0, 1]));
        assert_eq!(al("عليه", &["على", "ه"]), Some(vec![0, 3]));
        assert_eq!(al("وفي", &["و", "في", "نيسان"]), None);
    }

    #[test]
    fn strips_article() {
        assert_eq!(strip_article("الأسلحة"), Some(2));
        assert_eq!(strip_article("الذي"), None);
        assert_eq!(strip_article("لبنان"), None);
        assert_eq!(strip_article("الى"), None);
    }
}
