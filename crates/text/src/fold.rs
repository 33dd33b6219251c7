//! Per-character folding rules shared by `normalize` and the byte-level fast path.
//!
//! The rules live in one place, [`fold_char`], written as plain `match`es so they are easy to
//! audit. The hot path never calls it for common characters: [`tables`] evaluates it once for
//! every code point below U+0800 (ASCII, Latin, Arabic, Arabic Supplement) and packs the result
//! into a lookup table.

use std::sync::OnceLock;

/// What a normalization level does with one input character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Keep the character as it is.
    Keep,
    /// Drop it silently (diacritics, tatweel).
    Drop,
    /// Drop it and report it as an invisible character with this short name.
    Invisible(&'static str),
    /// Replace it by one character.
    Char(char),
    /// Replace it by a string (ligatures, presentation forms).
    Str(&'static str),
}

/// Short name of an invisible / evasion character, or `None` for any other character.
///
/// These are the characters used to disguise words from keyword filters: they render as
/// nothing (or only change direction), so a reader sees the same word while a naive search does
/// not match it.
pub(crate) fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SHY",
        '\u{034F}' => "CGJ",
        '\u{061C}' => "ALM",
        '\u{180E}' => "MVS",
        '\u{200B}' => "ZWSP",
        '\u{200C}' => "ZWNJ",
        '\u{200D}' => "ZWJ",
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2060}' => "WJ",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        '\u{FEFF}' => "BOM",
        _ => return None,
    })
}

/// Arabic diacritics stripped by the search key: harakat and tanween (U+064B–U+065F), the
/// superscript alef (U+0670), the small honorific marks (U+0610–U+061A) and the Quranic
/// annotation marks (U+06D6–U+06ED). None of them changes which word is written.
#[inline]
pub(crate) fn is_arabic_diacritic(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}')
}

/// Letter folds of the search key (Arabic variants and Persian/Urdu/Kurdish lookalikes).
///
/// Decisions worth knowing:
/// * hamza on alef is dropped (أ إ آ ٱ → ا) but ؤ and ئ are kept: they are distinct letters
///   far more often than spelling variants;
/// * گ (gaf) folds to ك: Arabic orthography has no /g/ letter and Gulf/Iraqi writers and the
///   press write it with ك (or ج / غ, which we cannot guess), and a gaf is the usual way a
///   Persian keyboard user "misspells" an Arabic kaf word;
/// * the high-hamza letters ٵ ٶ ٷ ٸ fold to their Arabic look-alikes ا ؤ ؤ ئ.
#[inline]
fn search_letter(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' | '\u{0675}' => 'ا',
        'ى' | 'ی' | 'ې' | 'ۍ' | 'ے' | '\u{063D}' | '\u{063E}' | '\u{063F}' | '\u{06D3}' => 'ي',
        'ة' | 'ۀ' | 'ە' | 'ہ' | 'ھ' | '\u{06C2}' | '\u{06C3}' => 'ه',
        'ک' | 'گ' | 'ڪ' | '\u{063B}' | '\u{063C}' => 'ك',
        '\u{0676}' | '\u{0677}' => 'ؤ',
        'ٸ' => 'ئ',
        '\u{06C4}'..='\u{06CB}' | '\u{06CF}' => 'و',
        'ں' => 'ن',
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => return None,
    })
}

/// The folding rule for one character at one level (`search` = search key, else display).
pub(crate) fn fold_char(c: char, search: bool) -> Fold {
    if let Some(name) = invisible_name(c) {
        return Fold::Invisible(name);
    }
    if c == '\u{0640}' {
        return Fold::Drop;
    }
    if is_presentation_form(c) {
        return match presentation(c, search) {
            Some(s) => Fold::Str(s),
            None => Fold::Keep,
        };
    }
    if !search {
        return Fold::Keep;
    }
    if is_arabic_diacritic(c) {
        return Fold::Drop;
    }
    if let Some(f) = search_letter(c) {
        return Fold::Char(f);
    }
    if c.is_ascii() {
        return if c.is_ascii_uppercase() {
            Fold::Char(c.to_ascii_lowercase())
        } else {
            Fold::Keep
        };
    }
    lower_fold(c)
}

/// Unicode lowercasing for non-ASCII characters (cached for multi-char results).
fn lower_fold(c: char) -> Fold {
    let mut it = c.to_lowercase();
    let first = it.next();
    match (first, it.next()) {
        (Some(l), None) if l == c => Fold::Keep,
        (Some(l), None) => Fold::Char(l),
        // Only a handful of characters (U+0130 'İ') lowercase to several characters.
        _ => Fold::Str(leak_cached(c.to_lowercase().collect())),
    }
}

/// Interns the rare multi-character lowercase expansions so `Fold` can stay `Copy`.
fn leak_cached(s: String) -> &'static str {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static CACHE: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut guard = match cache.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(v) = guard.get(&s) {
        return v;
    }
    // Bounded: at most one entry per Unicode character with a multi-char lowercase (~1).
    let leaked: &'static str = Box::leak(s.clone().into_boxed_str());
    guard.insert(s, leaked);
    leaked
}

/// Arabic Presentation Forms-A (U+FB50–U+FDFF) and -B (U+FE70–U+FEFF).
#[inline]
pub(crate) fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

const PRES_START: u32 = 0xFB50;
const PRES_END: u32 = 0xFEFE;

/// Folded forms of every presentation-form code point, for both levels.
struct PresTable {
    display: Vec<Option<Box<str>>>,
    search: Vec<Option<Box<str>>>,
}

fn pres_table() -> &'static PresTable {
    static T: OnceLock<PresTable> = OnceLock::new();
    T.get_or_init(|| {
        let n = (PRES_END - PRES_START + 1) as usize;
        let mut display = Vec::with_capacity(n);
        let mut search = Vec::with_capacity(n);
        for cp in PRES_START..=PRES_END {
            let (d, s) = match char::from_u32(cp) {
                Some(c) => (decompose(c, false), decompose(c, true)),
                None => (None, None),
            };
            display.push(d);
            search.push(s);
        }
        PresTable { display, search }
    })
}

/// NFKC-style compatibility decomposition of one presentation form, then folded at the level.
/// A leading space before a combining mark (the isolated harakat forms U+FE70 …) is dropped so
/// the mark attaches to the preceding letter instead of inventing a word break.
fn decompose(c: char, search: bool) -> Option<Box<str>> {
    use unicode_normalization::UnicodeNormalization;
    let mut raw = String::new();
    unicode_normalization::char::decompose_compatible(c, |d| raw.push(d));
    if raw.chars().eq(std::iter::once(c)) {
        return None;
    }
    // Recompose (NFKC) so that e.g. U+FEF7 becomes لأ rather than لا + combining hamza.
    let mut chars: Vec<char> = raw.nfc().collect();
    if chars.len() >= 2 && chars[0] == ' ' && chars[1..].iter().all(|&m| is_arabic_diacritic(m)) {
        chars.remove(0);
    }
    let mut out = String::new();
    for d in chars {
        match fold_char(d, search) {
            Fold::Keep => out.push(d),
            Fold::Drop | Fold::Invisible(_) => {}
            Fold::Char(f) => out.push(f),
            Fold::Str(s) => out.push_str(s),
        }
    }
    Some(out.into_boxed_str())
}

fn presentation(c: char, search: bool) -> Option<&'static str> {
    let t = pres_table();
    let idx = (c as u32 - PRES_START) as usize;
    let v = if search { &t.search } else { &t.display };
    v.get(idx).and_then(|o| o.as_deref())
}

/// Packed fast-path entry for code points below [`FAST_LIMIT`]:
/// bits 0–23 hold up to three output bytes (UTF-8, little-endian order),
/// bits 24–25 the output length in bytes (0 = drop), bit 26 [`IDENT`] (output == input),
/// bit 27 [`SLOW`] (must go through [`fold_char`]: expansion longer than 3 bytes, or an
/// invisible that has to be reported), bits 28–29 the output length in chars.
pub(crate) const FAST_LIMIT: usize = 0x800;
pub(crate) const IDENT: u32 = 1 << 26;
pub(crate) const SLOW: u32 = 1 << 27;

/// Output length in bytes of a fast entry.
#[inline(always)]
pub(crate) fn out_bytes(e: u32) -> usize {
    ((e >> 24) & 3) as usize
}

/// Output length in chars of a fast entry.
#[inline(always)]
pub(crate) fn out_chars(e: u32) -> usize {
    ((e >> 28) & 3) as usize
}

/// The fast table of a level (`search` = search key), indexed by code point (< U+0800).
pub(crate) fn fast_table(search: bool) -> &'static [u32; FAST_LIMIT] {
    static SEARCH: OnceLock<Box<[u32; FAST_LIMIT]>> = OnceLock::new();
    static DISPLAY: OnceLock<Box<[u32; FAST_LIMIT]>> = OnceLock::new();
    let cell = if search { &SEARCH } else { &DISPLAY };
    cell.get_or_init(|| {
        let mut t = Box::new([0u32; FAST_LIMIT]);
        for (cp, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(cp as u32) else {
                *slot = SLOW;
                continue;
            };
            *slot = match fold_char(c, search) {
                Fold::Keep => pack(c.encode_utf8(&mut [0; 4])) | IDENT,
                Fold::Drop => 0,
                Fold::Invisible(_) => SLOW,
                Fold::Char(f) => pack(f.encode_utf8(&mut [0; 4])),
                Fold::Str(s) if s.len() <= 3 => pack(s),
                Fold::Str(_) => SLOW,
            };
        }
        t
    })
}

/// Flag of a [`search_pair_table`] entry: the byte needs [`fold_char`] (a char of three or four
/// bytes, an invisible to report, or a two-byte char whose key is longer than two bytes).
pub(crate) const PAIR_SLOW: u32 = 1 << 16;

/// Number of output bytes of a [`search_pair_table`] entry (bits 24–31).
#[inline(always)]
pub(crate) fn pair_out_len(e: u32) -> usize {
    (e >> 24) as usize
}

/// Index of byte `cur` preceded by byte `prev` in [`search_pair_table`].
#[inline(always)]
pub(crate) fn pair_index(prev: u8, cur: u8) -> usize {
    usize::from(u16::from_le_bytes([prev, cur]))
}

/// The search key as a byte-level transducer over UTF-8: what to emit for byte `cur` given the
/// byte before it, indexed by [`pair_index`].
///
/// Why bytes and not chars: Arabic news is almost all two-byte chars (lead 0xD8–0xDB), and a
/// char-by-char scan must learn each char's length before it can look at the next one, a
/// chain of dependent loads that capped it near 0.6 GB/s. Here every byte's entry depends only
/// on that byte and the one before it, so the look-ups of a block run in parallel: ASCII emits
/// its lowercase, a two-byte lead emits nothing, and a continuation byte emits the whole folded
/// char of its lead and itself (0–2 bytes: ة → ه, أ → ا, a diacritic → nothing).
///
/// Entry layout: bits 0–15 the output bytes (little-endian), bit 16 [`PAIR_SLOW`], bits 24–31
/// the output length. 256 KiB, of which Arabic text touches a few hundred cache lines.
pub(crate) fn search_pair_table() -> &'static [u32; 1 << 16] {
    static T: OnceLock<Box<[u32; 1 << 16]>> = OnceLock::new();
    T.get_or_init(|| {
        let chars = fast_table(true);
        let mut t = Box::new([0u32; 1 << 16]);
        for (key, slot) in t.iter_mut().enumerate() {
            let [prev, cur] = (key as u16).to_le_bytes();
            *slot = if cur < 0x80 {
                (1 << 24) | u32::from(cur.to_ascii_lowercase())
            } else if (0xC2..0xE0).contains(&cur) {
                0
            } else if cur & 0xC0 == 0x80 && (0xC2..0xE0).contains(&prev) {
                let cp = (usize::from(prev & 0x1F) << 6) | usize::from(cur & 0x3F);
                let e = chars[cp];
                if e & SLOW != 0 || out_bytes(e) > 2 {
                    PAIR_SLOW
                } else {
                    ((out_bytes(e) as u32) << 24) | (e & 0xFFFF)
                }
            } else {
                PAIR_SLOW
            };
        }
        t
    })
}

fn pack(s: &str) -> u32 {
    let b = s.as_bytes();
    debug_assert!(b.len() <= 3);
    let mut v = ((b.len() as u32) << 24) | ((s.chars().count() as u32) << 28);
    for (i, &x) in b.iter().enumerate() {
        v |= (x as u32) << (8 * i);
    }
    v
}
