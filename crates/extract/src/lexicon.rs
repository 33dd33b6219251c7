//! Word lists, written folded (see `scan::fold`). Speech verbs are given as past stem, present
//! stem and participle, and every person/tense form is generated from them once, so «وقالت»,
//! «يقولون», «مضيفا» all hit the same entry after the conjunction is stripped.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::morph::{Form, RootIndex, Shape, WordMorph};

/// Whether a speech verb continues the previous speaker's turn («وأضاف», «وتابع», «مضيفا»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Opens a statement; its subject is usually explicit.
    Open,
    /// Continues the current speaker when no subject follows.
    Continue,
}

/// (past 3ms, present stem without the person prefix, active participle or "", class)
const SPEECH_VERBS: &[(&str, &str, &str, CueClass)] = &[
    ("قال", "قول", "قايل", CueClass::Open),
    ("كتب", "كتب", "", CueClass::Open),
    ("اضاف", "ضيف", "مضيف", CueClass::Continue),
    ("تابع", "تابع", "متابع", CueClass::Continue),
    ("اكد", "وكد", "موكد", CueClass::Open),
    ("حذر", "حذر", "محذر", CueClass::Open),
    ("زعم", "زعم", "زاعم", CueClass::Open),
    ("نفي", "نفي", "نافي", CueClass::Open),
    ("اوضح", "وضح", "موضح", CueClass::Open),
    ("اعلن", "علن", "معلن", CueClass::Open),
    ("صرح", "صرح", "مصرح", CueClass::Open),
    ("اعتبر", "عتبر", "معتبر", CueClass::Open),
    ("شدد", "شدد", "مشدد", CueClass::Open),
    ("لفت", "لفت", "لافت", CueClass::Open),
    ("اشار", "شير", "مشير", CueClass::Open),
    ("ذكر", "ذكر", "", CueClass::Open),
    ("راي", "ري", "", CueClass::Open),
    ("وصف", "صف", "واصف", CueClass::Open),
    ("كشف", "كشف", "كاشف", CueClass::Open),
    ("دعا", "دعو", "داعي", CueClass::Open),
    ("طالب", "طالب", "مطالب", CueClass::Open),
    ("هدد", "هدد", "مهدد", CueClass::Open),
    ("نقل", "نقل", "ناقل", CueClass::Open),
    ("افاد", "فيد", "مفيد", CueClass::Open),
    ("استدرك", "ستدرك", "مستدرك", CueClass::Continue),
    ("استكمل", "ستكمل", "مستكمل", CueClass::Continue),
    ("اكمل", "كمل", "مكمل", CueClass::Continue),
    ("اختتم", "ختتم", "مختتم", CueClass::Continue),
    ("ختم", "ختم", "خاتم", CueClass::Continue),
    ("اردف", "ردف", "مردف", CueClass::Continue),
    ("اعرب", "عرب", "معرب", CueClass::Open),
    ("اعترف", "عترف", "معترف", CueClass::Open),
    ("بين", "بين", "مبين", CueClass::Open),
    ("تساءل", "تساءل", "متساءل", CueClass::Open),
    ("تسايل", "تسايل", "متسايل", CueClass::Open),
    ("نوه", "نوه", "منوه", CueClass::Open),
    ("ابلغ", "بلغ", "", CueClass::Open),
    ("غرد", "غرد", "مغرد", CueClass::Open),
    ("علق", "علق", "معلق", CueClass::Open),
    ("رد", "رد", "", CueClass::Open),
    ("اجاب", "جيب", "مجيب", CueClass::Open),
    ("صاح", "صيح", "", CueClass::Open),
    ("هتف", "هتف", "هاتف", CueClass::Open),
    ("ناشد", "ناشد", "مناشد", CueClass::Open),
    ("حث", "حث", "", CueClass::Open),
    ("توعد", "توعد", "متوعد", CueClass::Open),
    ("جدد", "جدد", "مجدد", CueClass::Open),
    ("تحدث", "تحدث", "متحدث", CueClass::Open),
];

fn speech_forms() -> &'static HashMap<String, CueClass> {
    static FORMS: OnceLock<HashMap<String, CueClass>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut m = HashMap::new();
        for &(past, pres, part, class) in SPEECH_VERBS {
            // Past: 3ms, 3fs, 3mp, dual; hollow and defective verbs keep their stems loosely.
            let trimmed = past
                .strip_suffix('ى')
                .or_else(|| past.strip_suffix('ا'))
                .unwrap_or(past);
            for suf in ["", "ت", "وا", "ا", "تا", "نا"] {
                m.insert(format!("{past}{suf}"), class);
                if trimmed != past && !suf.is_empty() {
                    m.insert(format!("{trimmed}{suf}"), class);
                }
            }
            // Present: 3ms, 3fs, 1p, 1s, with plural and dual endings.
            for pre in ["ي", "ت", "ن"] {
                for suf in ["", "ون", "ان", "وا"] {
                    m.insert(format!("{pre}{pres}{suf}"), class);
                }
            }
            if !part.is_empty() {
                for suf in ["", "ا", "ه", "ين", "ون"] {
                    m.insert(format!("{part}{suf}"), CueClass::Continue);
                }
            }
        }
        // Hollow-verb past forms and a few irregulars.
        for (w, c) in [
            ("قالت", CueClass::Open),
            ("قلت", CueClass::Open),
            ("قالوا", CueClass::Open),
            ("قايلا", CueClass::Continue),
            ("رات", CueClass::Open),
            ("راوا", CueClass::Open),
            ("دعت", CueClass::Open),
            ("نفت", CueClass::Open),
            ("نفوا", CueClass::Open),
            ("اشارت", CueClass::Open),
            ("افادت", CueClass::Open),
        ] {
            m.insert(w.to_string(), c);
        }
        // Nouns and particles that collide with generated forms.
        for w in [
            "بين",
            "تبين",
            "نبين",
            "رد",
            "ذكر",
            "كتب",
            "نقل",
            "كشف",
            "هاتف",
            "متحدث",
            "ختم",
            "خاتم",
            "علق",
            "تحدث",
            "حث",
            "مبين",
            "وصف",
            "ترد",
            "نرد",
        ] {
            m.remove(w);
        }
        // Keys are compared with folded words.
        m.into_iter()
            .map(|(k, v)| (crate::scan::fold(&k), v))
            .collect()
    })
}

/// Speech verbs by root and derived form: with the morphology, every person, tense and
/// cliticized form of these is a cue («سيؤكدون», «وأكدتا», «تحذر»), and an indefinite accusative
/// participle continues the speaker's turn («مؤكدا», «مضيفا»).
const SPEECH_ROOTS: &[(&str, Form, CueClass)] = &[
    ("قول", Form::Base, CueClass::Open),
    ("كتب", Form::Base, CueClass::Open),
    ("ضيف", Form::Base, CueClass::Continue),
    ("تبع", Form::Third, CueClass::Continue),
    ("أكد", Form::Base, CueClass::Open),
    ("حذر", Form::Base, CueClass::Open),
    ("زعم", Form::Base, CueClass::Open),
    ("نفي", Form::Base, CueClass::Open),
    ("وضح", Form::Base, CueClass::Open),
    ("علن", Form::Base, CueClass::Open),
    ("صرح", Form::Base, CueClass::Open),
    ("عبر", Form::Eighth, CueClass::Open),
    ("شدد", Form::Base, CueClass::Open),
    ("لفت", Form::Base, CueClass::Open),
    ("شور", Form::Base, CueClass::Open),
    ("ذكر", Form::Base, CueClass::Open),
    ("رأي", Form::Base, CueClass::Open),
    ("وصف", Form::Base, CueClass::Open),
    ("كشف", Form::Base, CueClass::Open),
    ("دعو", Form::Base, CueClass::Open),
    ("طلب", Form::Third, CueClass::Open),
    ("هدد", Form::Base, CueClass::Open),
    ("نقل", Form::Base, CueClass::Open),
    ("فيد", Form::Base, CueClass::Open),
    ("درك", Form::Tenth, CueClass::Continue),
    ("كمل", Form::Tenth, CueClass::Continue),
    ("ختم", Form::Eighth, CueClass::Continue),
    ("ردف", Form::Base, CueClass::Continue),
    ("عرب", Form::Base, CueClass::Open),
    ("عرف", Form::Eighth, CueClass::Open),
    ("سءل", Form::Sixth, CueClass::Open),
    ("نوه", Form::Base, CueClass::Open),
    ("بلغ", Form::Base, CueClass::Open),
    ("غرد", Form::Base, CueClass::Open),
    ("علق", Form::Base, CueClass::Open),
    ("جوب", Form::Base, CueClass::Open),
    ("هتف", Form::Base, CueClass::Open),
    ("نشد", Form::Third, CueClass::Open),
    ("وعد", Form::Fifth, CueClass::Open),
    ("جدد", Form::Base, CueClass::Open),
    ("حدث", Form::Fifth, CueClass::Open),
    ("شرح", Form::Base, CueClass::Open),
    ("نبه", Form::Base, CueClass::Open),
];

fn speech_roots() -> &'static RootIndex<(Form, CueClass)> {
    static ROOTS: OnceLock<RootIndex<(Form, CueClass)>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        RootIndex::new(
            SPEECH_ROOTS
                .iter()
                .map(|&(root, form, class)| (root, (form, class))),
        )
    })
}

/// The cue class the morphology gives a word: a finite speech verb (tagged VERB, any person,
/// tense or clitic), or an indefinite accusative participle of one («مضيفا», «مؤكدا»), which
/// continues the current turn. Verbal nouns («تأكيد», «إضافة») are never cues.
pub(crate) fn morph_cue(m: &WordMorph) -> Option<CueClass> {
    // «يُدعى X», «المسمى»: naming, not speech.
    if TITLE_WORDS.contains(&m.stem.as_str()) {
        return None;
    }
    let table = speech_roots();
    let participle = m.is_nominal() && !m.article && !m.enclitic && m.stem.ends_with('ا');
    for r in m.agreeing() {
        for (form, class) in table.get(&r.root) {
            if form != r.form {
                continue;
            }
            match r.shape {
                Shape::Verb => return Some(class),
                Shape::Participle if participle => return Some(CueClass::Continue),
                _ => {}
            }
        }
    }
    None
}

/// Verb forms that are nouns too often to be cues on their own, kept only when a quote or colon
/// follows closely (checked by the caller through `strict`).
const AMBIGUOUS: &[&str] = &[
    "بين", "رد", "ذكر", "كتب", "نقل", "كشف", "وصف", "تحدث", "علق", "ختم",
];

/// The cue class of a folded word, after stripping one و/ف conjunction; `strict` rejects the
/// noun-like bare forms.
pub(crate) fn speech_cue(norm: &str, strict: bool) -> Option<CueClass> {
    let w = crate::scan::strip_conj(norm);
    if let Some(c) = speech_forms().get(w).or_else(|| speech_forms().get(norm)) {
        return Some(*c);
    }
    if !strict && AMBIGUOUS.contains(&w) {
        return Some(CueClass::Open);
    }
    None
}

/// Heads of unnamed sources: the speaker is described, not named.
pub(crate) const UNNAMED_HEADS: &[&str] = &[
    "مصدر",
    "مصادر",
    "مسوول",
    "مسوولون",
    "مسوولين",
    "شاهد",
    "شهود",
    "احد",
    "متحدث",
    "ناطق",
    "مراسل",
    "ناشط",
    "ناشطون",
    "ناشطين",
    "مواطن",
    "مواطنون",
    "سكان",
    "مقاتل",
    "عنصر",
    "قيادي",
    "خبير",
    "خبراء",
    "محلل",
    "مراقبون",
    "دبلوماسي",
    "دبلوماسيون",
    "ضابط",
    "جندي",
    "مسعف",
    "طبيب",
    "موظف",
    "عضو",
    "اعضاء",
    "بيان",
    "تقرير",
    "مصدرا",
    "مسوولا",
];

/// Words that introduce a title, a slogan or a name, not speech («تحت عنوان “…”»).
pub(crate) const TITLE_WORDS: &[&str] = &[
    "عنوان",
    "بعنوان",
    "عنوانه",
    "شعار",
    "اسم",
    "باسم",
    "عباره",
    "وعباره",
    "بعباره",
    "وسم",
    "هاشتاغ",
    "هاشتاق",
    "لافته",
    "لافتات",
    "كتاب",
    "فيلم",
    "برنامج",
    "مسلسل",
    "اغنيه",
    "قصيده",
    "عمليه",
    "حمله",
    "يسمي",
    "تسمي",
    "يدعي",
    "تدعي",
    "المسمي",
    "المسماه",
    "لقب",
    "ملقب",
    "الملقب",
    "وصفتها",
    "وصفه",
    "وصفها",
];

/// Phrases that name the source the words passed through (via) or, with no speech verb, the
/// speaker itself: «وفقا ل», «بحسب», «نقلا عن», «وفق».
pub(crate) fn source_phrase(words: &[crate::scan::Word], i: usize) -> Option<usize> {
    let next = words.get(i + 1).map(|w| w.norm.as_str());
    let phrase = |w: &str| match w {
        "وفقا" | "طبقا" => Some(1),
        "وفق" | "بحسب" | "حسب" => Some(1),
        "نقلا" if next == Some("عن") => Some(2),
        "نقلا" => Some(1),
        _ => None,
    };
    // «وفق» and «وفقا» begin with و themselves: try the word whole before stripping «و».
    phrase(&words[i].norm).or_else(|| phrase(crate::scan::strip_conj(&words[i].norm)))
}

/// Words after which a quote's speaker search stops looking for an explicit subject: the subject
/// of a VSO clause comes right after the verb, before any of these.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "في", "علي", "عن", "من", "الي", "مع", "خلال", "امام", "بعد", "قبل", "ضد", "حول", "عبر", "لدي",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_hit_the_lexicon() {
        for w in [
            "وقال",
            "فقالت",
            "يقول",
            "تقول",
            "قالوا",
            "اكدت",
            "مضيفا",
            "متابعا",
            "واضاف",
            "وحذر",
            "وتابع",
            "ويكتب",
            "استدرك",
        ] {
            assert!(speech_cue(w, true).is_some(), "{w}");
        }
        assert_eq!(speech_cue("واضاف", true), Some(CueClass::Continue));
        assert!(speech_cue("بين", true).is_none());
        assert!(speech_cue("كتب", false).is_some());
        assert!(speech_cue("الحكومه", false).is_none());
    }
}
