//! The one key fold of isnad: the spelling-insensitive form under which words are looked up in
//! word lists, compared across mentions and documents, and keyed in models.
//!
//! Arabic news spells one word many ways: diacritics or none, tatweel, hamza on or off the alef,
//! final ya or alef maqsura, ta marbuta or ha, seated hamzas that house styles swap, Persian
//! lookalike letters, Arabic-Indic digits, Latin in any case. Every stage that asks "is this the
//! same word?" folds both sides with [`fold_key`], so a list written in full spelling
//! («الرئيس», «القائد») matches every variant in the text, and two stages never disagree about
//! a word because they folded it differently.
//!
//! The fold is per character and never changes the number of words: it only drops marks and maps
//! one letter to another, so a folded word can be matched against the text it came from.

/// Arabic diacritics (harakat, tanwin, shadda, sukun, dagger alef), Quranic marks and tatweel:
/// dropped by the fold, and never a word boundary.
#[inline]
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
}

/// Zero-width and bidi format characters that carry no letter: dropped by the fold.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{061C}'
    )
}

/// Folds one character; `None` drops it.
///
/// أ إ آ ٱ → ا; ى ی → ي; ة → ه; ؤ ئ → ء (house styles swap the seats: مسؤول / مسئول); ک → ك; Arabic-Indic and Persian digits → ASCII;
/// letters lowercased; marks and invisibles dropped; everything else kept.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    if is_mark(c) || is_invisible(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ؤ' | 'ئ' => 'ء',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        'A'..='Z' => c.to_ascii_lowercase(),
        c if c.is_ascii() => c,
        c => c.to_lowercase().next().unwrap_or(c),
    })
}

/// The folded key of `s` (see [`fold_char`]).
///
/// ```
/// use isnad_doc::fold_key;
/// assert_eq!(fold_key("الرَّئِيسُ"), fold_key("الرئيس"));
/// assert_eq!(fold_key("مسؤول"), fold_key("مسئول"));
/// assert_eq!(fold_key("٢٠١٥"), "2015");
/// assert_eq!(fold_key("NATO"), "nato");
/// ```
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Writes the folded key of `s` into `out` (cleared first), so hot loops do not allocate.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    out.extend(s.chars().filter_map(fold_char));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_the_variants_news_mixes() {
        assert_eq!(fold_key("أَحْمَد"), "احمد");
        assert_eq!(fold_key("إلى"), "الي");
        assert_eq!(fold_key("مدرسة"), "مدرسه");
        assert_eq!(fold_key("عـــلي"), "علي");
        assert_eq!(fold_key("شئون"), fold_key("شؤون"));
        assert_eq!(fold_key("کتاب"), "كتاب");
        assert_eq!(fold_key("۱۲"), "12");
        assert_eq!(fold_key("ÉTAT"), "état");
        assert_eq!(fold_key("حماس\u{200F}"), "حماس");
    }

    proptest! {
        #[test]
        fn idempotent(s in "\\PC{0,40}") {
            let once = fold_key(&s);
            prop_assert_eq!(fold_key(&once), once);
        }

        #[test]
        fn never_adds_chars(s in "\\PC{0,40}") {
            prop_assert!(fold_key(&s).chars().count() <= s.chars().count());
        }
    }
}
