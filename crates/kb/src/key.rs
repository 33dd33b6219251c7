//! Search keys: the spelling-insensitive form under which names are indexed and compared.
//!
//! Arabic news spells the same name many ways (hamza seats, final ya/alef maqsura, ta marbuta,
//! diacritics, tatweel, Persian lookalike letters, quote marks). Folding all of them away lets one
//! alias in the knowledge base stand for every spelling.

/// The search key of a name: no diacritics or tatweel, أإآٱ→ا, ى/ی→ي, ة→ه, ک→ك, Latin lowercased,
/// quote marks and punctuation dropped, whitespace collapsed to single spaces.
///
/// `+` is kept because it is part of names such as «أوبك+».
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let folded = match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' => 'ي',
            'ة' => 'ه',
            'ک' => 'ك',
            '+' => '+',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if folded == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        for l in folded.to_lowercase() {
            out.push(l);
        }
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
        assert_eq!(search_key("إسماعيل هنيّة"), "اسماعيل هنيه");
        assert_eq!(search_key("«داعش»"), "داعش");
        assert_eq!(search_key("تنظيم “داعش”"), "تنظيم داعش");
        assert_eq!(search_key("مصطفى"), "مصطفي");
        assert_eq!(search_key("  Al-Jazeera "), "al jazeera");
        assert_eq!(search_key("أوبك+"), "اوبك+");
        assert_eq!(search_key("ولايـــة"), "ولايه");
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
