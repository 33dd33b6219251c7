//! When two documents name the same actor: the corpus-level identity of an entity.
//!
//! A knowledge-base id settles it. Otherwise the name is reduced to a key that forgets what
//! writers vary: diacritics, tatweel, hamza seats, ة/ه and ى/ي (the analyzer's folded key), the
//! article on each word (البغدادي / بغدادي), and for Latin names case, vowels and
//! transliteration digraphs (the consonant skeleton).

use tantivy_arabic::{latin_skeleton, term_key};

/// The corpus key of an entity: `kb:<id>` when linked, else `name:<normalized name>`.
pub fn entity_key(kb_id: Option<&str>, name: &str) -> String {
    match kb_id {
        Some(id) if !id.is_empty() => format!("kb:{id}"),
        _ => format!("name:{}", name_key(name)),
    }
}

/// A name reduced for matching: Arabic words folded and article-stripped, Latin words
/// skeletonized, joined by single spaces.
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
    {
        let piece = if word.chars().any(is_arabic) {
            let key = term_key(word);
            isnad_kb::strip_article(&key).unwrap_or(key)
        } else {
            let skeleton = latin_skeleton(word);
            if skeleton.is_empty() {
                word.to_lowercase()
            } else {
                skeleton
            }
        };
        if piece.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out
}

/// The Latin skeleton of an English name, word by word («Abu Bakr al-Baghdadi» → «b bkr bgdd»).
pub fn name_skeleton(name_en: &str) -> String {
    name_en
        .split_whitespace()
        .map(latin_skeleton)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Arabic-script letter (the blocks the text core treats as Arabic).
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        assert_eq!(name_key("أبو بكر البغدادي"), name_key("ابو بكر بغدادي"));
        assert_eq!(name_key("المسؤول"), name_key("مسئول"));
        assert_eq!(name_key("حمـــاس"), name_key("حماس"));
        assert_eq!(
            name_key("Mohammed bin Salman"),
            name_key("Muhammad bin Salman")
        );
        assert_ne!(name_key("حماس"), name_key("فتح"));
    }

    #[test]
    fn kb_ids_win() {
        assert_eq!(entity_key(Some("Q1"), "x"), "kb:Q1");
        assert_eq!(
            entity_key(None, "الرياض"),
            format!("name:{}", name_key("رياض"))
        );
    }
}
