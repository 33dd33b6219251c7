//! What every rule of the name grammar shares: the models and lists it reads, and the small
//! readings of the token stream (plain name words, joined tokens, compound name parts, quotes).

use isnad_kb::Kb;
use isnad_ner::Clusters;

use crate::gazetteer::Gazetteer;
use crate::lexicon::{looks_plural, Lexicon};
use crate::words::Word;

/// The models and lists the grammar reads, passed in by the recognizer.
pub(crate) struct Grammar<'a> {
    pub lex: &'static Lexicon,
    pub kb: &'a Kb,
    pub gaz: &'a Gazetteer,
    /// Word ranks in raw news: they tell a rare family name from common vocabulary.
    pub clusters: &'a Clusters,
}

/// Whether the token is a plain name word: a word, not a stop word, title, head or kunya word.
pub(super) fn open_word(lex: &Lexicon, key: &str) -> bool {
    !key.is_empty()
        && !lex.stop.contains(key)
        && !lex.titles.contains(key)
        && !lex.org_heads.contains(key)
        && !lex.loc_heads.contains(key)
        && !lex.kunya.contains(key)
        && !lex.anaphora.contains_key(key)
        && key.chars().any(|c| c.is_alphabetic())
        && key.chars().count() >= 2
}

/// The next token, if it is a word joined to `i` by spaces only.
pub(super) fn next_joined(words: &[Word], i: usize) -> Option<usize> {
    (words.get(i)?.joined_next && words.get(i + 1)?.is_word).then_some(i + 1)
}

/// Canonical key of a name part: «عبد الله» and «عبدالله» both become «عبدالله».
pub(super) fn join_abd(a: &str, b: &str) -> String {
    format!("{a}{b}")
}

/// Reads a compound given-name part at `i`: «عبد X», «X الدين», «نصر الله», a single token. Returns the last
/// token used and the canonical key.
pub(super) fn name_part(words: &[Word], i: usize, key: &str) -> (usize, String) {
    if key == "عبد" {
        if let Some(n) = next_joined(words, i) {
            return (n, join_abd(key, &words[n].key));
        }
    }
    if let Some(n) = next_joined(words, i) {
        if words[n].key == "الدين" {
            return (n, format!("{key} الدين"));
        }
        if words[n].key == "الله" && Lexicon::global().theophoric.contains(key) {
            return (n, format!("{key} الله"));
        }
    }
    (i, key.to_string())
}

/// The token index of the quote mark closing a quote opened at `open`, within a few words.
pub(super) fn closing_quote(words: &[Word], open: usize) -> Option<usize> {
    let mut n_words = 0;
    for (j, w) in words.iter().enumerate().skip(open + 1) {
        if w.is_quote() {
            return (n_words > 0).then_some(j);
        }
        if !w.is_word || w.sentence != words[open].sentence {
            return None;
        }
        n_words += 1;
        if n_words > 5 {
            return None;
        }
    }
    None
}

/// Rank in raw news from which a word reads as a name rather than common vocabulary: a definite
/// word after a given name is a family name («محمد الجدعان», «العساف», «الدباغ») rather than the
/// next noun («محمد الوفد»); common nouns and adjectives rank well above it, family names that
/// are not nisbas mostly below it.
const SURNAME_MIN_RANK: u32 = 5_000;

/// Whether a definite word is rare enough in raw news (or absent from it) to be a family name.
pub(super) fn rare_definite_surname(g: &Grammar, text: &str, key: &str) -> bool {
    !looks_plural(key) && g.rare_word(text)
}

impl Grammar<'_> {
    /// Whether a word ranks below the common vocabulary of raw news (or is absent from it).
    pub(super) fn rare_word(&self, text: &str) -> bool {
        self.clusters
            .rank(&isnad_ner::norm_key(text))
            .map_or(true, |r| r >= SURNAME_MIN_RANK)
    }
}
