//! Relation triggers. The primary lexicon is keyed on roots and derived forms read by the
//! morphology ([`crate::morph`]): one entry («هرب», forms I/II/IV) covers تهريب, يهرب, سيهربون,
//! المهربين and تهريبها, whatever the person, tense or clitics. Each entry also says which
//! shapes (finite verb, verbal noun, participle) carry the meaning, because a root's nouns often
//! mean something else (مسلح "gunman" beside تسليح "arming", قدم "foot" beside يقدم "offers").
//! A reading only counts when its shape agrees with the tagger's UPOS. The older surface table
//! stays as the fallback.

use std::sync::OnceLock;

use crate::morph::{Form, RootIndex, Shape, WordMorph};
use crate::scan::bases;
use crate::RelationType;

use RelationType as R;

const V: u8 = 1;
const N: u8 = 2;
const P: u8 = 4;
/// The beneficiary may be the direct object («يدعم X», «سيساعد X»), not only «ل X».
const D: u8 = 8;

/// (root, derived form, shapes that carry the meaning, relation type), in priority order.
const ROOT_TRIGGERS: &[(&str, Form, u8, RelationType)] = &[
    ("هرب", Form::Base, V | N | P, R::Supplies),
    ("مدد", Form::Base, V | N, R::Supplies),
    ("سلح", Form::Base, V | N, R::Supplies),
    ("صنع", Form::Base, V | N, R::Supplies),
    ("نتج", Form::Base, V | N, R::Supplies),
    ("قمع", Form::Base, V | N, R::Represses),
    ("لحق", Form::Third, V | N, R::Represses),
    ("عقل", Form::Eighth, V | N, R::Represses),
    ("حجز", Form::Eighth, V | N, R::Represses),
    ("عذب", Form::Base, V, R::Represses),
    ("بطش", Form::Base, V | N, R::Represses),
    ("سجن", Form::Base, V, R::Represses),
    ("عون", Form::Sixth, V | N, R::CooperatesWith),
    ("نسق", Form::Base, V | N, R::CooperatesWith),
    ("حلف", Form::Sixth, V | N, R::CooperatesWith),
    ("ربط", Form::Eighth, V, R::CooperatesWith),
    ("تفق", Form::Base, V, R::CooperatesWith),
    ("هجم", Form::Base, N, R::Attacks),
    ("هجم", Form::Third, V | N, R::Attacks),
    ("قصف", Form::Base, V | N, R::Attacks),
    ("غيل", Form::Eighth, V | N, R::Attacks),
    ("شبك", Form::Eighth, V | N, R::Attacks),
    ("حرب", Form::Third, V | N, R::Attacks),
    ("ضرب", Form::Base, V | N, R::Attacks),
    ("دمر", Form::Base, V | N, R::Attacks),
    ("هدف", Form::Tenth, V | N, R::Attacks),
    ("قحم", Form::Eighth, V | N, R::Attacks),
    ("ولي", Form::Tenth, V | N, R::Attacks),
    ("قتل", Form::Base, V, R::Attacks),
    ("عدم", Form::Base, V, R::Attacks),
    ("تهم", Form::Base, V | N, R::Accuses),
    ("درج", Form::Base, V, R::Accuses),
    ("نقد", Form::Eighth, V | N, R::Accuses),
    ("كفر", Form::Base, V | N, R::Accuses),
    ("ندد", Form::Base, V | N, R::Accuses),
    ("دين", Form::Base, V, R::Accuses),
    ("شجب", Form::Base, V | N, R::Accuses),
    ("عرض", Form::Third, V, R::Accuses),
    ("نفي", Form::Base, V | N, R::Denies),
    ("لقي", Form::Eighth, V | N, R::Meets),
    ("لقي", Form::Base, N, R::Meets),
    ("زور", Form::Base, V | N, R::Meets),
    ("قبل", Form::Tenth, V | N, R::Meets),
    ("حدث", Form::Third, N, R::Meets),
    ("جمع", Form::Eighth, V | N, R::Meets),
    ("بحث", Form::Sixth, V | N, R::Meets),
    ("رسل", Form::Base, V | N, R::CommunicatesWith),
    ("تصل", Form::Base, V | N, R::CommunicatesWith),
    ("وصل", Form::Sixth, V | N, R::CommunicatesWith),
    ("بلغ", Form::Base, V, R::CommunicatesWith),
    ("هدد", Form::Base, V | N, R::Threatens),
    ("وعد", Form::Fifth, V | N, R::Threatens),
    ("علج", Form::Base, N, R::ProvidesAid),
    ("علج", Form::Third, V | N, R::ProvidesAid),
    ("وفر", Form::Base, V | N, R::ProvidesAid),
    ("قدم", Form::Base, V, R::ProvidesAid),
    ("دعم", Form::Base, V | N | D, R::ProvidesAid),
    ("سعد", Form::Third, V | N | D, R::ProvidesAid),
    ("حمي", Form::Base, V | N | D, R::ProvidesAid),
    ("مول", Form::Base, V | D, R::ProvidesAid),
    ("غوث", Form::Base, V | N, R::ProvidesAid),
];

/// Stems that read as a trigger root but are function words («غير», «عدم», «دون»).
const NOT_TRIGGERS: &[&str] = &[
    "غير", "عدم", "دون", "بين", "حول", "قبل", "بعد", "مثل", "لدي",
];

/// Root entries by key: (rank, form, shape mask, type).
type RootTable = RootIndex<(usize, Form, u8, RelationType)>;

fn root_table() -> &'static RootTable {
    static TABLE: OnceLock<RootTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        RootIndex::new(
            ROOT_TRIGGERS
                .iter()
                .enumerate()
                .map(|(rank, &(root, form, shapes, kind))| (root, (rank, form, shapes, kind))),
        )
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
    if NOT_TRIGGERS.contains(&m.stem.as_str()) {
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
        .any(|b| NOMINAL_STEMS.iter().any(|n| b.starts_with(n)))
}

/// Surface trigger stems (folded, article and proclitics removed) matched as word prefixes of
/// the base: the fallback where the segmenter does not cover a word, and the construct-state
/// nouns (عضو, المتحدث, قائد …) and quadriliteral or assimilated verbs (ترجمة, اتفقت) the
/// root table does not hold.
pub(crate) const TRIGGERS: &[(&str, RelationType)] = &[
    ("تهريب", R::Supplies),
    ("يهرب", R::Supplies),
    ("تهرب", R::Supplies),
    ("مهرب", R::Supplies),
    ("امداد", R::Supplies),
    ("تسليح", R::Supplies),
    ("يسلح", R::Supplies),
    ("صناعه", R::Supplies),
    ("تصنيع", R::Supplies),
    ("انتاج", R::Supplies),
    ("قمع", R::Represses),
    ("يقمع", R::Represses),
    ("تقمع", R::Represses),
    ("تلاحق", R::Represses),
    ("يلاحق", R::Represses),
    ("ملاحق", R::Represses),
    ("اعتقال", R::Represses),
    ("اعتقل", R::Represses),
    ("يعتقل", R::Represses),
    ("احتجاز", R::Represses),
    ("تعذيب", R::Represses),
    ("بطش", R::Represses),
    ("تعاون", R::CooperatesWith),
    ("تنسيق", R::CooperatesWith),
    ("تحالف", R::CooperatesWith),
    ("يرتبط", R::CooperatesWith),
    ("اتفقت", R::CooperatesWith),
    ("علاقت", R::CooperatesWith),
    ("هجوم", R::Attacks),
    ("هاجم", R::Attacks),
    ("يهاجم", R::Attacks),
    ("قصف", R::Attacks),
    ("اغتيال", R::Attacks),
    ("اشتباك", R::Attacks),
    ("يحارب", R::Attacks),
    ("تحارب", R::Attacks),
    ("حارب", R::Attacks),
    ("ضرب", R::Attacks),
    ("غارات", R::Attacks),
    ("تدمير", R::Attacks),
    ("استهداف", R::Attacks),
    ("استهدف", R::Attacks),
    ("اقتحام", R::Attacks),
    ("استيلاء", R::Attacks),
    ("اتهم", R::Accuses),
    ("ادرج", R::Accuses),
    ("يتهم", R::Accuses),
    ("تتهم", R::Accuses),
    ("اتهام", R::Accuses),
    ("انتقد", R::Accuses),
    ("انتقاد", R::Accuses),
    ("يكفر", R::Accuses),
    ("تكفير", R::Accuses),
    ("ندد", R::Accuses),
    ("ادان", R::Accuses),
    ("يعارض", R::Accuses),
    ("نفي", R::Denies),
    ("نفت", R::Denies),
    ("ينفي", R::Denies),
    ("تنفي", R::Denies),
    ("التقي", R::Meets),
    ("لقاء", R::Meets),
    ("لقاءات", R::Meets),
    ("زار", R::Meets),
    ("زياره", R::Meets),
    ("زيارات", R::Meets),
    ("استقبل", R::Meets),
    ("يستقبل", R::Meets),
    ("تستقبل", R::Meets),
    ("محادثات", R::Meets),
    ("رساله", R::CommunicatesWith),
    ("توجيه", R::CommunicatesWith),
    ("اتصال", R::CommunicatesWith),
    ("تواصل", R::CommunicatesWith),
    ("ابلغ", R::CommunicatesWith),
    ("ابقت", R::CommunicatesWith),
    ("ترجمه", R::TranslatesOrPublishes),
    ("بترجمه", R::TranslatesOrPublishes),
    ("عضو", R::MemberOf),
    ("العضو", R::MemberOf),
    ("عناصر", R::MemberOf),
    ("فرع", R::MemberOf),
    ("التابع", R::MemberOf),
    ("تابع", R::MemberOf),
    ("ينتم", R::MemberOf),
    ("صفوف", R::MemberOf),
    ("المتحدث", R::MemberOf),
    ("متحدث", R::MemberOf),
    ("الناطق", R::MemberOf),
    ("ناطق", R::MemberOf),
    ("مدرب", R::MemberOf),
    ("لاعب", R::MemberOf),
    ("قايد", R::LeaderOf),
    ("زعيم", R::LeaderOf),
    ("رييس", R::LeaderOf),
    ("امير", R::LeaderOf),
    ("محافظ", R::LeaderOf),
    ("تهديد", R::Threatens),
    ("هدد", R::Threatens),
    ("يهدد", R::Threatens),
    ("توعد", R::Threatens),
    ("علاج", R::ProvidesAid),
    ("العنايه", R::ProvidesAid),
    ("توفير", R::ProvidesAid),
    ("توفر", R::ProvidesAid),
    ("يوفر", R::ProvidesAid),
    ("تقدم", R::ProvidesAid),
    ("يقدم", R::ProvidesAid),
    ("دعم", R::ProvidesAid),
    ("مساعدات", R::ProvidesAid),
    ("حمايه", R::ProvidesAid),
];

/// Trigger stems by folded form, with their rank in `TRIGGERS` (earlier entries win).
fn trigger_table() -> &'static std::collections::HashMap<String, (usize, RelationType)> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<String, (usize, RelationType)>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for (i, &(stem, kind)) in TRIGGERS.iter().enumerate() {
            m.entry(crate::scan::fold(stem)).or_insert((i, kind));
        }
        m
    })
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

/// Nominal triggers (verbal nouns): a mention right after them is their genitive.
const NOMINAL_STEMS: &[&str] = &[
    "اغتيال",
    "استهداف",
    "اقتحام",
    "اعتقال",
    "تهريب",
    "تعذيب",
    "احتجاز",
    "هجوم",
    "ملاحق",
    "اتهام",
    "انتقاد",
    "تكفير",
    "تهديد",
    "لقاء",
    "زياره",
    "زيارات",
    "علاج",
    "توفير",
    "تعاون",
    "تنسيق",
    "قمع",
    "قصف",
    "تدمير",
    "اشتباك",
    "استيلاء",
    "امداد",
    "تسليح",
    "صناعه",
    "تصنيع",
    "انتاج",
    "دعم",
    "حمايه",
    "بطش",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::morph::readings;
    use crate::scan::fold;
    use isnad_doc::Upos;

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
