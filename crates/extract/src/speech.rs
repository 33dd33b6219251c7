//! Speech cues: the speech verbs that introduce a quotation, by surface form and by root.
//! Speech verbs are listed (`lexicons/speech_verbs.tsv`) as past stem, present stem and
//! participle, and every person/tense form is generated from them once, so «وقالت», «يقولون»,
//! «مضيفا» all hit the same entry after the conjunction is stripped.

use std::collections::HashMap;
use std::sync::OnceLock;

use isnad_doc::{fold_key, Lexicon};

use crate::morph::{Form, RootIndex, Shape, WordMorph};
use crate::scan::{strip_conj, Word};
use crate::words::{self, bad_field};

/// Whether a speech verb continues the previous speaker's turn («وأضاف», «وتابع», «مضيفا»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Opens a statement; its subject is usually explicit.
    Open,
    /// Continues the current speaker when no subject follows.
    Continue,
}

impl CueClass {
    /// Reads the class field of a list entry (`open` or `continue`).
    fn of(list: &Lexicon, word: &str, field: Option<&str>) -> CueClass {
        match field {
            Some("open") => CueClass::Open,
            Some("continue") => CueClass::Continue,
            _ => bad_field(list, word, "cue class (open or continue)"),
        }
    }
}

fn speech_forms() -> &'static HashMap<String, CueClass> {
    static FORMS: OnceLock<HashMap<String, CueClass>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut m = HashMap::new();
        let verbs = words::speech_verbs();
        for e in verbs.entries() {
            let class = CueClass::of(verbs, &e.text, e.field(2));
            let pres = fold_key(
                e.field(0)
                    .unwrap_or_else(|| bad_field(verbs, &e.text, "present stem")),
            );
            let part = match e.field(1) {
                Some("-") | None => String::new(),
                Some(p) => fold_key(p),
            };
            generate_forms(&e.key, &pres, &part, class, &mut m);
        }
        // Hollow-verb past forms and a few irregulars.
        let irregular = words::speech_verb_forms();
        for e in irregular.entries() {
            m.insert(e.key.clone(), CueClass::of(irregular, &e.text, e.field(0)));
        }
        // Nouns and particles that collide with generated forms.
        for w in words::speech_verb_collisions().keys() {
            m.remove(w);
        }
        m
    })
}

/// Inserts the person and tense forms of one speech verb (all arguments folded): the past in
/// 3ms, 3fs, 3mp and the duals, the present in 3ms, 3fs, 1p with plural and dual endings, and
/// the participle in both genders and numbers (which always continues the current turn).
fn generate_forms(
    past: &str,
    pres: &str,
    part: &str,
    class: CueClass,
    m: &mut HashMap<String, CueClass>,
) {
    // Hollow and defective verbs keep their stems loosely.
    let trimmed = past
        .strip_suffix('ى')
        .or_else(|| past.strip_suffix('ا'))
        .unwrap_or(past);
    for suf in affixes("past_suffixes") {
        m.insert(format!("{past}{suf}"), class);
        if trimmed != past && !suf.is_empty() {
            m.insert(format!("{trimmed}{suf}"), class);
        }
    }
    for pre in affixes("present_prefixes") {
        for suf in affixes("present_suffixes") {
            m.insert(format!("{pre}{pres}{suf}"), class);
        }
    }
    if !part.is_empty() {
        for suf in affixes("participle_suffixes") {
            m.insert(format!("{part}{suf}"), CueClass::Continue);
        }
    }
}

/// The folded affixes of one slot of `lexicons/speech_verb_inflections.tsv` (`-` is none).
fn affixes(slot: &str) -> Vec<String> {
    let list = words::speech_verb_inflections();
    match list.get(slot) {
        Some(e) => e
            .fields
            .iter()
            .map(|a| if a == "-" { String::new() } else { fold_key(a) })
            .collect(),
        None => bad_field(list, slot, "affix slot"),
    }
}

/// Speech verbs by root and derived form (`lexicons/speech_roots.tsv`): with the morphology,
/// every person, tense and cliticized form of these is a cue («سيؤكدون», «وأكدتا», «تحذر»), and
/// an indefinite accusative participle continues the speaker's turn («مؤكدا», «مضيفا»).
fn speech_roots() -> &'static RootIndex<(Form, CueClass)> {
    static ROOTS: OnceLock<RootIndex<(Form, CueClass)>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let list = words::speech_roots();
        RootIndex::new(list.entries().iter().map(|e| {
            let form = Form::of(list, &e.text, e.field(0));
            (
                e.text.as_str(),
                (form, CueClass::of(list, &e.text, e.field(1))),
            )
        }))
    })
}

/// The cue class the morphology gives a word: a finite speech verb (tagged VERB, any person,
/// tense or clitic), or an indefinite accusative participle of one («مضيفا», «مؤكدا»), which
/// continues the current turn. Verbal nouns («تأكيد», «إضافة») are never cues.
pub(crate) fn morph_cue(m: &WordMorph) -> Option<CueClass> {
    // «يُدعى X», «المسمى»: naming, not speech.
    if words::naming_words().contains(&m.stem) {
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

/// The cue class of a folded word, after stripping one و/ف conjunction; `strict` rejects the
/// noun-like bare forms.
pub(crate) fn speech_cue(norm: &str, strict: bool) -> Option<CueClass> {
    let w = strip_conj(norm);
    if let Some(c) = speech_forms().get(w).or_else(|| speech_forms().get(norm)) {
        return Some(*c);
    }
    // Forms that are nouns too often to be cues on their own are kept only when a quote or a
    // colon follows closely (checked by the caller through `strict`).
    if !strict && words::speech_verb_ambiguous().contains(w) {
        return Some(CueClass::Open);
    }
    None
}

/// Phrases that name the source the words passed through (via) or, with no speech verb, the
/// speaker itself: «وفقا ل», «بحسب», «نقلا عن», «وفق». Returns how many words the phrase takes.
pub(crate) fn source_phrase(words: &[Word], i: usize) -> Option<usize> {
    let list = words::source_phrases();
    let next = words.get(i + 1).map(|w| w.norm.as_str());
    let phrase = |w: &str| {
        let e = list.get(w)?;
        // A second word that belongs to the phrase («نقلا عن»).
        let joined = e
            .field(0)
            .is_some_and(|f| next == Some(fold_key(f).as_str()));
        Some(if joined { 2 } else { 1 })
    };
    // «وفق» and «وفقا» begin with و themselves: try the word whole before stripping «و».
    phrase(&words[i].norm).or_else(|| phrase(strip_conj(&words[i].norm)))
}

/// Whether a folded word (conjunction stripped) is a complementizer that opens a reported
/// clause («إن», «أن», «بأنه»).
pub(crate) fn is_complementizer(norm: &str) -> bool {
    words::complementizers().contains(strip_conj(norm))
}

/// Whether a folded word is an unnamed-source head («مصدر», «مسؤول»): the speaker is described,
/// not named.
pub(crate) fn is_unnamed_head(w: &str) -> bool {
    words::unnamed_source_heads().contains(w)
}

/// Whether a folded word introduces a title, a slogan or a name, not speech («تحت عنوان “…”»).
pub(crate) fn is_naming_word(w: &str) -> bool {
    words::naming_words().contains(w)
}

/// Whether a folded word is a preposition: the subject of a VSO clause comes right after the
/// verb, before any of these, so a speaker search stops at one.
pub(crate) fn is_preposition(w: &str) -> bool {
    words::prepositions().contains(w)
}

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
        // The verbal noun «تساؤلا» shares its key with the dual «تساءلا» and is not a cue.
        assert!(speech_cue(&fold_key("تساؤلا"), false).is_none());
        assert!(speech_cue(&fold_key("تساءل"), true).is_some());
        assert!(speech_cue("كتب", false).is_some());
        assert!(speech_cue("الحكومه", false).is_none());
    }
}
