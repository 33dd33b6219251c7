//! The word lists extraction reads, from `lexicons/` at the repository root (embedded at build
//! time by `isnad-doc`, folded with [`isnad_doc::fold_key`]). Each accessor caches its list, so
//! the per-word lookups of the hot loops do not search the list of lists again.
//!
//! This module only loads lists; what a list means for a rule is said where the rule reads it.
//! Lists whose entries carry fields (a relation type, a derived form, a month number) are parsed
//! into typed tables by the module that owns the type.

use std::sync::OnceLock;

use isnad_doc::Lexicon;

macro_rules! lists {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        $(
            $(#[$doc])*
            pub(crate) fn $name() -> &'static Lexicon {
                static LIST: OnceLock<&'static Lexicon> = OnceLock::new();
                LIST.get_or_init(|| Lexicon::embedded(stringify!($name)))
            }
        )*

        /// Every list this crate reads, so a test can load them all.
        #[cfg(test)]
        pub(crate) fn all() -> Vec<&'static Lexicon> {
            vec![$($name()),*]
        }
    };
}

lists! {
    /// «وفقا ل», «بحسب», «نقلا عن»: the source of a statement.
    source_phrases,
    /// Words before a name that make it the source of a statement, not an argument.
    source_markers,
    /// Prepositions.
    prepositions,
    /// Conjunction proclitics (و ف).
    conjunctions,
    /// Proclitics of the light stemmer, in the order they are tried.
    proclitics,
    /// Speech verbs with their present stem, participle and cue class.
    speech_verbs,
    /// Irregular speech-verb forms.
    speech_verb_forms,
    /// Generated speech-verb forms that are nouns or particles.
    speech_verb_collisions,
    /// Speech-verb forms that are nouns too often to be cues on their own.
    speech_verb_ambiguous,
    /// The affixes speech-verb forms are generated with.
    speech_verb_inflections,
    /// Speech verbs by root and derived form.
    speech_roots,
    /// Heads of unnamed sources («مصدر», «مسؤول»).
    unnamed_source_heads,
    /// Words that introduce a title, a slogan or a name, not speech.
    naming_words,
    /// Words after an unnamed head that introduce its name («يدعى»).
    naming_verbs,
    /// Outlet nouns with ل, as word beginnings («لوكال»).
    outlet_prefixes,
    /// Nouns of speech inside a cue («حديثه»), as word beginnings.
    speech_nouns,
    /// Written statements that speak for who issued them («بيان», «تصريح»).
    statement_nouns,
    /// Words before a speech verb that belong to the cue («كما»).
    cue_openers,
    /// Auxiliaries and particles skipped at a clause start («كان», «ثم»).
    clause_fillers,
    /// Complementizers with the pronoun they carry.
    complementizers,
    /// Words that open a clause.
    clause_openers,
    /// Words before a speech verb that make it open its own clause.
    speech_clause_openers,
    /// Negation particles.
    negators,
    /// Word beginnings that end, refuse or deny a tie (with their role).
    negating_stems,
    /// Endings of an adjective of nationality, longest first.
    nisba_suffixes,
    /// Words of cause and time that put a verbal noun in an adverbial phrase.
    causal_words,
    /// Construct heads after which the name is still the subject (titles, bodies).
    construct_heads,
    /// Nouns whose genitive is a supported group («داعمي»).
    supporter_heads,
    /// Nouns whose genitive is an ally or patron («الموالين»).
    ally_heads,
    /// Nouns whose genitive is a body the phrase is part of («صفوف»).
    genitive_heads,
    /// Words before a name that mark an addressee («إلى», «مع»).
    addressee_markers,
    /// Words that begin with ل but are not the preposition.
    lam_words,
    /// Object pronoun suffixes.
    object_pronouns,
    /// Relative pronouns that open a relative clause about the actor before them.
    relative_clause_pronouns,
    /// Triggers that follow their subject, as word beginnings.
    post_nominal_triggers,
    /// Weapons and materiel, as word beginnings.
    materiel_stems,
    /// Medical, financial and logistic aid, as word beginnings.
    aid_stems,
    /// Relation triggers by root.
    trigger_roots,
    /// Surface relation-trigger stems.
    trigger_stems,
    /// Stems that read as a trigger root but are function words.
    not_triggers,
    /// Verbal-noun triggers, as word beginnings.
    verbal_noun_triggers,
    /// Ranks that introduce members.
    member_ranks,
    /// Words that open a member list («منها»).
    member_list_openers,
    /// Nouns that make a place an organization's seat («مقر»).
    seat_words,
    /// Gregorian and Hijri month names.
    months,
    /// Weekday names.
    weekdays,
    /// Parts of a day before a weekday («مساء»).
    day_parts,
    /// Words that introduce a year inside the mention («عام»).
    year_intros,
    /// Words before a year outside the mention («منذ»).
    year_prepositions,
    /// «الماضي», «المقبل».
    date_directions,
    /// «أمس», «اليوم», «غدا».
    relative_days,
    /// «الأسبوع», «الشهر», «العام».
    date_units,
    /// Era letters after a year.
    year_eras,
    /// Words for a part of a period that open a date mention («منتصف», «نهاية»).
    date_positions,
    /// Demonstratives before a time unit («هذا العام»).
    date_demonstratives,
    /// Words around «أمس» that move it one more day back («أول من أمس»).
    day_shifts,
    /// Ordinal day numbers («السابع من يونيو»).
    day_ordinals,
    /// Time units after «قبل» («قبل يومين»).
    ago_units,
    /// Cardinal numbers as words («ثلاثة أيام»).
    number_words,
    /// Words that make a number approximate («نحو»).
    approximators,
    /// Decades («التسعينات»).
    decades,
    /// Hijri feasts («عيد الفطر»).
    holidays,
    /// Words before a four-digit number that make it a quantity, not a year.
    year_count_cues,
    /// Nouns before a date that make it part of a name («شارع 26 سبتمبر»).
    date_name_heads,
    /// «شهر» before a month name.
    month_heads,
    /// Proclitics stripped from a date word.
    date_proclitics,
    /// Word patterns with their form and shape.
    word_patterns,
    /// Endings removed before pattern matching.
    word_suffixes,
}

/// Whether the folded word `w` begins with one of the (folded) entries of `list`.
pub(crate) fn starts_with_any(list: &Lexicon, w: &str) -> bool {
    list.keys().any(|p| w.starts_with(p))
}

/// The role (field 0) of the entry of `list` that `w` begins with, if any.
pub(crate) fn prefix_role<'l>(list: &'l Lexicon, w: &str) -> Option<&'l str> {
    list.entries()
        .iter()
        .find(|e| w.starts_with(e.key.as_str()))
        .and_then(|e| e.field(0))
}

/// Field `i` of the entry of `list` whose key is `key`.
pub(crate) fn field<'l>(list: &'l Lexicon, key: &str, i: usize) -> Option<&'l str> {
    list.get(key).and_then(|e| e.field(i))
}

/// Reports a malformed field of an embedded list. Lists are build inputs, and a unit test
/// parses every table, so this is a build error rather than an input error.
pub(crate) fn bad_field(list: &Lexicon, entry: &str, what: &str) -> ! {
    panic!(
        "lexicons/{}.tsv: entry «{entry}» has no valid {what}",
        list.name()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_list_loads_and_is_not_empty() {
        for l in super::all() {
            assert!(!l.is_empty(), "{}", l.name());
        }
    }
}
