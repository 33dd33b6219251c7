//! When two names stand for the same actor: the one identity key.
//!
//! The windows of a long document are merged by it, and so are the entities of different
//! documents in the corpus, so "the same actor" means one thing everywhere. A knowledge-base id
//! settles it. Otherwise the name is reduced to what writers do not vary: every Arabic word is
//! folded ([`fold_key`]) and loses its article (البغدادي / بغدادي); every Latin word becomes its
//! consonant skeleton (Muhammad / Mohammed). The type is part of the key: a person and an
//! organization that share a name («الأسد») are two actors.

use crate::entity::EntityType;
use crate::fold::fold_key;
use isnad_text::translit::latin_skeleton;

/// The identity key of an entity: `kb:<id>` when linked, else `<TYPE>:<name key>`.
///
/// ```
/// use isnad_doc::{identity_key, EntityType::Per};
/// assert_eq!(identity_key(None, Per, "أبو بكر البغدادي"), identity_key(None, Per, "ابو بكر بغدادي"));
/// assert_eq!(identity_key(Some("isis"), Per, "x"), "kb:isis");
/// ```
pub fn identity_key(kb_id: Option<&str>, kind: EntityType, name: &str) -> String {
    match kb_id {
        Some(id) if !id.is_empty() => format!("kb:{id}"),
        _ => format!("{}:{}", kind.as_str(), name_key(name)),
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
            let key: String = fold_key(word)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            match key.strip_prefix("ال") {
                Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
                _ => key,
            }
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

/// Arabic-script letter (the blocks the text core treats as Arabic).
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        assert_eq!(name_key("أبو بكر البغدادي"), name_key("ابو بكر بغدادي"));
        assert_eq!(name_key("المسؤول"), name_key("مسئول"));
        assert_eq!(name_key("حمـــاس"), name_key("حماس"));
        assert_eq!(name_key("«حماس»"), name_key("حماس"));
        assert_eq!(
            name_key("Mohammed bin Salman"),
            name_key("Muhammad bin Salman")
        );
        assert_ne!(name_key("حماس"), name_key("فتح"));
    }

    #[test]
    fn kb_ids_win_and_types_separate() {
        assert_eq!(identity_key(Some("Q1"), Org, "x"), "kb:Q1");
        assert_ne!(
            identity_key(None, Per, "الأسد"),
            identity_key(None, Org, "الأسد")
        );
        assert_eq!(
            identity_key(None, Loc, "الرياض"),
            identity_key(None, Loc, "رياض")
        );
    }
}
