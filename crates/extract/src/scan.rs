//! Word scanning over the original text: one pass that records code-point offsets and a folded
//! form of every word, so later stages can match lexicons without re-normalizing.

/// The broad class of a scanned word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordKind {
    /// Letters (Arabic or Latin).
    Alpha,
    /// Digits (ASCII or Arabic-Indic).
    Digit,
}

/// A word of the original text with its folded form.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Code-point offset of the first char.
    pub start: usize,
    /// Code-point offset one past the last char.
    pub end: usize,
    /// Folded form: no diacritics or tatweel, alef/ya/ta-marbuta/hamza-seat variants unified.
    pub norm: String,
    /// Letters or digits.
    pub kind: WordKind,
}

/// Diacritics and tatweel are dropped by folding; they never split a word.
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

#[inline]
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// Folds one char to the form lexicons are written in; `None` drops it.
#[inline]
pub(crate) fn fold_char(c: char) -> Option<char> {
    if is_mark(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c.to_lowercase().next().unwrap_or(c),
    })
}

/// Folds a whole string (used for lexicon entries and entity names).
pub(crate) fn fold(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// Splits `chars` into words. Letters and digits form separate words even when glued
/// («تموز2012»), because dates and quantities need the number on its own.
pub(crate) fn scan(chars: &[char]) -> Vec<Word> {
    let mut words = Vec::with_capacity(chars.len() / 5);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let kind = if is_digit(c) {
            WordKind::Digit
        } else if c.is_alphabetic() {
            WordKind::Alpha
        } else {
            i += 1;
            continue;
        };
        let start = i;
        let mut norm = String::new();
        while i < chars.len() {
            let c = chars[i];
            let same = match kind {
                WordKind::Digit => is_digit(c),
                WordKind::Alpha => (c.is_alphabetic() && !is_digit(c)) || is_mark(c),
            };
            if !same {
                break;
            }
            if let Some(f) = fold_char(c) {
                norm.push(f);
            }
            i += 1;
        }
        words.push(Word {
            start,
            end: i,
            norm,
            kind,
        });
    }
    words
}

/// Strips one leading conjunction (و or ف) when what remains is still a plausible word.
pub(crate) fn strip_conj(w: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    w
}

/// The candidate bases of a word after removing up to two proclitics (و ف ب ل ك and ال),
/// most specific first. Used to match lexicon stems cheaply without a full segmenter.
pub(crate) fn bases(w: &str) -> Vec<&str> {
    let mut out = vec![w];
    let mut frontier = vec![w];
    for _ in 0..3 {
        let mut next = Vec::new();
        for v in frontier {
            for p in ["و", "ف", "ب", "ل", "ك", "ال", "لل"] {
                if let Some(rest) = v.strip_prefix(p) {
                    if rest.chars().count() >= 2 && !out.contains(&rest) {
                        out.push(rest);
                        next.push(rest);
                    }
                }
            }
        }
        frontier = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_letters_from_digits_and_folds() {
        let chars: Vec<char> = "تموز2012 وأكّد".chars().collect();
        let w = scan(&chars);
        assert_eq!(w.len(), 3);
        assert_eq!(w[0].norm, "تموز");
        assert_eq!((w[1].start, w[1].end, w[1].kind), (4, 8, WordKind::Digit));
        assert_eq!(w[2].norm, "واكد");
        assert_eq!(strip_conj(&w[2].norm), "اكد");
    }

    #[test]
    fn bases_strip_stacked_proclitics() {
        assert!(bases("وللولايه").contains(&"ولايه"));
        assert!(bases("بالتعاون").contains(&"تعاون"));
    }
}
