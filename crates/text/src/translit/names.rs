//! Readable romanization of Arabic personal names.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::{normalize, search_key, Level};

/// Which table of `lexicons/name_romanizations.tsv` a spelling belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Table {
    /// Very common given names and particles, checked before any rule.
    Common,
    /// `عبد` + `ال…` compounds, keyed by the search key of the joined form.
    Compound,
    /// Gulf nisba family names after the article, keyed by the stem's search key.
    Surname,
}

/// The English spellings of `lexicons/name_romanizations.tsv`, by table and search key, read
/// once. The file is part of the build, so a malformed one is a build error the tests catch.
fn tables() -> &'static HashMap<(Table, String), String> {
    static TABLES: OnceLock<HashMap<(Table, String), String>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../lexicons/name_romanizations.tsv"
        ));
        let list = match crate::wordlist::parse(text) {
            Ok(list) => list,
            Err(e) => panic!("lexicons/name_romanizations.tsv is malformed: {e}"),
        };
        list.entries
            .into_iter()
            .filter_map(|(_, word, fields)| {
                let table = match fields.get(1).copied() {
                    Some("common") => Table::Common,
                    Some("compound") => Table::Compound,
                    Some("surname") => Table::Surname,
                    _ => return None,
                };
                Some(((table, search_key(word)), fields.first()?.to_string()))
            })
            .collect()
    })
}

fn lookup(table: Table, key: &str) -> Option<&'static str> {
    tables().get(&(table, key.to_string())).map(String::as_str)
}

/// Romanizes an Arabic personal name for English text.
///
/// Scheme: words found in a table of very common names are spelled as news media spell them
/// (محمد → Muhammad, أحمد → Ahmed); `عبد` joins a following `ال…` word into one name
/// (عبدالله and عبد الله both → Abdullah, عبد الكريم → Abdulkarim); the article is always
/// written `al-` with no sun-letter assimilation (الشمري → al-Shammari, البغدادي →
/// al-Baghdadi); ة → a; ا و ي are long vowels a u i (consonants w y at word start or next to a
/// vowel). Diacritics are used when present (shadda doubles); otherwise a short vowel is
/// guessed between two consonants: `a` (CaCC…), or `i` right after a long ā (CāCiC: Adil).
/// Non-Arabic words pass through.
///
/// # Examples
/// ```
/// use isnad_text::translit::romanize_name;
/// assert_eq!(romanize_name("أبو بكر البغدادي"), "Abu Bakr al-Baghdadi");
/// assert_eq!(romanize_name("عبد الله"), "Abdullah");
/// assert_eq!(romanize_name("الشيخ"), "al-Sheikh");
/// ```
pub fn romanize_name(name: &str) -> String {
    let clean = normalize(name, Level::Display).text;
    let words: Vec<&str> = clean.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let key = search_key(w);
        // عبد + ال… → one compound name.
        if key == "عبد" {
            if let Some(next) = words.get(i + 1) {
                if search_key(next).starts_with("ال") {
                    out.push(compound(&format!("{w}{next}")));
                    i += 2;
                    continue;
                }
            }
        }
        out.push(word(w));
        i += 1;
    }
    out.join(" ")
}

fn compound(w: &str) -> String {
    let key = search_key(w);
    if let Some(r) = lookup(Table::Compound, &key) {
        return r.to_string();
    }
    // Skip the letters of "عبدال" (keeping any diacritics with them).
    let rest = skip_letters(w, 5);
    format!("Abdul{}", core(rest).to_lowercase())
}

fn word(w: &str) -> String {
    if !w.chars().any(is_arabic_letter) {
        return w.to_string();
    }
    let key = search_key(w);
    if key.starts_with("عبدال") && key.chars().count() > 5 {
        return compound(w);
    }
    if let Some(r) = lookup(Table::Common, &key) {
        return r.to_string();
    }
    if key.starts_with("ال") && key.chars().count() > 2 {
        let rest = skip_letters(w, 2);
        let rest_key = search_key(rest);
        let body = lookup(Table::Surname, &rest_key)
            .or_else(|| lookup(Table::Common, &rest_key))
            .map(str::to_string)
            .unwrap_or_else(|| capitalize(&core(rest)));
        return format!("al-{body}");
    }
    capitalize(&core(w))
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

fn is_harakah(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}')
}

/// The suffix of `w` after its first `n` letters and the marks attached to them.
fn skip_letters(w: &str, n: usize) -> &str {
    let mut seen = 0;
    for (i, c) in w.char_indices() {
        if is_arabic_letter(c) {
            if seen == n {
                return &w[i..];
            }
            seen += 1;
        }
    }
    ""
}

fn capitalize(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some('\'') => format!("'{}", capitalize(it.as_str())),
        Some(f) => f.to_uppercase().chain(it).collect(),
        None => String::new(),
    }
}

/// One letter with the marks that follow it.
struct Unit {
    letter: char,
    vowel: Option<&'static str>,
    shadda: bool,
}

fn consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'ء' | 'ؤ' | 'ئ' => "'",
        'ب' => "b",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'س' => "s",
        'ش' => "sh",
        'ص' => "s",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'ع' => "'",
        'غ' => "gh",
        'ف' | 'ڤ' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'گ' => "g",
        'پ' => "p",
        'چ' => "ch",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ه' | 'ھ' => "h",
        'و' => "w",
        'ي' | 'ی' => "y",
        _ => return None,
    })
}

/// Rule-based romanization of one word without article handling.
fn core(w: &str) -> String {
    let mut units: Vec<Unit> = Vec::new();
    for c in w.chars() {
        if is_arabic_letter(c) {
            units.push(Unit {
                letter: c,
                vowel: None,
                shadda: false,
            });
        } else if let Some(u) = units.last_mut() {
            match c {
                '\u{064E}' => u.vowel = Some("a"),
                '\u{064F}' => u.vowel = Some("u"),
                '\u{0650}' => u.vowel = Some("i"),
                '\u{0651}' => u.shadda = true,
                _ => {}
            }
        }
    }
    let voweled = w.chars().any(is_harakah);
    let n = units.len();
    // Classify each letter as a long vowel (Some(spelling)) or a consonant (None).
    let mut long: Vec<Option<&'static str>> = vec![None; n];
    for i in 0..n {
        let prev_vowel = i > 0 && long[i - 1].is_some();
        let next_alef = units
            .get(i + 1)
            .is_some_and(|u| matches!(u.letter, 'ا' | 'ى'));
        long[i] = match units[i].letter {
            'ا' | 'ى' | 'آ' | 'ٱ' if i > 0 => Some("a"),
            'ا' | 'آ' | 'ٱ' => Some("a"),
            'أ' if i == 0 => Some("a"),
            'إ' => Some("i"),
            'ة' => Some("a"),
            'و' if i > 0 && !prev_vowel && !next_alef && units[i].vowel.is_none() => Some("u"),
            'ي' | 'ی' if i > 0 && !prev_vowel && !next_alef && units[i].vowel.is_none() => {
                Some("i")
            }
            'أ' => Some("'"),
            _ => None,
        };
    }
    let mut out = String::new();
    let mut inserted_before = false;
    for i in 0..n {
        let u = &units[i];
        if let Some(v) = long[i] {
            // A long vowel after the same short vowel is written once.
            if !out.ends_with(v) || v == "'" {
                out.push_str(v);
            }
            inserted_before = false;
            continue;
        }
        let Some(cons) = consonant(u.letter) else {
            continue;
        };
        let cons = if u.letter == 'ع' && (i == 0 || out.ends_with('a')) {
            // Word-initial ع is silent in news spelling; after a vowel it lengthens it (Saad).
            if i == 0 {
                ""
            } else {
                "a"
            }
        } else {
            cons
        };
        out.push_str(cons);
        if u.shadda && i > 0 {
            out.push_str(cons);
        }
        if voweled {
            if let Some(v) = u.vowel {
                out.push_str(v);
            }
        } else {
            let next_cons = i + 1 < n && long[i + 1].is_none();
            if next_cons && !inserted_before {
                // CāCiC (the active participle pattern of most names: Adil, Hashim, Kamil).
                let after_long_a = i > 0 && long[i - 1] == Some("a");
                out.push(if after_long_a { 'i' } else { 'a' });
                inserted_before = true;
                continue;
            }
        }
        inserted_before = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brief_examples() {
        assert_eq!(romanize_name("أبو بكر البغدادي"), "Abu Bakr al-Baghdadi");
        assert_eq!(romanize_name("عبدالله"), "Abdullah");
        assert_eq!(romanize_name("عبد الله"), "Abdullah");
        assert_eq!(romanize_name("محمد"), "Muhammad");
        assert_eq!(romanize_name("الشيخ"), "al-Sheikh");
        assert_eq!(romanize_name("الشمري"), "al-Shammari");
        assert_eq!(romanize_name("فاطمة"), "Fatima");
    }

    #[test]
    fn table_then_rules() {
        assert_eq!(romanize_name("أحمد بن علي"), "Ahmed bin Ali");
        assert_eq!(romanize_name("عبد الرحمن"), "Abdulrahman");
        assert_eq!(romanize_name("عبد الكريم"), "Abdulkarim");
        assert_eq!(romanize_name("جعفر"), "Jaafar");
        assert_eq!(romanize_name("بغداد"), "Baghdad");
        assert_eq!(romanize_name("منصور"), "Mansur");
        assert_eq!(romanize_name("نوال"), "Nawal");
        assert_eq!(romanize_name("عادل الجبير"), "Adil al-Jabir");
        assert_eq!(romanize_name("أيمن"), "Ayman");
        assert_eq!(
            romanize_name("الشيخ تميم بن حمد آل ثاني"),
            "al-Sheikh Tamim bin Hamad Al Thani"
        );
        // Diacritics guide the vowels and shadda doubles.
        assert_eq!(romanize_name("الشَّمَّرِي"), "al-Shammari");
        assert_eq!(romanize_name("سَلْمَى"), "Salma");
        // Tatweel and invisibles are ignored; Latin passes through.
        assert_eq!(romanize_name("محـــ\u{200C}ـمد Jr."), "Muhammad Jr.");
        assert_eq!(romanize_name(""), "");
    }
}
