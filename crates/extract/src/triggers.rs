//! Relation triggers. The primary lexicon is keyed on roots and derived forms read by the
//! morphology ([`crate::morph`]): one entry («هرب», forms I/II/IV) covers تهريب, يهرب, سيهربون,
//! المهربين and تهريبها, whatever the person, tense or clitics. Each entry also says which
//! shapes (finite verb, verbal noun, participle) carry the meaning, because a root's nouns often
//! mean something else (مسلح "gunman" beside تسليح "arming", قدم "foot" beside يقدم "offers").
//! A reading only counts when its shape agrees with the tagger's UPOS. The older surface table
//! stays as the fallback. Both tables are data: `lexicons/trigger_roots.tsv` and
//! `lexicons/trigger_stems.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

use isnad_doc::Lexicon;

use crate::morph::{Form, RootIndex, Shape, WordMorph};
use crate::scan::bases;
use crate::words::{self, bad_field};
use crate::RelationType;

/// Shapes that carry a root trigger's meaning: finite verb, verbal noun, participle.
const V: u8 = 1;
const N: u8 = 2;
const P: u8 = 4;
/// The beneficiary may be the direct object («يدعم X», «سيساعد X»), not only «ل X».
const D: u8 = 8;

/// Reads a relation-type field of a list entry (the contract's snake_case names).
pub(crate) fn relation_type(list: &Lexicon, word: &str, field: Option<&str>) -> RelationType {
    use RelationType as R;
    match field {
        Some("member_of") => R::MemberOf,
        Some("leader_of") => R::LeaderOf,
        Some("cooperates_with") => R::CooperatesWith,
        Some("supplies") => R::Supplies,
        Some("provides_aid") => R::ProvidesAid,
        Some("attacks") => R::Attacks,
        Some("threatens") => R::Threatens,
        Some("represses") => R::Represses,
        Some("accuses") => R::Accuses,
        Some("denies") => R::Denies,
        Some("meets") => R::Meets,
        Some("located_in") => R::LocatedIn,
        Some("communicates_with") => R::CommunicatesWith,
        Some("translates_or_publishes") => R::TranslatesOrPublishes,
        _ => bad_field(list, word, "relation type"),
    }
}

/// Reads the shapes field of a root trigger (letters V, N, P and D).
fn shape_mask(list: &Lexicon, word: &str, field: Option<&str>) -> u8 {
    let Some(f) = field.filter(|f| !f.is_empty()) else {
        bad_field(list, word, "shapes")
    };
    f.chars().fold(0, |acc, c| {
        acc | match c {
            'V' => V,
            'N' => N,
            'P' => P,
            'D' => D,
            _ => bad_field(list, word, "shapes (V, N, P, D)"),
        }
    })
}

/// Root entries by key: (rank, form, shape mask, type).
type RootTable = RootIndex<(usize, Form, u8, RelationType)>;

fn root_table() -> &'static RootTable {
    static TABLE: OnceLock<RootTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let list = words::trigger_roots();
        RootIndex::new(list.entries().iter().enumerate().map(|(rank, e)| {
            let form = Form::of(list, &e.text, e.field(0));
            let shapes = shape_mask(list, &e.text, e.field(1));
            let kind = relation_type(list, &e.text, e.field(2));
            (e.text.as_str(), (rank, form, shapes, kind))
        }))
    })
}

fn mask(shape: Shape) -> u8 {
    match shape {
        Shape::Verb => V,
        Shape::Noun => N,
        Shape::Participle => P,
    }
}

/// The root-table match of a word: the best-ranked entry whose root, form and shape agree with
/// one of the word's readings that agrees with its UPOS; and whether that reading is a noun.
fn root_trigger(m: &WordMorph) -> Option<(RelationType, Shape)> {
    root_entry(m).map(|(kind, shape, _)| (kind, shape))
}

/// Whether the word's trigger takes its beneficiary as a direct object.
pub(crate) fn direct_beneficiary(morph: Option<&WordMorph>) -> bool {
    morph
        .and_then(root_entry)
        .is_some_and(|(_, shape, flags)| shape == Shape::Verb && flags & D != 0)
}

/// (type, shape, flags) of the best-ranked root entry matching the word.
fn root_entry(m: &WordMorph) -> Option<(RelationType, Shape, u8)> {
    // Stems that read as a trigger root but are function words («غير», «عدم», «دون»).
    if words::not_triggers().contains(&m.stem) {
        return None;
    }
    let table = root_table();
    m.agreeing()
        .filter_map(|r| {
            table.get(&r.root).find_map(|(rank, form, shapes, kind)| {
                (form == r.form && shapes & mask(r.shape) != 0)
                    .then_some((rank, kind, r.shape, shapes))
            })
        })
        .min_by_key(|&(rank, _, _, _)| rank)
        .map(|(_, kind, shape, flags)| (kind, shape, flags))
}

/// The relation type word `norm` triggers: by root and pattern when the morphology covers the
/// word, else by the surface table. Closed-class words (prepositions, particles) never trigger.
pub(crate) fn trigger(norm: &str, morph: Option<&WordMorph>) -> Option<RelationType> {
    if let Some(m) = morph {
        if m.is_closed_class() {
            return None;
        }
        if let Some((kind, _)) = root_trigger(m) {
            return Some(kind);
        }
    }
    surface_trigger(norm)
}

/// Whether a trigger is a verbal noun (its adjacent genitive is an argument, «اغتيال الحريري»):
/// the tagger reads it as a noun under a verbal-noun pattern, or it is in the surface list.
pub(crate) fn is_verbal_noun(norm: &str, morph: Option<&WordMorph>) -> bool {
    if let Some(m) = morph {
        if m.is_verb() {
            return false;
        }
        if m.upos == Some(isnad_doc::Upos::NOUN)
            && root_trigger(m).is_some_and(|(_, shape)| shape == Shape::Noun)
        {
            return true;
        }
    }
    bases(norm)
        .iter()
        .any(|b| words::starts_with_any(words::verbal_noun_triggers(), b))
}

/// Surface trigger stems by folded form, with their rank in `lexicons/trigger_stems.tsv`
/// (earlier entries win). They are matched as word prefixes of the base: the fallback where the
/// segmenter does not cover a word, and the construct-state nouns (عضو, المتحدث, قائد …) and
/// quadriliteral or assimilated verbs (ترجمة, اتفقت) the root table does not hold.
fn trigger_table() -> &'static HashMap<String, (usize, RelationType)> {
    static TABLE: OnceLock<HashMap<String, (usize, RelationType)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let list = words::trigger_stems();
        let mut m = HashMap::new();
        for (i, e) in list.entries().iter().enumerate() {
            let kind = relation_type(list, &e.text, e.field(0));
            m.entry(e.key.clone()).or_insert((i, kind));
        }
        m
    })
}

/// Whether a folded word ends with a surface trigger stem.
pub(crate) fn ends_with_trigger_stem(w: &str) -> bool {
    words::trigger_stems().keys().any(|st| w.ends_with(st))
}

/// The relation type a word triggers by the surface table: a base of the word (proclitics stripped) that is a trigger
/// stem followed by at most three more letters (inflection, pronoun suffix).
fn surface_trigger(word: &str) -> Option<RelationType> {
    let table = trigger_table();
    for b in bases(word) {
        // Prefix ends of the base, of which only the last four (the whole base and up to
        // three letters less) are looked up; counted rather than collected, as this runs for
        // every word the root table does not cover.
        let n = b.chars().count();
        let best = b
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain(std::iter::once(b.len()))
            .skip(n.saturating_sub(4))
            .filter_map(|e| table.get(&b[..e]))
            .min_by_key(|(i, _)| *i);
        if let Some(&(_, kind)) = best {
            return Some(kind);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::morph::readings;
    use isnad_doc::{fold_key as fold, Upos};
    use RelationType as R;

    /// A word as the segmenter leaves it: the folded stem and the tagger's UPOS.
    fn word(stem: &str, upos: Upos) -> WordMorph {
        let stem = fold(stem);
        WordMorph {
            readings: readings(&stem),
            stem,
            upos: Some(upos),
            ..WordMorph::default()
        }
    }

    #[test]
    fn roots_cover_forms_absent_from_the_surface_table() {
        // «سيهربون» → س + يهربون; «تهريبها» → تهريب + ها; «المهربين» → المهربين (article off).
        for (stem, upos) in [
            ("يهربون", Upos::VERB),
            ("تهريب", Upos::NOUN),
            ("مهربين", Upos::ADJ),
        ] {
            assert_eq!(
                trigger("x", Some(&word(stem, upos))),
                Some(R::Supplies),
                "{stem}"
            );
        }
        assert_eq!(surface_trigger("سيهربون"), None);
        for (stem, upos, kind) in [
            ("يعتقلون", Upos::VERB, R::Represses),
            ("اغتالت", Upos::VERB, R::Attacks),
            ("هاجموا", Upos::VERB, R::Attacks),
            ("تستهدفان", Upos::VERB, R::Attacks),
            ("التقت", Upos::VERB, R::Meets),
            ("اجتماع", Upos::NOUN, R::Meets),
            ("نفت", Upos::VERB, R::Denies),
            ("ينددون", Upos::VERB, R::Accuses),
            ("مساعدات", Upos::NOUN, R::ProvidesAid),
            ("تهدد", Upos::VERB, R::Threatens),
        ] {
            assert_eq!(trigger("x", Some(&word(stem, upos))), Some(kind), "{stem}");
        }
    }

    #[test]
    fn the_tagger_vetoes_readings_of_the_wrong_shape() {
        // «مسلحين» (gunmen) is a participle: arming is only the verb and the verbal noun.
        assert_eq!(root_trigger(&word("مسلحين", Upos::NOUN)), None);
        assert!(root_trigger(&word("تسليح", Upos::NOUN)).is_some());
        // «قدم» as a noun (foot, كرة القدم) is not «يقدم» (offers).
        assert_eq!(root_trigger(&word("قدم", Upos::NOUN)), None);
        assert!(root_trigger(&word("يقدمون", Upos::VERB)).is_some());
        // A preposition never triggers, whatever its letters.
        assert_eq!(trigger("بين", Some(&word("بين", Upos::ADP))), None);
        assert_eq!(trigger("غير", Some(&word("غير", Upos::NOUN))), None);
    }

    #[test]
    fn verbal_nouns_by_tag_and_pattern() {
        assert!(is_verbal_noun("x", Some(&word("اعتقال", Upos::NOUN))));
        assert!(!is_verbal_noun("x", Some(&word("اعتقل", Upos::VERB))));
        assert!(is_verbal_noun("اغتيال", None));
    }

    #[test]
    fn surface_fallback_through_clitics() {
        assert_eq!(trigger("وتهريب", None), Some(R::Supplies));
        assert_eq!(trigger("المهربه", None), Some(R::Supplies));
        assert_eq!(trigger("تلاحق", None), Some(R::Represses));
        assert_eq!(trigger("بالتعاون", None), Some(R::CooperatesWith));
        assert_eq!(trigger("والقصف", None), Some(R::Attacks));
        assert_eq!(trigger("الحكومه", None), None);
    }
}
