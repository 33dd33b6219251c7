//! The morphology view extraction reads: for every scanned word, the stem the segmenter left
//! after removing proclitics and enclitics, its contextual UPOS, and the (root, derived form,
//! shape) readings of that stem under the Arabic verb and noun patterns.
//!
//! Lexicons keyed on roots and derived forms cover every person, tense and derivation the
//! patterns know («سيهربون», «تهريبها», «المهربين» all read root هرب), instead of listing
//! surface strings. Unvocalized text cannot tell forms I, II and IV apart (فعل / فعّل / أفعل
//! share their imperfect and participles), so they are one family, [`Form::Base`].

use std::sync::OnceLock;

use isnad_doc::{fold_key, AnalyzedText, Lexicon, SegmentKind, Upos};

use crate::scan::{Word, WordKind};
use crate::words::{self, bad_field};

/// A root key: three radicals, weak letters and hamza (ا و ي ء) folded to `*`, so hollow,
/// defective and hamzated verbs share one key across their forms (قال/يقول → ق*ل, نفى/نفت → نف*).
pub(crate) type Root = [char; 3];

/// Derived verb form (وزن) of a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Form {
    /// Forms I, II and IV, indistinguishable without vowels.
    Base,
    /// Form III (فاعل): تابع, هاجم, يلاحق.
    Third,
    /// Form V (تفعّل): تحدث, توعد.
    Fifth,
    /// Form VI (تفاعل): تعاون, تحالف.
    Sixth,
    /// Form VII (انفعل).
    Seventh,
    /// Form VIII (افتعل): اعتقل, اغتيال.
    Eighth,
    /// Form X (استفعل): استهدف, استقبل.
    Tenth,
}

impl Form {
    /// Reads the derived-form field of a list entry (`base`, `third` … `tenth`).
    pub(crate) fn of(list: &Lexicon, word: &str, field: Option<&str>) -> Form {
        match field {
            Some("base") => Form::Base,
            Some("third") => Form::Third,
            Some("fifth") => Form::Fifth,
            Some("sixth") => Form::Sixth,
            Some("seventh") => Form::Seventh,
            Some("eighth") => Form::Eighth,
            Some("tenth") => Form::Tenth,
            _ => bad_field(list, word, "derived form"),
        }
    }
}

/// What a pattern makes of its root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    /// A finite verb (past, or imperfect after its person prefix).
    Verb,
    /// A verbal noun or other noun pattern (تفعيل, افتعال, فعول …).
    Noun,
    /// An active or passive participle (فاعل, مفعول, مفعّل, متفاعل …).
    Participle,
}

impl Shape {
    /// Reads the shape field of a list entry (`verb`, `noun` or `participle`).
    fn of(list: &Lexicon, word: &str, field: Option<&str>) -> Shape {
        match field {
            Some("verb") => Shape::Verb,
            Some("noun") => Shape::Noun,
            Some("participle") => Shape::Participle,
            _ => bad_field(list, word, "shape"),
        }
    }
}

/// One reading of a stem under a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    pub root: Root,
    pub form: Form,
    pub shape: Shape,
}

#[inline]
fn weak(c: char) -> char {
    if matches!(c, 'ا' | 'و' | 'ي' | 'ء') {
        '*'
    } else {
        c
    }
}

/// A lexicon keyed by root: entries sorted by key, looked up by binary search (cheaper than
/// hashing for a few dozen keys looked up for every word).
pub(crate) struct RootIndex<T> {
    entries: Vec<(Root, T)>,
}

impl<T: Copy> RootIndex<T> {
    /// Builds the index from (root as written, value) pairs, keeping their order within a key.
    pub fn new(items: impl IntoIterator<Item = (&'static str, T)>) -> Self {
        let mut entries: Vec<(Root, T)> = items
            .into_iter()
            .filter_map(|(root, v)| Some((root_key(root)?, v)))
            .collect();
        entries.sort_by_key(|e| e.0);
        Self { entries }
    }

    /// The values filed under `root`, in lexicon order.
    pub fn get(&self, root: &Root) -> impl Iterator<Item = T> + '_ {
        let a = self.entries.partition_point(|e| e.0 < *root);
        let b = self.entries.partition_point(|e| e.0 <= *root);
        self.entries[a..b].iter().map(|e| e.1)
    }
}

/// Folds a root written in the lexicon («قول», «رأي») to its key.
pub(crate) fn root_key(root: &str) -> Option<Root> {
    let cs: Vec<char> = fold_key(root).chars().map(weak).collect();
    (cs.len() == 3).then(|| [cs[0], cs[1], cs[2]])
}

fn fit(body: &[char], pattern: &[char]) -> Option<Root> {
    if body.len() != pattern.len() {
        return None;
    }
    let mut root = ['\0'; 3];
    for (&b, &p) in body.iter().zip(pattern) {
        match p {
            'ف' => root[0] = weak(b),
            'ع' => root[1] = weak(b),
            'ل' => root[2] = weak(b),
            'ـ' if matches!(b, 'ي' | 'ت' | 'ن' | 'ا') => {}
            _ if b == p => {}
            _ => return None,
        }
    }
    Some(root)
}

/// Endings removed before pattern matching (`lexicons/word_suffixes.tsv`: subject suffixes of
/// verbs, number and gender of nouns, the nisba and the accusative alef), longest first.
fn suffixes() -> &'static [Vec<char>] {
    static S: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    S.get_or_init(|| {
        words::word_suffixes()
            .keys()
            .map(|s| s.chars().collect())
            .collect()
    })
}

/// Patterns (`lexicons/word_patterns.tsv`), with ف ع ل as the radical slots and ـ as an
/// imperfect person prefix (ي ت ن ا). Read as written, not folded: the fold would drop the ـ.
/// Suffixes are stripped before matching, so «فعالة» is matched as «فعال».
fn patterns() -> &'static [(Vec<char>, Form, Shape)] {
    static P: OnceLock<Vec<(Vec<char>, Form, Shape)>> = OnceLock::new();
    P.get_or_init(|| {
        let list = words::word_patterns();
        list.entries()
            .iter()
            .map(|e| {
                (
                    e.text.chars().collect(),
                    Form::of(list, &e.text, e.field(0)),
                    Shape::of(list, &e.text, e.field(1)),
                )
            })
            .collect()
    })
}

/// Every (root, form, shape) reading of a folded stem (article and clitics already removed).
/// Two-letter verb bodies are completed as defective, hollow and doubled roots («نفت» → نف*,
/// «قلت» → ق*ل, «ردت» → ردد).
pub(crate) fn readings(stem: &str) -> Vec<Reading> {
    // Stems are short: work on a stack buffer, and since suffix stripping only shortens the
    // stem, every candidate body is a prefix of it, kept as a length.
    let mut out: Vec<Reading> = Vec::new();
    let mut buf = ['\0'; MAX_STEM + 1];
    let mut n = 0;
    for c in stem.chars() {
        if n == MAX_STEM || !('\u{0621}'..='\u{064A}').contains(&c) {
            return out;
        }
        buf[n] = c;
        n += 1;
    }
    if n < 2 {
        return out;
    }
    let mut lens = [0usize; 16];
    lens[0] = n;
    let mut count = 1;
    let mut from = 0;
    for _ in 0..2 {
        let until = count;
        for li in from..until {
            let len = lens[li];
            for sc in suffixes() {
                let rest = len.wrapping_sub(sc.len());
                if len >= sc.len() + 2
                    && buf[rest..len] == sc[..]
                    && !lens[..count].contains(&rest)
                    && count < lens.len()
                {
                    lens[count] = rest;
                    count += 1;
                }
            }
        }
        from = until;
    }
    let mut add = |r: Reading| {
        if !out.contains(&r) {
            out.push(r);
        }
    };
    for &len in &lens[..count] {
        let b = &buf[..len];
        // The form III verbal noun is feminine (مهاجمة، مساعدات، مهاجمتها); bare «مهاجم» is the
        // participle («the striker»), which is not the act.
        let tail = &buf[len..n];
        let feminine =
            matches!(tail.first(), Some('ه' | 'ة' | 'ت')) || tail.starts_with(&['ا', 'ت']);
        for (p, form, shape) in patterns() {
            if *form == Form::Third && *shape == Shape::Noun && !feminine {
                continue;
            }
            // A defective verb drops its last radical before a suffix («التقت», «اشترت»).
            let root = fit(b, p).or_else(|| {
                if *shape != Shape::Verb || len < 3 || p.len() != len + 1 {
                    return None;
                }
                let mut restored = buf;
                restored[len] = 'ي';
                fit(&restored[..=len], p)
            });
            if let Some(root) = root {
                add(Reading {
                    root,
                    form: *form,
                    shape: *shape,
                });
            }
        }
        // Weak and doubled verbs lose a radical on the surface.
        let two = match len {
            2 => Some((b[0], b[1])),
            3 if matches!(b[0], 'ي' | 'ت' | 'ن' | 'ا') => Some((b[1], b[2])),
            _ => None,
        };
        if let Some((x, y)) = two {
            let (x, y) = (weak(x), weak(y));
            for root in [[x, y, '*'], [x, '*', y], [x, y, y], ['*', x, y]] {
                add(Reading {
                    root,
                    form: Form::Base,
                    shape: Shape::Verb,
                });
            }
        }
    }
    out
}

/// Longest stem read under the patterns (longer ones are names or compounds).
const MAX_STEM: usize = 9;

/// What the segmenter and tagger say about one scanned word.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordMorph {
    /// Folded stem without proclitics, enclitics or the article («وتهريبها» → «تهريب»).
    pub stem: String,
    /// Contextual UPOS of the stem.
    pub upos: Option<Upos>,
    /// The stem carried the article.
    pub article: bool,
    /// A preposition proclitic (ب, ل, ك), folded.
    pub prep: Option<char>,
    /// A pronoun enclitic follows the stem.
    pub enclitic: bool,
    /// Pattern readings of the stem, for verbs, nouns and adjectives only.
    pub readings: Vec<Reading>,
}

impl WordMorph {
    /// True when the tagger read the stem as a verb.
    pub fn is_verb(&self) -> bool {
        matches!(self.upos, Some(Upos::VERB | Upos::AUX))
    }

    /// True when the tagger read the stem as a noun or adjective (masdar, participle).
    pub fn is_nominal(&self) -> bool {
        matches!(self.upos, Some(Upos::NOUN | Upos::ADJ))
    }

    /// True for closed-class readings (prepositions, particles, pronouns, conjunctions), which
    /// can never be a speech verb or a relation trigger.
    pub fn is_closed_class(&self) -> bool {
        matches!(
            self.upos,
            Some(
                Upos::ADP
                    | Upos::PART
                    | Upos::PRON
                    | Upos::CCONJ
                    | Upos::SCONJ
                    | Upos::DET
                    | Upos::NUM
                    | Upos::PUNCT
            )
        )
    }

    /// Readings whose shape agrees with the tagger: verb readings for a VERB, noun and
    /// participle readings for a NOUN or ADJ.
    pub fn agreeing(&self) -> impl Iterator<Item = &Reading> {
        let verb = self.is_verb();
        let nominal = self.is_nominal();
        self.readings.iter().filter(move |r| match r.shape {
            Shape::Verb => verb,
            Shape::Noun | Shape::Participle => nominal,
        })
    }
}

/// Segments of `doc` mapped onto the scanned words: a word gets a view only when its segments
/// cover it exactly (the tokenizer and the scanner agree on its edges); others fall back to
/// the hand rules of the callers.
/// Words inside an entity mention (`named`) keep their stem and tag but get no pattern readings:
/// a name is never a cue or a trigger.
pub(crate) fn word_morphs(
    doc: &AnalyzedText<'_>,
    words: &[Word],
    named: &[Option<u32>],
) -> Vec<Option<WordMorph>> {
    let mut out = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        out.push(if w.kind == WordKind::Alpha {
            morph_of(doc, w, named.get(k).copied().flatten().is_none())
        } else {
            None
        });
    }
    out
}

fn morph_of(doc: &AnalyzedText<'_>, w: &Word, read: bool) -> Option<WordMorph> {
    let ti = doc.tokens.partition_point(|t| t.end <= w.start);
    let segs = doc.segments.get(ti)?;
    let first = segs.first()?;
    let last = segs.last()?;
    if first.start != w.start || last.end != w.end {
        return None;
    }
    let mut m = WordMorph::default();
    let mut article = false;
    for s in segs {
        match s.kind {
            SegmentKind::Proclitic => {
                if let Some(c @ ('ب' | 'ل' | 'ك')) = s.form.chars().next() {
                    m.prep = Some(c);
                }
            }
            SegmentKind::Enclitic => m.enclitic = true,
            SegmentKind::Stem => {
                m.upos = Some(s.upos);
                m.stem = fold_key(&s.form);
                // The morphology crate's article rule (it knows the relative pronouns that
                // open with ال); only words that open with ال pay for asking it. «الآن» keeps
                // its ال: it is read as one adverb, never as «آن» with an article.
                article = m.stem.starts_with("ال")
                    && m.stem != "الان"
                    && s.surface_article_len().is_some();
            }
        }
    }
    if article && !m.is_verb() {
        // `article` implies the folded stem opens with ال.
        m.stem.drain(.."ال".len());
        m.article = true;
    }
    // An unknown word the segmenter left whole that opens with the future particle and a person
    // prefix («سيهربون») is a future verb; the tagger's X says it knew nothing better.
    if m.upos == Some(Upos::X) && m.prep.is_none() {
        let mut cs = m.stem.chars();
        if cs.next() == Some('س')
            && matches!(cs.next(), Some('ي' | 'ت' | 'ن' | 'ا'))
            && m.stem.chars().count() >= 5
        {
            m.stem.drain(..'س'.len_utf8());
            m.upos = Some(Upos::VERB);
        }
    }
    if read
        && matches!(
            m.upos,
            Some(Upos::VERB | Upos::NOUN | Upos::ADJ | Upos::AUX | Upos::X)
        )
    {
        m.readings = readings(&m.stem);
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(stem: &str, root: &str, form: Form, shape: Shape) -> bool {
        let key = root_key(root).expect("root");
        readings(&fold_key(stem))
            .iter()
            .any(|r| r.root == key && r.form == form && r.shape == shape)
    }

    #[test]
    fn the_form_three_verbal_noun_is_feminine_and_the_bare_pattern_a_participle() {
        // «مهاجمة» is the attack; «المهاجم» is the striker, and «مساعد» the assistant.
        assert!(has("مهاجمة", "هجم", Form::Third, Shape::Noun));
        assert!(has("مهاجمت", "هجم", Form::Third, Shape::Noun)); // «مهاجمتها», enclitic removed
        assert!(has("مساعدات", "سعد", Form::Third, Shape::Noun));
        assert!(!has("مهاجم", "هجم", Form::Third, Shape::Noun));
        assert!(has("مهاجم", "هجم", Form::Third, Shape::Participle));
        assert!(!has("مساعد", "سعد", Form::Third, Shape::Noun));
    }

    #[test]
    fn patterns_read_roots_across_persons_tenses_and_derivations() {
        // Imperfect with subject suffix, verbal noun, participle, plural.
        assert!(has("يهربون", "هرب", Form::Base, Shape::Verb));
        assert!(has("تهريب", "هرب", Form::Base, Shape::Noun));
        assert!(has("مهربين", "هرب", Form::Base, Shape::Participle));
        // Hamzated, defective and hollow verbs.
        assert!(has("أكدوا", "أكد", Form::Base, Shape::Verb));
        assert!(has("يؤكد", "أكد", Form::Base, Shape::Verb));
        assert!(has("نفت", "نفي", Form::Base, Shape::Verb));
        assert!(has("نفى", "نفي", Form::Base, Shape::Verb));
        assert!(has("قالت", "قول", Form::Base, Shape::Verb));
        assert!(has("يقولون", "قول", Form::Base, Shape::Verb));
        assert!(has("يصف", "وصف", Form::Base, Shape::Verb));
        // Derived forms.
        assert!(has("اغتيال", "غول", Form::Eighth, Shape::Noun));
        assert!(has("التقت", "لقي", Form::Eighth, Shape::Verb));
        assert!(has("يعتقلون", "عقل", Form::Eighth, Shape::Verb));
        assert!(has("استهدفت", "هدف", Form::Tenth, Shape::Verb));
        assert!(has("متابعا", "تبع", Form::Third, Shape::Participle));
        assert!(has("تعاون", "عون", Form::Sixth, Shape::Noun));
        assert!(has("مساعدات", "سعد", Form::Third, Shape::Noun));
        assert!(!has("تهريب", "هرب", Form::Tenth, Shape::Noun));
    }

    #[test]
    fn a_seated_hamza_is_not_the_ya_or_waw_of_a_pattern() {
        // The one fold keeps ئ and ؤ apart from ي and و: «زائر» (visitor) is the participle of
        // زور, not a فعيل noun, and «تلقائية» (spontaneity) is no verbal noun of لقي.
        assert!(has("زائر", "زور", Form::Base, Shape::Participle));
        assert!(!has("زائر", "زور", Form::Base, Shape::Noun));
        assert!(!has("تلقائي", "لقي", Form::Base, Shape::Noun));
        // Hamzated roots still share their key across the seats.
        assert!(has("يؤكد", "أكد", Form::Base, Shape::Verb));
        assert!(has("تساؤل", "سأل", Form::Sixth, Shape::Noun));
    }

    #[test]
    fn odd_input_gives_no_readings() {
        assert!(readings("").is_empty());
        assert!(readings("abc").is_empty());
        assert!(readings("و").is_empty());
        assert!(readings(&"ب".repeat(40)).is_empty());
    }
}
