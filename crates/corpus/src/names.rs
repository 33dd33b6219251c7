//! When two documents name the same actor: the corpus-level identity of an entity.
//!
//! The corpus keys its entity rows by [`isnad_doc::identity_key`], the one key that also merges
//! the windows of a long document, so "the same actor" means one thing everywhere: a
//! knowledge-base id settles it, otherwise the type and the name reduced by
//! [`isnad_doc::name_key`] (folded, article-stripped Arabic words; Latin consonant skeletons).
//! What remains here is the English-name skeleton the `entity` command searches by.

use tantivy_arabic::latin_skeleton;

pub use isnad_doc::{identity_key, is_arabic, name_key};

/// The Latin skeleton of an English name, word by word («Abu Bakr al-Baghdadi» → «b bkr bgdd»).
pub fn name_skeleton(name_en: &str) -> String {
    name_en
        .split_whitespace()
        .map(latin_skeleton)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_doc::EntityType;

    #[test]
    fn kb_ids_win_and_the_type_is_part_of_the_key() {
        assert_eq!(identity_key(Some("Q1"), EntityType::Per, "x"), "kb:Q1");
        assert_eq!(
            identity_key(None, EntityType::Loc, "الرياض"),
            format!("LOC:{}", name_key("رياض"))
        );
        assert_ne!(
            identity_key(None, EntityType::Per, "الأسد"),
            identity_key(None, EntityType::Org, "الأسد")
        );
    }

    #[test]
    fn english_names_reduce_to_skeletons() {
        assert_eq!(
            name_skeleton("Abu Bakr al-Baghdadi"),
            name_skeleton("Abou Bakr al-Baghdady")
        );
    }
}
