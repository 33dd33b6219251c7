//! The one light stemmer: the definite article (with a conjunction or preposition before it) and
//! a possessive pronoun come off a folded word, so «الوزير», «والوزير» and «وزيرها» meet.
//!
//! It is for comparing vocabulary where no morphology model runs (story grouping, a search index
//! built without the segmenter). It is deliberately timid: single-letter proclitics stay on
//! because stripping them blindly destroys too many roots (وزير, بيان, فريق), and a stem keeps at
//! least two letters after the article and three after a pronoun. The affixes are the word lists
//! `lexicons/article_prefixes.tsv` and `lexicons/pronoun_suffixes.tsv`.

use std::sync::OnceLock;

use crate::lexicon::Lexicon;

/// Letters a stem keeps after its article comes off.
const MIN_AFTER_ARTICLE: usize = 2;
/// Letters a stem keeps after its pronoun comes off.
const MIN_AFTER_PRONOUN: usize = 3;

/// The affix lists in file order (longest first), read once: the stemmer runs on every word of
/// a corpus.
fn affixes() -> &'static (Vec<String>, Vec<String>) {
    static AFFIXES: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    AFFIXES.get_or_init(|| {
        let list = |name: &str| Lexicon::embedded(name).keys().map(str::to_string).collect();
        (list("article_prefixes"), list("pronoun_suffixes"))
    })
}

/// The light stem of a folded word ([`crate::fold_key`]): the first article prefix that leaves
/// two letters, then the first pronoun suffix that leaves three.
///
/// ```
/// use isnad_doc::light_stem;
/// assert_eq!(light_stem("والوزير"), "وزير");
/// assert_eq!(light_stem("وزيرها"), "وزير");
/// assert_eq!(light_stem("بيان"), "بيان");
/// ```
pub fn light_stem(key: &str) -> &str {
    let (prefixes, suffixes) = affixes();
    let mut w = key;
    if let Some(rest) = prefixes
        .iter()
        .filter_map(|p| w.strip_prefix(p.as_str()))
        .find(|rest| rest.chars().count() >= MIN_AFTER_ARTICLE)
    {
        w = rest;
    }
    if let Some(rest) = suffixes
        .iter()
        .filter_map(|s| w.strip_suffix(s.as_str()))
        .find(|rest| rest.chars().count() >= MIN_AFTER_PRONOUN)
    {
        w = rest;
    }
    w
}

/// Whether a folded word starts with a proclitic plus the article («بالوفد», «للأنباء») and has
/// more than two letters after it: such a word is never a name.
pub fn has_clitic_article(key: &str) -> bool {
    let (prefixes, _) = affixes();
    prefixes
        .iter()
        .filter(|p| p.as_str() != "ال")
        .any(|p| key.starts_with(p.as_str()) && key.chars().count() > 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_clitics() {
        assert_eq!(light_stem("الوزير"), "وزير");
        assert_eq!(light_stem("والوزير"), "وزير");
        assert_eq!(light_stem("للمعرض"), "معرض");
        assert_eq!(light_stem("وزير"), "وزير");
        assert_eq!(light_stem("بيان"), "بيان");
        assert_eq!(light_stem("الي"), "الي");
        assert_eq!(light_stem("كتابهم"), "كتاب");
    }

    #[test]
    fn clitic_article() {
        assert!(has_clitic_article("بالوفد"));
        assert!(has_clitic_article("للانباء"));
        assert!(!has_clitic_article("الوفد"));
        assert!(!has_clitic_article("بلال"));
    }
}
