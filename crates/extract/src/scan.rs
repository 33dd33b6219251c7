//! Word scanning over the original text: one pass that records code-point offsets and the folded
//! key ([`isnad_doc::fold_key`]) of every word, so later stages match word lists without folding
//! again. Also the light stemmer the word lists are matched through.

use isnad_doc::{fold_char, is_mark};

use crate::words;

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
    /// Folded key ([`isnad_doc::fold_key`]): the form word lists are looked up in.
    pub norm: String,
    /// Letters or digits.
    pub kind: WordKind,
}

#[inline]
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
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
    for p in words::conjunctions().keys() {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    w
}

/// The candidate bases of a word after removing up to three stacked proclitics (و ف ب ل ك, the
/// article and لل), most specific first.
///
/// This light stemmer stays beside the learned segmenter on purpose: it returns *every*
/// candidate base, and the word lists are matched against each of them, whereas the segmenter
/// commits to one analysis (and covers only the words whose edges the tokenizer and the
/// scanner agree on). The rules that read it are the surface fallback and the list lookups
/// whose results were tuned on these candidates.
pub(crate) fn bases(w: &str) -> Vec<&str> {
    let mut out = vec![w];
    let mut frontier = vec![w];
    for _ in 0..3 {
        let mut next = Vec::new();
        for v in frontier {
            for p in words::proclitics().keys() {
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
