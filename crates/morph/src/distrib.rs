//! Distributional signatures of word forms, counted in unlabelled news text.
//!
//! PADT train has 224K words, so many test words are unseen and the tagger
//! must guess NOUN, ADJ or X (foreign names) from letters alone. A large raw
//! corpus says how a form *behaves*: common nouns take the article and
//! possessive pronouns, adjectives have feminine and plural partners,
//! foreign names take neither. Each base form (article stripped, lightly
//! normalised) gets a 16-bit code: a log-frequency bucket plus how often its
//! article, proclitic, pronoun-suffix, feminine, plural and nisba variants
//! occur. Nothing is learned from labels here, so no jackknifing is needed.
//!
//! This module holds the lookup key, which inference needs; the counting is
//! in `tagger/unlabeled.rs` (feature `train`).

/// Normalises one letter for counting: hamza-on-alef → alef, alef maqsura →
/// ya (corpora mix them at word end), drops diacritics and tatweel; `None`
/// for a character that is not an Arabic letter (a token boundary).
#[inline]
pub(crate) fn norm_char(c: char) -> Option<Option<char>> {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some(Some('ا')),
        'ى' => Some(Some('ي')),
        '\u{0640}' | '\u{064B}'..='\u{0652}' | '\u{0670}' => Some(None),
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => Some(Some(c)),
        _ => None,
    }
}

/// The lookup key of a form: normalised letters without a leading article;
/// empty when the form has a non-letter.
pub(crate) fn base_key(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars() {
        match norm_char(c) {
            Some(Some(c)) => out.push(c),
            Some(None) => {}
            None => {
                out.clear();
                return;
            }
        }
    }
    if out.len() > 3 * 2 && out.starts_with("ال") {
        out.drain(..'ا'.len_utf8() + 'ل'.len_utf8());
    }
}
