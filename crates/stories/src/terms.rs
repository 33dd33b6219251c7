//! Words, clitic-light stems and stopwords: the vocabulary story grouping compares.

use isnad_text::{search_key, tokenize, TokenKind};

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

/// Article-bearing prefixes (with a conjunction or preposition in front), longest first.
const ARTICLE_PREFIXES: [&str; 7] = ["وبال", "وال", "بال", "كال", "فال", "لل", "ال"];
/// Pronoun suffixes stripped from words long enough to keep a stem of three letters.
const SUFFIXES: [&str; 5] = ["هما", "هم", "ها", "كم", "نا"];

/// A light stem for matching across outlets' wording: the definite article (with its leading
/// conjunction or preposition) and a trailing possessive pronoun are removed, so «الوزير»,
/// «والوزير» and «وزيرها» meet. Single-letter proclitics are left alone because stripping them
/// blindly destroys too many roots (وزير, بيان, فريق).
pub(crate) fn stem(word: &str) -> &str {
    let mut w = word;
    for p in ARTICLE_PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                w = rest;
                break;
            }
        }
    }
    for s in SUFFIXES {
        if let Some(rest) = w.strip_suffix(s) {
            if rest.chars().count() >= 3 {
                w = rest;
                break;
            }
        }
    }
    w
}

/// Function words and reporting verbs, as search keys after [`stem`]: frequent in every article,
/// they would make unrelated stories look alike.
#[cfg(test)]
pub(crate) fn is_stopword(stem: &str) -> bool {
    is_stopword_hashed(stem, crate::minhash::fnv(stem))
}

/// [`is_stopword`] for a stem whose FNV hash the caller already has.
pub(crate) fn is_stopword_hashed(stem: &str, hash: u64) -> bool {
    stem.chars().nth(1).is_none() || stopword_hashes().contains(&hash)
}

/// The stopwords' FNV hashes in a hash set: story grouping checks every word of the corpus,
/// and a linear scan of the list was most of its time.
fn stopword_hashes(
) -> &'static std::collections::HashSet<u64, std::hash::BuildHasherDefault<crate::minhash::MixHasher>>
{
    static SET: std::sync::OnceLock<
        std::collections::HashSet<u64, std::hash::BuildHasherDefault<crate::minhash::MixHasher>>,
    > = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP.iter().map(|w| crate::minhash::fnv(w)).collect())
}

/// Function words and reporting verbs (search keys after [`stem`]).
#[rustfmt::skip]
const STOP: &[&str] = &[
    "في", "من", "على", "علي", "الى", "الي", "عن", "ان", "او", "ما", "لا", "لم", "لن", "قد",
    "هذا", "هذه", "ذلك", "تلك", "هو", "هي", "هم", "كان", "كانت", "يكون", "مع", "بين", "بعد",
    "قبل", "حتي", "حيث", "كما", "اي", "كل", "بعض", "غير", "ثم", "او", "بل", "اذا", "اذ", "التي",
    "الذي", "الذين", "اللذين", "عند", "منذ", "خلال", "نحو", "لدي", "وقد", "وكان", "وهو", "وهي",
    "وفي", "ومن", "وان", "فيه", "فيها", "منه", "منها", "عليه", "عليها", "له", "لها", "به",
    "بها", "انه", "انها", "الا", "ضمن", "عبر", "تم", "يتم", "ايضا", "اليوم", "امس", "قال",
    "وقال", "قالت", "وقالت", "اضاف", "واضاف", "اضافت", "واضافت", "اكد", "واكد", "اكدت", "واكدت",
    "اوضح", "واوضح", "اشار", "واشار", "ذكر", "وذكر", "بحسب", "وفقا", "مصدر", "مصادر", "وكاله",
    "انباء", "صحيفه", "موقع", "عام", "العام", "يوم", "وذلك", "هناك", "لكن", "ولكن", "اما",
    "وما", "فقد", "لقد", "عدد", "اكثر", "اول", "جديد", "the", "of", "and", "to", "in", "a",
    "on", "for", "is", "was", "said", "with", "by", "at", "from", "that", "as", "it", "an",
    "be",
];

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
