//! Character classes for the tokenizer and sentence splitter, packed per code point.
//!
//! Bit layout of a class word (`u32`, one per BMP code point in a lazily built table, computed
//! on the fly for astral code points):
//!
//! | bit | name        | meaning                                                    |
//! |-----|-------------|------------------------------------------------------------|
//! | 0   | `SPACE`     | `char::is_whitespace`                                      |
//! | 1   | `NEWLINE`   | line / paragraph separator (also has `SPACE`)              |
//! | 2   | `ARABIC`    | letter of the Arabic script                                |
//! | 3   | `MARK`      | combining mark or tatweel: continues the preceding word    |
//! | 4   | `LETTER`    | letter of any other script (the tokenizer's "Latin")       |
//! | 5   | `DIGIT`     | decimal digit: ASCII, Arabic-Indic, Eastern Arabic-Indic  |
//! | 6   | `PUNCT`     | punctuation                                                |
//! | 7   | `QUOTE`     | quotation mark                                             |
//! | 8   | `INVISIBLE` | evasion / format character (see `fold::invisible_name`)    |
//! | 9   | `EMOJI`     | emoji base character (Extended_Pictographic approximation) |
//! | 10  | `SYMBOL`    | anything else that is not a space                          |
//! | 11  | `TERM`      | sentence terminator (. ! ? ؟ … ۔ ‼ ⁇ ⁈ ⁉)                  |
//! | 12  | `OPEN_Q`    | opening quote or bracket                                   |
//! | 13  | `CLOSE_Q`   | closing quote or bracket                                   |

use crate::fold::invisible_name;
use std::sync::OnceLock;

pub(crate) const SPACE: u32 = 1 << 0;
pub(crate) const NEWLINE: u32 = 1 << 1;
pub(crate) const ARABIC: u32 = 1 << 2;
pub(crate) const MARK: u32 = 1 << 3;
pub(crate) const LETTER: u32 = 1 << 4;
pub(crate) const DIGIT: u32 = 1 << 5;
pub(crate) const PUNCT: u32 = 1 << 6;
pub(crate) const QUOTE: u32 = 1 << 7;
pub(crate) const INVISIBLE: u32 = 1 << 8;
pub(crate) const EMOJI: u32 = 1 << 9;
pub(crate) const SYMBOL: u32 = 1 << 10;
pub(crate) const TERM: u32 = 1 << 11;
pub(crate) const OPEN_Q: u32 = 1 << 12;
pub(crate) const CLOSE_Q: u32 = 1 << 13;

/// Characters that continue a word: letters of any script, marks, digits.
pub(crate) const WORDISH: u32 = ARABIC | MARK | LETTER | DIGIT;

const TABLE_LEN: usize = 0x1_0000;

/// The class of `c`.
#[inline(always)]
pub(crate) fn class(c: char) -> u32 {
    let cp = c as usize;
    if cp < TABLE_LEN {
        table()[cp]
    } else {
        classify(c)
    }
}

/// Decodes the char starting at byte `pos` of valid UTF-8 (`None` at the end), by hand: the
/// scanners call this once per char, and `str::chars` on a re-sliced `&str` costs a boundary
/// check and iterator set-up each time.
#[inline(always)]
pub(crate) fn decode_at(bytes: &[u8], pos: usize) -> Option<(char, usize)> {
    let b0 = *bytes.get(pos)? as u32;
    if b0 < 0x80 {
        return Some((b0 as u8 as char, 1));
    }
    let cont = |k: usize| bytes.get(pos + k).map_or(0, |&b| (b & 0x3F) as u32);
    let (cp, len) = if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    Some((char::from_u32(cp).unwrap_or('\u{FFFD}'), len))
}

/// The whole BMP table; callers in hot loops fetch it once.
#[inline]
pub(crate) fn table() -> &'static [u32] {
    static T: OnceLock<Box<[u32]>> = OnceLock::new();
    T.get_or_init(|| {
        (0..TABLE_LEN as u32)
            .map(|cp| char::from_u32(cp).map_or(SYMBOL, classify))
            .collect()
    })
}

fn is_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Emoji base characters. An approximation of Extended_Pictographic that covers the emoji
/// blocks; ©, ® and ™ are left to `SYMBOL` because in news text they are rarely emoji.
fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{231A}'..='\u{231B}'
        | '\u{2328}' | '\u{23CF}' | '\u{23E9}'..='\u{23FA}' | '\u{2B05}'..='\u{2B07}'
        | '\u{2B1B}'..='\u{2B1C}' | '\u{2B50}' | '\u{2B55}' | '\u{2934}'..='\u{2935}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}' | '\u{2194}'..='\u{2199}'
        | '\u{21A9}'..='\u{21AA}' | '\u{25AA}'..='\u{25AB}' | '\u{25B6}' | '\u{25C0}'
        | '\u{25FB}'..='\u{25FE}')
}

/// Quotation marks: every one is its own `QuoteMark` token.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2018}'..='\u{201F}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{300C}'..='\u{300F}'
            | '\u{301D}'..='\u{301F}'
            | '\u{FF02}'
            | '\u{FF07}'
            | '\u{275B}'..='\u{275E}'
    )
}

fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}' | '\u{E0100}'..='\u{E01EF}')
}

fn is_arabic_block(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

fn classify(c: char) -> u32 {
    if invisible_name(c).is_some() {
        return INVISIBLE;
    }
    if c.is_whitespace() {
        return if is_newline(c) {
            SPACE | NEWLINE
        } else {
            SPACE
        };
    }
    match c {
        '.' | '!' | '?' => return PUNCT | TERM,
        '\u{061F}' | '\u{06D4}' | '\u{2026}' | '\u{203C}' | '\u{2047}'..='\u{2049}' => {
            return PUNCT | TERM
        }
        '(' | '[' | '{' => return PUNCT | OPEN_Q,
        ')' | ']' | '}' => return PUNCT | CLOSE_Q,
        '«' | '“' | '„' | '‹' | '‘' | '‚' | '「' | '『' => return QUOTE | OPEN_Q,
        '»' | '”' | '›' | '’' | '」' | '』' => return QUOTE | CLOSE_Q,
        '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => return DIGIT,
        '\u{0640}' => return MARK,
        _ => {}
    }
    if is_quote(c) {
        return QUOTE;
    }
    if is_emoji(c) {
        return EMOJI;
    }
    if is_arabic_block(c) {
        if crate::fold::is_arabic_diacritic(c) || matches!(c, '\u{06DD}'..='\u{06DE}') {
            return if c == '\u{06DD}' || c == '\u{06DE}' {
                SYMBOL
            } else {
                MARK
            };
        }
        if c.is_alphabetic() {
            return ARABIC;
        }
        return match c {
            '\u{060C}'
            | '\u{061B}'
            | '\u{066A}'..='\u{066D}'
            | '\u{060D}'
            | '\u{FD3E}'
            | '\u{FD3F}' => PUNCT,
            _ => SYMBOL,
        };
    }
    if is_combining(c) {
        return MARK;
    }
    if c.is_alphabetic() {
        return LETTER;
    }
    if c.is_ascii_punctuation() {
        return match c {
            '$' | '+' | '<' | '=' | '>' | '^' | '|' | '~' | '`' => SYMBOL,
            _ => PUNCT,
        };
    }
    if matches!(c, '\u{00A1}' | '\u{00A7}' | '\u{00B6}' | '\u{00B7}' | '\u{00BF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{3001}'..='\u{3003}')
    {
        return PUNCT;
    }
    SYMBOL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_length() {
        let text = "aب€😀";
        let b = text.as_bytes();
        assert_eq!(decode_at(b, 0), Some(('a', 1)));
        assert_eq!(decode_at(b, 1), Some(('ب', 2)));
        assert_eq!(decode_at(b, 3), Some(('€', 3)));
        assert_eq!(decode_at(b, 6), Some(('😀', 4)));
        assert_eq!(decode_at(b, 10), None);
    }

    #[test]
    fn classes() {
        assert_eq!(class('ب'), ARABIC);
        assert_eq!(class('\u{064E}'), MARK);
        assert_eq!(class('ـ'), MARK);
        assert_eq!(class('a'), LETTER);
        assert_eq!(class('٣'), DIGIT);
        assert_eq!(class('۳'), DIGIT);
        assert_eq!(class('،'), PUNCT);
        assert_eq!(class('؛'), PUNCT);
        assert_eq!(class('؟'), PUNCT | TERM);
        assert_eq!(class('«'), QUOTE | OPEN_Q);
        assert_eq!(class('"'), QUOTE);
        assert_eq!(class('\u{200C}'), INVISIBLE);
        assert_eq!(class('\n'), SPACE | NEWLINE);
        assert_eq!(class('😀'), EMOJI);
        assert_eq!(class('€'), SYMBOL);
        assert_eq!(class('ﻻ'), ARABIC);
    }
}
