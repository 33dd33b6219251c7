//! Normalization levels with a map back to original offsets, and the search-key fast path.

use crate::fold::{
    fast_table, fold_char, out_bytes, out_chars, pair_index, pair_out_len, search_pair_table, Fold,
    FAST_LIMIT, PAIR_SLOW, SLOW,
};
use serde::Serialize;
use std::str::FromStr;

/// How far [`normalize`] folds the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Light clean-up for showing text: removes invisibles and tatweel and folds presentation
    /// forms to base letters, but keeps diacritics, letter shapes and digits.
    Display,
    /// Aggressive folding for matching: additionally strips diacritics, folds alef/yeh/teh
    /// marbuta variants and Persian/Urdu lookalikes, Arabic-Indic digits to ASCII and
    /// lowercases Latin. Two spellings of a word that a reader sees as "the same word" get the
    /// same search key.
    SearchKey,
}

/// Error returned when parsing a [`Level`] from a string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown normalization level {0:?} (expected \"display\" or \"search\")")]
pub struct ParseLevelError(pub String);

impl FromStr for Level {
    type Err = ParseLevelError;

    /// Accepts `display` and `search` (also `search-key` / `searchkey`), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "display" => Ok(Level::Display),
            "search" | "search-key" | "searchkey" | "search_key" => Ok(Level::SearchKey),
            _ => Err(ParseLevelError(s.to_string())),
        }
    }
}

/// An invisible character removed during normalization, reported so evasion attempts are visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Invisible {
    /// Code-point offset in the original text.
    pub offset: usize,
    /// The character itself.
    pub ch: char,
    /// Short conventional name (`ZWNJ`, `RLM`, `BOM`, …).
    pub name: &'static str,
}

/// Normalized text plus the map back to the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// `source[i]` is the code-point offset in the original text of output char `i`; one more
    /// final entry holds the original length in code points. Monotone non-decreasing, so an
    /// output span `a..b` maps back to `source[a]..source[b]` (see [`Normalized::source_span`]).
    pub source: Vec<usize>,
    /// Invisible characters that were removed, in order.
    pub invisibles: Vec<Invisible>,
}

impl Normalized {
    /// Maps a code-point span of [`Normalized::text`] back to a span of the original text.
    ///
    /// The end maps to the start of the first original char *after* the span, so characters
    /// dropped right after the span's last char (diacritics, tatweel) are included; spans past
    /// the end are clamped. A non-empty span inside a single expanded character maps to that
    /// character.
    pub fn source_span(&self, start: usize, end: usize) -> crate::Span {
        let last = self.source.len().saturating_sub(1);
        let s = self.source.get(start.min(last)).copied().unwrap_or(0);
        let e = self.source.get(end.min(last)).copied().unwrap_or(0);
        // A non-empty span inside one expanded char (half of the ligature ﻻ) maps to that char.
        let total = self.source.get(last).copied().unwrap_or(0);
        let e = if end > start && e <= s {
            (s + 1).min(total)
        } else {
            e
        };
        crate::Span { start: s, end: e }
    }
}

/// Normalizes `text` at `level`, keeping the map from output chars to original offsets and the
/// list of removed invisible characters.
///
/// Normalization is idempotent: normalizing the output again at the same level changes nothing.
///
/// # Examples
/// ```
/// use isnad_text::{normalize, Level};
/// let n = normalize("دا\u{200C}عـــش", Level::SearchKey);
/// assert_eq!(n.text, "داعش");
/// assert_eq!(n.source, vec![0, 1, 3, 7, 8]);
/// assert_eq!(n.invisibles[0].name, "ZWNJ");
/// ```
pub fn normalize(text: &str, level: Level) -> Normalized {
    let search = level == Level::SearchKey;
    let table = fast_table(search);
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 8);
    let mut source = Vec::with_capacity(text.len() / 2 + 1);
    let mut invisibles = Vec::new();
    let mut n = 0usize;
    let mut it = text.chars().enumerate().peekable();
    while let Some((i, c)) = it.next() {
        n = i + 1;
        let cp = c as usize;
        if cp < FAST_LIMIT {
            let e = table[cp];
            if e & SLOW == 0 {
                push_packed(&mut out, e);
                for _ in 0..out_chars(e) {
                    source.push(i);
                }
                continue;
            }
        }
        if !search && c == '\u{200D}' && joins_emoji(last_char(&out), it.peek().map(|p| p.1)) {
            // Display keeps the joiner of an emoji ZWJ sequence (👨‍👩‍👧): it is not evasion.
            push_str(&mut out, c.encode_utf8(&mut [0; 4]));
            source.push(i);
            continue;
        }
        match fold_char(c, search) {
            Fold::Keep => {
                push_str(&mut out, c.encode_utf8(&mut [0; 4]));
                source.push(i);
            }
            Fold::Drop => {}
            Fold::Invisible(name) => invisibles.push(Invisible {
                offset: i,
                ch: c,
                name,
            }),
            Fold::Char(f) => {
                push_str(&mut out, f.encode_utf8(&mut [0; 4]));
                source.push(i);
            }
            Fold::Str(s) => {
                push_str(&mut out, s);
                for _ in s.chars() {
                    source.push(i);
                }
            }
        }
    }
    source.push(n);
    Normalized {
        text: into_string(out),
        source,
        invisibles,
    }
}

/// Appends the output bytes of a packed fast-table entry: one fixed 4-byte copy (a single
/// store) and a truncate, instead of a variable-length copy.
#[inline(always)]
fn push_packed(out: &mut Vec<u8>, e: u32) {
    let len = out.len();
    out.extend_from_slice(&e.to_le_bytes());
    out.truncate(len + out_bytes(e));
}

#[inline]
fn push_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
}

/// The last char of a UTF-8 buffer built by this module.
fn last_char(out: &[u8]) -> Option<char> {
    let start = out.len().saturating_sub(4);
    let tail = &out[start..];
    // Skip leading continuation bytes of the 4-byte window.
    let skip = tail.iter().take_while(|&&b| b & 0xC0 == 0x80).count();
    std::str::from_utf8(&tail[skip..]).ok()?.chars().next_back()
}

/// Turns a buffer of whole UTF-8 sequences into a `String` without re-validating it.
///
/// Validation would be a second pass over the output at ~0.8 GB/s, slower than the key
/// computation itself, so this is the crate's one `unsafe` block.
fn into_string(buf: Vec<u8>) -> String {
    debug_assert!(std::str::from_utf8(&buf).is_ok());
    // SAFETY: the kept part of `buf` is, in order, whole UTF-8 sequences: byte ranges of the
    // input `&str` that start and end on char boundaries, `char::encode_utf8` output, `&str`
    // contents, or table entries, which are packed from `encode_utf8` / `&str` output
    // (`fold::fast_table`, `fold::search_pair_table`) and kept with their exact byte length.
    // In `search_key_into` a fixed four-byte store may leave stray bytes past the kept length;
    // the next store overwrites them and the final `truncate` drops the rest, and a two-byte
    // lead emits nothing, its continuation byte emitting the whole folded char.
    unsafe { String::from_utf8_unchecked(buf) }
}

/// Whether a ZWJ between `prev` and `next` is part of an emoji ZWJ sequence.
fn joins_emoji(prev: Option<char>, next: Option<char>) -> bool {
    let emoji = |c: char| crate::chars::class(c) & crate::chars::EMOJI != 0;
    let extends = |c: char| matches!(c, '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}');
    matches!((prev, next), (Some(p), Some(n)) if (emoji(p) || extends(p)) && emoji(n))
}

/// The search key of `text` (same as `normalize(text, Level::SearchKey).text`, without the
/// offset map). Allocates; use [`search_key_into`] in loops.
///
/// # Examples
/// ```
/// assert_eq!(isnad_text::search_key("داعـــش"), "داعش");
/// assert_eq!(isnad_text::search_key("ﺩﺍﻋﺶ"), "داعش");
/// ```
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    search_key_into(text, &mut out);
    out
}

/// Writes the search key of `text` into `out`, clearing it first; reuse `out` across calls so
/// hot loops (indexing, tantivy filters) do not allocate.
///
/// A byte-level transducer (`fold::search_pair_table`) run a block of 16 bytes at a time: per
/// byte one table look-up keyed by the byte and its predecessor, and one fixed four-byte store,
/// with no char decoding and no branch on the text. A block that meets a rare char (three or
/// more bytes, an invisible, a ligature) is redone byte by byte through the same rules as
/// [`normalize`].
pub fn search_key_into(text: &str, out: &mut String) {
    let table = search_pair_table();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut buf: Vec<u8> = std::mem::take(out).into_bytes();
    buf.clear();
    // Fast entries never write past the input consumed so far (a two-byte char keys to at
    // most two bytes), plus the slack of the fixed-size stores; the slow path grows the buffer
    // before it writes more than it read.
    buf.resize(n + SLACK, 0);
    let mut o = 0;
    let mut j = 0;
    while j < n {
        if let (Some(window), Some(dst)) = (
            j.checked_sub(1).and_then(|p| bytes.get(p..p + BLOCK + 1)),
            buf.get_mut(o..o + DST),
        ) {
            if let (Ok(window), Ok(dst)) = (
                <&[u8; BLOCK + 1]>::try_from(window),
                <&mut [u8; DST]>::try_from(dst),
            ) {
                let (written, flags) = key_block(table, window, dst);
                if flags & PAIR_SLOW == 0 {
                    o += written;
                    j += BLOCK;
                    continue;
                }
            }
        }
        let end = (j + BLOCK).min(n);
        while j < end {
            (j, o) = key_careful(text, table, j, o, &mut buf);
        }
    }
    buf.truncate(o);
    *out = into_string(buf);
}

/// Bytes per block of [`search_key_into`].
const BLOCK: usize = 16;
/// Output window of a block: room for a four-byte store at any masked offset.
const DST: usize = 2 * BLOCK + 4;
/// Spare bytes at the end of the search-key buffer, so a block's output window always fits.
const SLACK: usize = DST;

/// Keys one block: `window` is the byte before the block and the block's [`BLOCK`] bytes.
/// Returns the bytes written to `dst` and the OR of the entries; when that has [`PAIR_SLOW`],
/// the caller throws the block's output away and redoes it with [`key_careful`].
#[inline(always)]
fn key_block(
    table: &[u32; 1 << 16],
    window: &[u8; BLOCK + 1],
    dst: &mut [u8; DST],
) -> (usize, u32) {
    let mut written = 0;
    let mut flags = 0;
    for half in 0..BLOCK / 8 {
        // The pairs (byte k-1, byte k) of eight bytes, cut out of one eight-byte word and the
        // byte after it rather than loaded one byte at a time.
        let base = half * 8;
        let mut word = [0; 8];
        word.copy_from_slice(&window[base..base + 8]);
        let lo = u64::from_le_bytes(word);
        let next = u64::from(window[base + 8]);
        for k in 0..8 {
            let pair = if k < 7 {
                (lo >> (8 * k)) & 0xFFFF
            } else {
                (lo >> 56) | (next << 8)
            };
            let e = table[pair as usize];
            flags |= e;
            // Output runs ahead of the block's input by at most the one byte of a char whose
            // lead was in the previous block, so `written <= base + k + 1 <= BLOCK`; the mask
            // is a no-op that lets the compiler drop the bounds check.
            let at = written & (2 * BLOCK - 1);
            if let Some(slot) = dst.get_mut(at..at + 4) {
                slot.copy_from_slice(&e.to_le_bytes());
            }
            written += pair_out_len(e);
        }
    }
    (written, flags)
}

/// Keys the byte at `j` (a whole char on the slow path) into `buf` at `o`; returns the next
/// `(j, o)`. `j` is a char boundary or a continuation byte whose lead was keyed before.
fn key_careful(
    text: &str,
    table: &[u32; 1 << 16],
    j: usize,
    o: usize,
    buf: &mut Vec<u8>,
) -> (usize, usize) {
    let bytes = text.as_bytes();
    let prev = j.checked_sub(1).map_or(0, |p| bytes[p]);
    let b = bytes[j];
    let e = table[pair_index(prev, b)];
    if e & PAIR_SLOW == 0 {
        let len = pair_out_len(e);
        buf[o..o + len].copy_from_slice(&e.to_le_bytes()[..len]);
        return (j + 1, o + len);
    }
    // A slow continuation byte belongs to the two-byte char started by the previous byte,
    // which emitted nothing; anything else slow starts a char here.
    let start = if b & 0xC0 == 0x80 {
        j.saturating_sub(1)
    } else {
        j
    };
    let Some(c) = text.get(start..).and_then(|t| t.chars().next()) else {
        return (j + 1, o); // unreachable for a `&str`: `start` is a char boundary
    };
    let end = start + c.len_utf8();
    let mut tmp = [0; 4];
    let key: &[u8] = match fold_char(c, true) {
        Fold::Keep => &bytes[start..end],
        Fold::Drop | Fold::Invisible(_) => &[],
        Fold::Char(f) => f.encode_utf8(&mut tmp).as_bytes(),
        Fold::Str(s) => s.as_bytes(),
    };
    let need = o + key.len() + (bytes.len() - end) + SLACK;
    if buf.len() < need {
        buf.resize(need, 0);
    }
    buf[o..o + key.len()].copy_from_slice(key);
    (end, o + key.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAESH: &str = "داعش";

    #[test]
    fn evasion_variants_share_the_search_key() {
        let variants = [
            "داعـــش",                              // tatweel
            "دا\u{200C}عش",                         // ZWNJ
            "د\u{200D}اع\u{200B}ش",                 // ZWJ + ZWSP
            "دَاعِشْ",                                 // diacritics
            "\u{202B}داعش\u{202C}",                 // bidi embedding
            "\u{2067}دا\u{2060}عش\u{2069}",         // isolates + word joiner
            "\u{FEFF}دا\u{00AD}عش\u{061C}\u{200F}", // BOM, soft hyphen, ALM, RLM
            "ﺩﺍﻋﺶ",                                 // presentation forms
            "ﺩﺍﻋـﺶ",                                // presentation forms + tatweel
        ];
        for v in variants {
            assert_eq!(search_key(v), DAESH, "{v:?}");
            assert_eq!(normalize(v, Level::SearchKey).text, DAESH, "{v:?}");
        }
    }

    #[test]
    fn persian_lookalikes_fold() {
        // ي → ی and ك → ک, ة → ۀ/ە, ه → ھ.
        assert_eq!(search_key("الشیخ"), "الشيخ");
        assert_eq!(search_key("کتاب"), "كتاب");
        assert_eq!(search_key("مدرسۀ"), "مدرسه");
        assert_eq!(search_key("مدرسة"), "مدرسه");
        assert_eq!(search_key("ڪتاب"), "كتاب");
        assert_eq!(search_key("گتاب"), "كتاب");
        assert_eq!(search_key("فتوے"), "فتوي");
        assert_eq!(search_key("ھذا"), "هذا");
        assert_eq!(search_key("ٸ"), "ئ");
    }

    #[test]
    fn alef_yeh_digits_latin() {
        assert_eq!(
            search_key("أحمد إبراهيم آمال ٱلله"),
            "احمد ابراهيم امال الله"
        );
        assert_eq!(search_key("مستشفى"), "مستشفي");
        assert_eq!(search_key("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹"), "0123456789 0123456789");
        assert_eq!(search_key("ISIS Über"), "isis über");
    }

    #[test]
    fn ligatures_expand() {
        assert_eq!(search_key("ﻻ"), "لا");
        assert_eq!(search_key("ﻷ"), "لا");
        assert_eq!(normalize("ﻷ", Level::Display).text, "لأ");
        let n = normalize("ﻻﺑﺪ", Level::Display);
        assert_eq!(n.text, "لابد");
        assert_eq!(n.source, vec![0, 0, 1, 2, 3]);
        assert_eq!(n.source_span(0, 1), crate::Span { start: 0, end: 1 });
        assert_eq!(n.source_span(1, 2), crate::Span { start: 0, end: 1 });
        assert_eq!(n.source_span(0, 4), crate::Span { start: 0, end: 3 });
        assert_eq!(n.source_span(7, 9), crate::Span { start: 3, end: 3 });
        assert_eq!(search_key("ﷺ"), "صلي الله عليه وسلم");
    }

    #[test]
    fn display_keeps_diacritics_and_letters() {
        let n = normalize("مُحَمَّـــد\u{200C} أحمد ٣", Level::Display);
        assert_eq!(n.text, "مُحَمَّد أحمد ٣");
        assert_eq!(n.invisibles.len(), 1);
        assert_eq!(n.invisibles[0].offset, 11);
        assert_eq!(n.invisibles[0].name, "ZWNJ");
    }

    #[test]
    fn display_keeps_emoji_zwj_sequences() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let n = normalize(family, Level::Display);
        assert_eq!(n.text, family);
        assert!(n.invisibles.is_empty());
        // Between letters it is removed and reported, and the search key always removes it.
        assert_eq!(normalize("a\u{200D}👩", Level::Display).text, "a👩");
        assert_eq!(search_key(family), "👨👩👧");
    }

    #[test]
    fn source_map_points_back() {
        let text = "قال: «دَاعـش»";
        let n = normalize(text, Level::SearchKey);
        assert_eq!(n.text, "قال: «داعش»");
        assert_eq!(n.source.len(), n.text.chars().count() + 1);
        assert_eq!(*n.source.last().unwrap_or(&0), text.chars().count());
        // Map the word back.
        let span = n.source_span(6, 10);
        let orig: String = text
            .chars()
            .skip(span.start)
            .take(span.end - span.start)
            .collect();
        assert_eq!(orig, "دَاعـش");
    }

    #[test]
    fn idempotent_examples() {
        for t in ["ﻷ ﷺ İstanbul ٣٫٥", "مُحَمَّد", "ﹰ", "Σ ς"] {
            for level in [Level::Display, Level::SearchKey] {
                let once = normalize(t, level).text;
                assert_eq!(normalize(&once, level).text, once, "{t:?}");
            }
        }
    }

    #[test]
    fn level_from_str() {
        assert_eq!("display".parse::<Level>(), Ok(Level::Display));
        assert_eq!("Search".parse::<Level>(), Ok(Level::SearchKey));
        assert!("nope".parse::<Level>().is_err());
    }

    #[test]
    fn ascii_lowercases() {
        assert_eq!(
            search_key("Hello WORLD, this IS a longer ASCII line: ABCXYZ"),
            "hello world, this is a longer ascii line: abcxyz"
        );
    }

    #[test]
    fn byte_path_matches_normalize_on_mixed_text() {
        // Slow chars of every length between fast ones: soft hyphen and ALM (two-byte
        // invisibles), İ (two bytes, keys to three), ﷺ (three bytes, keys to eighteen), emoji,
        // a lone trailing lead-row char, Latin-1 and Greek capitals.
        let text = "ﷺأ\u{00AD}ب\u{061C}İx😀ٱ ÀΣ ﻻﷺﷺﷺ٣ة";
        let key = search_key(text);
        assert_eq!(key, normalize(text, Level::SearchKey).text);
        assert_eq!(key, "صلي الله عليه وسلماب\u{0069}\u{0307}x😀ا àσ لاصلي الله عليه وسلمصلي الله عليه وسلمصلي الله عليه وسلم3ه");
        for cut in 0..text.len() {
            if let Some(prefix) = text.get(..cut) {
                assert_eq!(search_key(prefix), normalize(prefix, Level::SearchKey).text);
            }
        }
    }

    #[test]
    fn search_key_into_reuses_buffer() {
        let mut buf = String::from("old content");
        search_key_into("ABC", &mut buf);
        assert_eq!(buf, "abc");
        search_key_into("", &mut buf);
        assert_eq!(buf, "");
    }
}
