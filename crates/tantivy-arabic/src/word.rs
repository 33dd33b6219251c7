//! The keys of one Arabic word: its clitic-free stem, its whole surface, its Latin skeleton.
//!
//! Working out a word's keys runs the segmenter and the romanizer, which cost microseconds;
//! news vocabulary is Zipfian, so a per-thread cache of recent words pays for itself many times.

use isnad_text::translit::latin_skeleton;
use std::cell::RefCell;
use std::collections::HashMap;

/// The keys a surface Arabic word is indexed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordKeys {
    /// Search key of the word with its clitics and article removed: what queries match.
    pub stem: String,
    /// Search key of the whole surface word (for exact, clitic-included matches).
    pub surface: String,
    /// Consonant skeleton of the stem's romanization, so Latin spellings find it; empty when
    /// shorter than two consonants (too ambiguous to be worth a posting).
    pub skeleton: String,
}

/// Past this many distinct words the per-thread cache starts over, bounding its memory.
const CACHE_LIMIT: usize = 200_000;

thread_local! {
    static CACHE: RefCell<HashMap<Box<str>, WordKeys>> = RefCell::new(HashMap::new());
}

/// The keys of an Arabic word (with per-thread caching).
pub fn word_keys(word: &str) -> WordKeys {
    with_word_keys(word, WordKeys::clone)
}

/// Calls `f` with the keys of an Arabic word borrowed from the per-thread cache, so a hot loop
/// copies only the keys it uses instead of all three.
pub fn with_word_keys<R>(word: &str, f: impl FnOnce(&WordKeys) -> R) -> R {
    CACHE.with(|cache| {
        if let Some(hit) = cache.borrow().get(word) {
            return f(hit);
        }
        let keys = compute(word);
        let result = f(&keys);
        let mut map = cache.borrow_mut();
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert(word.into(), keys);
        result
    })
}

/// Longer "words" are junk (a run of letters with no spaces): no real word has clitics to strip
/// or a name to romanize there, and the segmenter's cost grows with length.
const MAX_ANALYZED_CHARS: usize = 40;

fn compute(word: &str) -> WordKeys {
    let surface = term_key(word);
    if word.chars().nth(MAX_ANALYZED_CHARS).is_some() {
        return WordKeys {
            stem: surface.clone(),
            surface,
            skeleton: String::new(),
        };
    }
    let stem_text = stem_of(word);
    let stem = term_key(&stem_text);
    let skeleton = arabic_skeleton(&stem_text);
    WordKeys {
        stem,
        surface,
        skeleton,
    }
}

/// The key a word is indexed and queried under: the text core's display normalization for the
/// Arabic presentation forms (ﺩﺍﻋﺶ → داعش), then isnad's one key fold ([`isnad_doc::fold_key`]:
/// diacritics, tatweel and invisibles dropped, أإآٱ→ا, ى→ي, ة→ه, ؤ/ئ→ء, ک→ك, digits ASCII,
/// lowercase), then one search tolerance, [`drop_final_hamza`].
pub fn term_key(text: &str) -> String {
    let key = if text.chars().any(is_presentation_form) {
        let plain = isnad_text::normalize(text, isnad_text::Level::Display).text;
        isnad_doc::fold_key(&plain)
    } else {
        isnad_doc::fold_key(text)
    };
    drop_final_hamza(key)
}

/// A search tolerance over a folded key: a word-final hamza is dropped (سماء / سما, شاطئ /
/// شاطء), since writers and queries leave it off; a word keeps at least two letters.
pub fn drop_final_hamza(mut key: String) -> String {
    if key.ends_with('ء') && key.chars().nth(2).is_some() {
        key.pop();
    }
    key
}

/// Arabic Presentation Forms-A and -B: glyph variants that old software and evasion put in place
/// of letters; the one fold does not know them, the text core's display level does.
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// The Latin skeleton of an Arabic stem (already free of clitics and article).
fn arabic_skeleton(stem: &str) -> String {
    let roman = isnad_text::translit::romanize_name(stem);
    let skeleton = latin_skeleton(&roman);
    if skeleton.len() >= 2 {
        skeleton
    } else {
        String::new()
    }
}

/// The stem of a surface word, in surface spelling where possible, without clitics or article.
#[cfg(feature = "morph")]
fn stem_of(word: &str) -> String {
    let segments = isnad_morph::Morphology::global().segment(word);
    let Some(stem) = segments
        .iter()
        .find(|s| s.kind == isnad_morph::SegmentKind::Stem)
    else {
        return word.to_string();
    };
    // The form is in PADT spelling: it restores the article's alef after ل (للأسلحة → ل +
    // الأسلحة) and the ة before a pronoun (عائلته → عائلة + ه), which is what a query types.
    let form = stem.form.as_str();
    let without_article = match isnad_morph::strip_article(form) {
        Some(n) => form.char_indices().nth(n).map_or("", |(b, _)| &form[b..]),
        None => form,
    };
    if without_article.is_empty() {
        word.to_string()
    } else {
        without_article.to_string()
    }
}

/// Without the segmenter: isnad's one light stemmer ([`isnad_doc::light_stem`]: the article
/// with what is written before it, one pronoun suffix).
#[cfg(not(feature = "morph"))]
fn stem_of(word: &str) -> String {
    isnad_doc::light_stem(&term_key(word)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hamza_seats_fold() {
        assert_eq!(term_key("مسؤول"), term_key("مسئول"));
        assert_eq!(term_key("شؤون"), term_key("شئون"));
        assert_eq!(term_key("سماء"), term_key("سما"));
        assert_eq!(term_key("شاطئ"), term_key("شاطء"));
        assert_ne!(term_key("رئيس"), term_key("ريس"));
        assert_eq!(term_key("ﺩﺍﻋﺶ"), "داعش");
        assert_eq!(term_key("جزء"), "جز");
        assert_eq!(term_key("ماء"), "ما");
        assert_eq!(term_key("بء"), "بء", "a word keeps two letters");
    }

    #[test]
    fn clitics_leave_the_stem() {
        let base = word_keys("كتاب").stem;
        for w in ["الكتاب", "وبالكتاب", "كتابه", "للكتاب"] {
            assert_eq!(word_keys(w).stem, base, "{w}");
        }
    }
}
