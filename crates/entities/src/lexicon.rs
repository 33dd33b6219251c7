//! Closed word classes of the name grammar: titles, organization and place heads, kunya words,
//! stop words, and the given-name list. The lists are the files of `lexicons/` (see
//! [`isnad_doc::Lexicon`]); here they are gathered once into the sets the grammar asks, all
//! compared by the one key fold.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use isnad_doc::Lexicon as List;
use isnad_kb::EntityType;

/// The grammar's closed classes, as folded keys.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub titles: HashSet<String>,
    pub name_titles: HashSet<String>,
    pub sport_cues: HashSet<String>,
    pub title_modifiers: HashSet<String>,
    pub org_heads: HashSet<String>,
    pub weak_org_heads: HashSet<String>,
    pub loc_heads: HashSet<String>,
    /// Heads of state bodies and forces that a definite nisba adjective or a definite genitive
    /// completes into an organization («الحكومة اليمنية», «وزارة الداخلية»).
    pub state_heads: HashSet<String>,
    /// Heads of state bodies completed only by a nationality adjective («النظام السوري»).
    pub nation_heads: HashSet<String>,
    /// Adjectives whose «ل» complement is a patron («القوات الموالية لهادي»).
    pub ally: HashSet<String>,
    pub kunya: HashSet<String>,
    pub lineage: HashSet<String>,
    pub anaphora: HashMap<String, String>,
    pub offices: HashSet<String>,
    pub nationalities: HashSet<String>,
    pub called: HashSet<String>,
    pub outlet_staff: HashSet<String>,
    pub stop: HashSet<String>,
    /// Stop words that are common nouns: never in a name, but a state body's genitive («قوات
    /// الأمن»).
    pub common_nouns: HashSet<String>,
    /// Quantifiers whose object is a common phrase («بعض الدول»).
    pub quantifiers: HashSet<String>,
    /// Feminine ordinals that count terms of office («ولاية ثالثة»).
    pub ordinals: HashSet<String>,
    /// Words that make a nearby «ولاية» a jihadist group's province (one- and two-word keys).
    pub province_cues: HashSet<String>,
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

/// Every key of a list.
fn keys(name: &str) -> HashSet<String> {
    List::embedded(name).keys().map(str::to_string).collect()
}

/// The keys of a list's entries whose field `field` names `role` among its space-separated words.
fn with_role(name: &str, field: usize, role: &str) -> HashSet<String> {
    List::embedded(name)
        .entries()
        .iter()
        .filter(|e| {
            e.field(field)
                .is_some_and(|f| f.split(' ').any(|r| r == role))
        })
        .map(|e| e.key.clone())
        .collect()
}

impl Lexicon {
    pub fn global() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon {
            titles: with_role("titles", 0, "title"),
            name_titles: with_role("titles", 0, "name"),
            offices: with_role("titles", 0, "office"),
            sport_cues: keys("sport_cues"),
            title_modifiers: keys("title_modifiers"),
            org_heads: with_role("name_heads", 0, "ORG"),
            weak_org_heads: with_role("name_heads", 1, "weak"),
            loc_heads: with_role("name_heads", 0, "LOC"),
            state_heads: with_role("name_heads", 1, "state"),
            nation_heads: with_role("name_heads", 1, "nation"),
            ally: keys("ally_heads"),
            kunya: keys("kunya"),
            lineage: keys("lineage"),
            anaphora: List::embedded("head_anaphora")
                .entries()
                .iter()
                .filter_map(|e| Some((e.key.clone(), isnad_doc::fold_key(e.field(0)?))))
                .collect(),
            stop: with_role("stopwords", 0, "name"),
            common_nouns: with_role("stopwords", 0, "noun"),
            quantifiers: keys("quantifiers"),
            ordinals: keys("ordinals"),
            province_cues: keys("province_cues"),
            allah_key: isnad_doc::fold_key("الله"),
            allah_titles: with_role("allah_compounds", 0, "title"),
            theophoric: with_role("allah_compounds", 0, "name"),
            nationalities: keys("nationalities"),
            called: keys("name_introducers"),
            outlet_staff: keys("outlet_staff"),
            given: List::embedded("given_names")
                .entries()
                .iter()
                .map(|e| (e.key.clone(), e.field(0) == Some("common")))
                .collect(),
        })
    }

    /// Whether a definite key is a nationality adjective, masculine or feminine («السوري»,
    /// «السورية»).
    pub fn is_nationality(&self, key: &str) -> bool {
        self.nationalities.contains(key)
            || key
                .strip_suffix('ه')
                .is_some_and(|m| self.nationalities.contains(m))
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
