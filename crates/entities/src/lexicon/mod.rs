//! Closed word classes of the name grammar: titles, organization and place heads, kunya words,
//! stop words, and the given-name list. All are compared by search key.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use isnad_kb::{lookup_key, EntityType};

mod lists;
use lists::*;

/// Given names, shipped beside the knowledge base (`kb/given_names.txt`).
const GIVEN_NAMES: &str = include_str!("../../../../kb/given_names.txt");

/// The grammar's closed classes, normalized to search keys once.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub titles: HashSet<String>,
    pub name_titles: HashSet<String>,
    pub sport_cues: HashSet<String>,
    pub title_modifiers: HashSet<String>,
    pub org_heads: HashSet<String>,
    pub weak_org_heads: HashSet<String>,
    pub loc_heads: HashSet<String>,
    pub kunya: HashSet<String>,
    pub lineage: HashSet<String>,
    pub anaphora: HashMap<String, String>,
    pub offices: HashSet<String>,
    pub nationalities: HashSet<String>,
    pub called: HashSet<String>,
    pub outlet_staff: HashSet<String>,
    pub stop: HashSet<String>,
    /// The key of «الله», which ends compound given names («ذبيح الله») but is a stop word alone.
    pub allah_key: String,
    /// Words that form a title, not a name, with «الله» («آية الله», «رسول الله»).
    pub allah_titles: HashSet<String>,
    /// First halves of compound given names ending in «الله» («نصر الله», «فضل الله»); «عبد»
    /// has its own rule.
    pub theophoric: HashSet<String>,
    /// Given name key → whether it is also an everyday word.
    pub given: HashMap<String, bool>,
}

fn keys(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| lookup_key(w)).collect()
}

impl Lexicon {
    pub fn global() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut given = HashMap::new();
            for line in GIVEN_NAMES.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (weak, name) = match line.strip_prefix('~') {
                    Some(n) => (true, n),
                    None => (false, line),
                };
                given.insert(lookup_key(name), weak);
            }
            Lexicon {
                titles: keys(TITLES),
                name_titles: keys(NAME_TITLES),
                sport_cues: keys(SPORT_CUES),
                title_modifiers: keys(TITLE_MODIFIERS),
                org_heads: keys(ORG_HEADS),
                weak_org_heads: keys(WEAK_ORG_HEADS),
                loc_heads: keys(LOC_HEADS),
                kunya: keys(KUNYA),
                lineage: keys(LINEAGE),
                anaphora: ANAPHORA
                    .iter()
                    .map(|(a, h)| (lookup_key(a), lookup_key(h)))
                    .collect(),
                stop: keys(STOP),
                allah_key: lookup_key("الله"),
                allah_titles: keys(&["آية", "اية", "رسول"]),
                theophoric: keys(THEOPHORIC),
                offices: keys(OFFICES),
                nationalities: keys(NATIONALITIES),
                called: keys(CALLED),
                outlet_staff: keys(OUTLET_STAFF),
                given,
            }
        })
    }

    /// The type a head noun gives the name it opens, if it is one.
    pub fn head_type(&self, key: &str) -> Option<EntityType> {
        if self.org_heads.contains(key) {
            Some(EntityType::Org)
        } else if self.loc_heads.contains(key) {
            Some(EntityType::Loc)
        } else {
            None
        }
    }
}

/// Whether a key looks like a nisba adjective with the article («البغدادي», «المصرية»).
pub(crate) fn is_definite_nisba(key: &str) -> bool {
    key.starts_with("ال") && key.chars().count() >= 5 && (key.ends_with('ي') || key.ends_with("يه"))
}

/// Whether a key looks like a sound plural or dual («المسلمين», «المقاتلون», «الولايات»),
/// which names rarely are.
pub(crate) fn looks_plural(key: &str) -> bool {
    key.chars().count() >= 6 && (key.ends_with("ين") || key.ends_with("ون") || key.ends_with("ات"))
}
