//! Transliteration: lossless Buckwalter both ways, and a readable romanization for names.
//!
//! # Buckwalter
//! The standard Buckwalter table (plus `P J V G` for پ چ ڤ گ). To make the round trip
//! `from_buckwalter(&to_buckwalter(s)) == s` exact on *any* input, ASCII characters that are
//! themselves Buckwalter symbols (letters and `' | > & < } * $ _ ~ \` {`) and the escape
//! character `\` are written with a leading backslash: `to_buckwalter("Aكتب")` is `"\\Aktb"`.
//! Characters Buckwalter does not cover pass through unchanged. Plain Buckwalter input (no
//! backslashes) decodes as usual: `from_buckwalter("ktb") == "كتب"`.
//!
//! # Names
//! [`romanize_name`] follows a news-style scheme (the spellings English-language Gulf and
//! Levant media use): a table of very common names first, then rules; see its docs.

mod names;
mod skeleton;

pub use names::romanize_name;
pub use skeleton::latin_skeleton;

/// (Arabic char, Buckwalter symbol).
const BUCKWALTER: &[(char, char)] = &[
    ('\u{0621}', '\''),
    ('\u{0622}', '|'),
    ('\u{0623}', '>'),
    ('\u{0624}', '&'),
    ('\u{0625}', '<'),
    ('\u{0626}', '}'),
    ('\u{0627}', 'A'),
    ('\u{0628}', 'b'),
    ('\u{0629}', 'p'),
    ('\u{062A}', 't'),
    ('\u{062B}', 'v'),
    ('\u{062C}', 'j'),
    ('\u{062D}', 'H'),
    ('\u{062E}', 'x'),
    ('\u{062F}', 'd'),
    ('\u{0630}', '*'),
    ('\u{0631}', 'r'),
    ('\u{0632}', 'z'),
    ('\u{0633}', 's'),
    ('\u{0634}', '$'),
    ('\u{0635}', 'S'),
    ('\u{0636}', 'D'),
    ('\u{0637}', 'T'),
    ('\u{0638}', 'Z'),
    ('\u{0639}', 'E'),
    ('\u{063A}', 'g'),
    ('\u{0640}', '_'),
    ('\u{0641}', 'f'),
    ('\u{0642}', 'q'),
    ('\u{0643}', 'k'),
    ('\u{0644}', 'l'),
    ('\u{0645}', 'm'),
    ('\u{0646}', 'n'),
    ('\u{0647}', 'h'),
    ('\u{0648}', 'w'),
    ('\u{0649}', 'Y'),
    ('\u{064A}', 'y'),
    ('\u{064B}', 'F'),
    ('\u{064C}', 'N'),
    ('\u{064D}', 'K'),
    ('\u{064E}', 'a'),
    ('\u{064F}', 'u'),
    ('\u{0650}', 'i'),
    ('\u{0651}', '~'),
    ('\u{0652}', 'o'),
    ('\u{0670}', '`'),
    ('\u{0671}', '{'),
    ('\u{067E}', 'P'),
    ('\u{0686}', 'J'),
    ('\u{06A4}', 'V'),
    ('\u{06AF}', 'G'),
];

/// The escape character for ASCII that collides with a Buckwalter symbol.
const ESCAPE: char = '\\';

fn to_bw(c: char) -> Option<char> {
    let cp = c as u32;
    if !(0x0621..=0x06AF).contains(&cp) {
        return None;
    }
    BUCKWALTER.iter().find(|&&(a, _)| a == c).map(|&(_, b)| b)
}

fn from_bw(c: char) -> Option<char> {
    if !c.is_ascii() {
        return None;
    }
    BUCKWALTER.iter().find(|&&(_, b)| b == c).map(|&(a, _)| a)
}

/// Arabic script to Buckwalter; colliding ASCII is escaped with `\` (see the module docs).
///
/// # Examples
/// ```
/// use isnad_text::translit::{to_buckwalter, from_buckwalter};
/// assert_eq!(to_buckwalter("كَتَبَ"), "kataba");
/// assert_eq!(to_buckwalter("ص 5 x"), "S 5 \\x");
/// assert_eq!(from_buckwalter(&to_buckwalter("ص 5 x")), "ص 5 x");
/// ```
pub fn to_buckwalter(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if let Some(b) = to_bw(c) {
            out.push(b);
        } else if c == ESCAPE || from_bw(c).is_some() {
            out.push(ESCAPE);
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Buckwalter to Arabic script; `\x` yields a literal `x` (see the module docs).
///
/// # Examples
/// ```
/// assert_eq!(isnad_text::translit::from_buckwalter(">Hmd"), "أحمد");
/// ```
pub fn from_buckwalter(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut it = text.chars();
    while let Some(c) = it.next() {
        if c == ESCAPE {
            match it.next() {
                Some(n) => out.push(n),
                None => out.push(ESCAPE),
            }
        } else if let Some(a) = from_bw(c) {
            out.push(a);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_a_bijection() {
        for (i, &(a, b)) in BUCKWALTER.iter().enumerate() {
            for &(a2, b2) in &BUCKWALTER[i + 1..] {
                assert_ne!(a, a2);
                assert_ne!(b, b2);
            }
            assert_eq!(to_bw(a), Some(b));
            assert_eq!(from_bw(b), Some(a));
        }
    }

    #[test]
    fn known_words() {
        assert_eq!(
            to_buckwalter(
                "\u{0645}\u{064F}\u{062D}\u{064E}\u{0645}\u{0651}\u{064E}\u{062F}\u{064C}"
            ),
            "muHam~adN"
        );
        assert_eq!(to_buckwalter("ال\u{0634}\u{0651}\u{064E}يْخ"), "Al$~ayox");
        assert_eq!(from_buckwalter("<isolAm"), "إ\u{0650}س\u{0652}لام");
        assert_eq!(from_buckwalter("{ll~`h"), "ٱللّٰه");
    }

    #[test]
    fn round_trip_on_mixed_input() {
        for s in [
            "",
            "\\",
            "a\\b",
            "ISIS داعش $5 ~ {x}",
            "ﻻ ٣ پ",
            "trailing \\",
        ] {
            assert_eq!(from_buckwalter(&to_buckwalter(s)), s, "{s:?}");
        }
        assert_eq!(from_buckwalter("abc\\"), "\u{064E}بc\\");
    }
}
