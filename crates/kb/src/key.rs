//! Lookup keys: the spelling-insensitive form under which names are indexed and compared.
//!
//! Arabic news spells the same name many ways (hamza seats, final ya/alef maqsura, ta marbuta,
//! diacritics, tatweel, Persian lookalike letters, quote marks). The letters are folded by the one
//! key fold of isnad, [`isnad_doc::fold_key`]; a name is then also cut into words at its
//! punctuation ([`key_words`]), so «“داعش”» and «Al-Jazeera» meet «داعش» and «al jazeera».

use isnad_doc::fold_key;

/// The lookup key of a name: the one fold ([`fold_key`]: no diacritics, tatweel or invisibles,
/// أإآٱ→ا, ى/ی→ي, ة→ه, ؤ/ئ→ء, ک→ك, digits ASCII, lowercase), then [`key_words`].
pub fn lookup_key(s: &str) -> String {
    key_words(&fold_key(s))
}

/// The words of an already folded key joined by single spaces: quote marks and punctuation
/// become word breaks, and runs of spaces collapse. This is a tokenization of the key, not a
/// second fold: it never maps one letter to another.
///
/// `+` is kept because it is part of names such as «أوبك+».
pub fn key_words(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if !(c == '+' || c.is_alphanumeric()) {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The key with the definite article «ال» removed from its first word, when it has one and
/// enough is left to be a name.
pub fn strip_article(key: &str) -> Option<String> {
    let rest = key.strip_prefix("ال")?;
    (rest.chars().take_while(|c| *c != ' ').count() >= 2).then(|| rest.to_string())
}

/// The key with the definite article added to its first word, unless it already has one or is
/// not Arabic.
pub fn add_article(key: &str) -> Option<String> {
    let first = key.chars().next()?;
    let arabic = ('\u{0621}'..='\u{064A}').contains(&first);
    (arabic && !key.starts_with("ال")).then(|| format!("ال{key}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_orthographic_variants() {
        assert_eq!(lookup_key("إسماعيل هنيّة"), "اسماعيل هنيه");
        assert_eq!(lookup_key("«داعش»"), "داعش");
        assert_eq!(lookup_key("تنظيم “داعش”"), "تنظيم داعش");
        assert_eq!(lookup_key("مصطفى"), "مصطفي");
        assert_eq!(lookup_key("  Al-Jazeera "), "al jazeera");
        assert_eq!(lookup_key("أوبك+"), "اوبك+");
        assert_eq!(lookup_key("ولايـــة"), "ولايه");
        assert_eq!(lookup_key("المسؤول"), lookup_key("المسئول"));
    }

    #[test]
    fn key_words_only_tokenizes() {
        assert_eq!(key_words("تنظيم “داعش”"), "تنظيم داعش");
        assert_eq!(key_words("a--b  c"), "a b c");
        assert_eq!(key_words(&fold_key("ولايـــة")), fold_key("ولاية"));
    }

    #[test]
    fn article_variants() {
        assert_eq!(strip_article("العراق").as_deref(), Some("عراق"));
        assert_eq!(strip_article("الي"), None);
        assert_eq!(add_article("عراق").as_deref(), Some("العراق"));
        assert_eq!(add_article("العراق"), None);
        assert_eq!(add_article("cnn"), None);
    }
}
