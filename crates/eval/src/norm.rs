//! The scorer's text normalization: exactly `norm` and `variants` of `shared/tools/score.py`.

use std::collections::BTreeSet;

/// Diacritics and tatweel, as the scorer's `DIACRITICS` class.
fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Quote marks, as the scorer's `QUOTES` class.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '«' | '»' | '‘' | '’' | '„' | '‹' | '›'
    )
}

/// Combining marks: Python's `\w` excludes them (they are not `isalnum`), while Rust's
/// `is_alphanumeric` counts some of them as alphabetic.
fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' | '\u{08D3}'..='\u{08FF}' | '\u{200C}' | '\u{200D}')
}

/// A character Python's `\w` matches.
fn is_word(c: char) -> bool {
    c == '_' || (c.is_alphanumeric() && !is_combining(c))
}

/// The scorer's normal form: no diacritics or quote marks, alef/ya/ta-marbuta variants folded,
/// every other non-word character a space, whitespace collapsed.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_diacritic(c) || is_quote(c) {
            continue;
        }
        let c = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' => 'ي',
            'ة' => 'ه',
            'ک' => 'ك',
            c => c,
        };
        out.push(if is_word(c) || c.is_whitespace() {
            c
        } else {
            ' '
        });
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The normal form, and the forms left after stripping up to two leading proclitics
/// (و ف, then ب ل ك, with «لل» read as «ال»).
pub fn variants(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert(norm(s));
    for _ in 0..2 {
        let snapshot: Vec<String> = out.iter().cloned().collect();
        for v in snapshot {
            let mut chars = v.chars();
            let Some(first) = chars.next() else { continue };
            let rest: String = chars.collect();
            if v.chars().count() <= 3 {
                continue;
            }
            if "وف".contains(first) {
                out.insert(rest.clone());
            }
            if "بلك".contains(first) {
                if rest.starts_with('ل') {
                    out.insert(format!("ا{rest}"));
                }
                out.insert(rest);
            }
        }
    }
    out.retain(|v| !v.is_empty());
    out
}

/// The scorer's tokens: the normal form split on whitespace.
pub(crate) fn tokens(s: &str) -> BTreeSet<String> {
    norm(s).split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_scorer() {
        assert_eq!(norm("«حَمـاس»"), "حماس");
        assert_eq!(norm("تنظيم “داعش”، أمس"), "تنظيم داعش امس");
        assert_eq!(norm("الدولة-الإسلامية"), "الدوله الاسلاميه");
    }

    #[test]
    fn strips_proclitics() {
        let v = variants("وللجيش");
        assert!(v.contains("للجيش"));
        assert!(v.contains("الجيش"));
        assert!(v.contains("لجيش"));
        assert_eq!(variants("وزن").len(), 1);
    }
}
