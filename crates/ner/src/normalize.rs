//! Orthographic normalization used for feature keys, gazetteer keys and cluster lookups.
//!
//! It folds the spelling variation that news text shows for one word (diacritics, tatweel, hamza-on-alef
//! forms, final ya/alef maqsura, ta marbuta/ha, Arabic-Indic digits, Latin case) so that features
//! learned on one spelling fire for the others.

/// Returns true for Arabic diacritics (harakat, tanwin, shadda, sukun, dagger alef) and tatweel.
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
}

/// Folds one character; `None` drops it.
#[inline]
fn fold(c: char) -> Option<char> {
    if is_mark(c) || c == '\u{200E}' || c == '\u{200F}' || c == '\u{200C}' || c == '\u{200D}' {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        '٠'..='٩' => char::from_u32(c as u32 - 0x0660 + '0' as u32).unwrap_or(c),
        '۰'..='۹' => char::from_u32(c as u32 - 0x06F0 + '0' as u32).unwrap_or(c),
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    })
}

/// The normalized key of a word, written into `out` (cleared first) to avoid allocation in hot loops.
pub(crate) fn key_into(word: &str, out: &mut String) {
    out.clear();
    out.extend(word.chars().filter_map(fold));
}

/// The normalized key of a word.
///
/// Part of the NER model format: feature hashes, gazetteer and memory entries, cluster lookups
/// and the cue-word classes are all keyed by it, so the committed models (`models/ner.bin.zst`,
/// `models/ner-wiki.bin.zst`, `models/clusters.bin.zst`) only work with this exact fold. It is
/// deliberately not [`isnad_doc::fold_key`] (which also folds seated hamzas and Persian letters):
/// changing it, or replacing it with that fold, requires retraining the models.
pub fn norm_key(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    key_into(word, &mut s);
    s
}

/// True if the character is an Arabic letter (not a mark, digit or punctuation).
#[inline]
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_variants() {
        assert_eq!(norm_key("أَحْمَد"), "احمد");
        assert_eq!(norm_key("إلى"), "الي");
        assert_eq!(norm_key("مدرسة"), "مدرسه");
        assert_eq!(norm_key("٢٠١٥"), "2015");
        assert_eq!(norm_key("NATO"), "nato");
        assert_eq!(norm_key("عـــلي"), "علي");
    }
}
