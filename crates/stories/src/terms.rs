//! Words, clitic-light stems and stopwords: the vocabulary story grouping compares.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use isnad_text::{search_key, tokenize, TokenKind};

use crate::hash::{fnv, MixHasher};

/// Calls `f` with the search key of every word of `text` (Arabic, Latin and number tokens), in
/// order. The text is folded once and tokenized once; no string is allocated per word.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let key = search_key(text);
    for t in tokenize(&key) {
        if matches!(
            t.kind,
            TokenKind::Arabic | TokenKind::Latin | TokenKind::Number
        ) {
            f(t.text(&key));
        }
    }
}

/// The search keys of the words of `text`, in order.
pub(crate) fn word_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// A light stem for matching across outlets' wording: the one light stemmer of isnad
/// ([`isnad_doc::light_stem`]), so «الوزير», «والوزير» and «وزيرها» meet.
pub(crate) fn stem(word: &str) -> &str {
    isnad_doc::light_stem(word)
}

/// Function words and reporting verbs, as search keys after [`stem`]: frequent in every article,
/// they would make unrelated stories look alike.
#[cfg(test)]
pub(crate) fn is_stopword(stem: &str) -> bool {
    is_stopword_hashed(stem, fnv(stem))
}

/// [`is_stopword`] for a stem whose FNV hash the caller already has.
pub(crate) fn is_stopword_hashed(stem: &str, hash: u64) -> bool {
    stem.chars().nth(1).is_none() || stopword_hashes().contains(&hash)
}

/// The stopwords' FNV hashes in a hash set: story grouping checks every word of the corpus,
/// and a linear scan of the list was most of its time. The words are the entries of
/// `lexicons/stopwords.tsv` marked `story`, folded as the list loader folds them.
fn stopword_hashes() -> &'static HashSet<u64, BuildHasherDefault<MixHasher>> {
    static SET: OnceLock<HashSet<u64, BuildHasherDefault<MixHasher>>> = OnceLock::new();
    SET.get_or_init(|| {
        isnad_doc::Lexicon::embedded("stopwords")
            .entries()
            .iter()
            .filter(|e| {
                e.field(0)
                    .is_some_and(|f| f.split(' ').any(|r| r == "story"))
            })
            .map(|e| fnv(&e.key))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_clitics() {
        assert_eq!(stem("الوزير"), "وزير");
        assert_eq!(stem("والوزير"), "وزير");
        assert_eq!(stem("للمعرض"), "معرض");
        assert_eq!(stem("وزير"), "وزير");
        assert_eq!(stem("بيان"), "بيان");
        assert_eq!(stem("الى"), "الى");
    }

    #[test]
    fn words_are_search_keys() {
        let words = word_keys("أعلنَ الوزيرُ، اليوم: 12 قتيلاً!");
        assert_eq!(words.len(), 5);
        assert!(is_stopword("في"));
        assert!(!is_stopword("انفجار"));
    }
}
