//! Latin consonant skeletons: the meeting point of an Arabic name and its English spellings.
//!
//! English spellings of one Arabic name disagree mostly on vowels (Muhammad, Mohammed), doubled
//! letters (Abbas, Abas), the article (al-, el-, ash-) and a few digraphs (Khaled/Kaled). The
//! skeleton drops what they disagree on and keeps the consonants, so that the romanization of
//! an Arabic word and a reader's spelling of it reach the same key.

/// The consonant skeleton of a Latin word: lowercase, article and vowels dropped, digraphs and
/// close consonants folded, doubled letters collapsed. Empty when nothing is left.
///
/// # Examples
/// ```
/// use isnad_text::translit::latin_skeleton;
/// assert_eq!(latin_skeleton("al-Baghdadi"), latin_skeleton("Baghdadi"));
/// assert_eq!(latin_skeleton("Mohammed"), latin_skeleton("Muhammad"));
/// assert_eq!(latin_skeleton("Hamas"), "hms");
/// ```
pub fn latin_skeleton(word: &str) -> String {
    let mut letters: Vec<u8> = Vec::with_capacity(word.len());
    for c in word.chars() {
        if let Some(b) = ascii_letter(c) {
            letters.push(b);
        } else if c == '-' || c == '\u{2010}' || c == '\u{2011}' {
            letters.push(b'-');
        }
        // Apostrophes, ʿayn/hamza marks and anything else carry no consonant.
    }
    let body = strip_article(&letters);
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    let mut last: u8 = 0;
    while i < body.len() {
        let c = body[i];
        let next = body.get(i + 1).copied().unwrap_or(0);
        let (mapped, step) = match (c, next) {
            (b'k', b'h') => (b'x', 2),
            (b'g', b'h') => (b'g', 2),
            (b's', b'h') | (b'c', b'h') => (b's', 2),
            (b't', b'h') => (b't', 2),
            (b'd', b'h') => (b'd', 2),
            (b'p', b'h') => (b'f', 2),
            (b'q', _) | (b'c', _) => (b'k', 1),
            (b'j', _) => (b'g', 1),
            (b'v', _) => (b'f', 1),
            (b'p', _) => (b'b', 1),
            (b'a' | b'e' | b'i' | b'o' | b'u' | b'-', _) => (0, 1),
            // Inside a word w and y are mostly long vowels or glides that spellings disagree on
            // (Utaybi / Otaibi, Hawthi / Houthi); at the start they are consonants (Yusuf).
            (b'w' | b'y', _) if i > 0 => (0, 1),
            // A final h after a vowel is the silent ta marbuta (Hamzah, Hamza).
            (b'h', 0) if i > 0 && is_vowel(body[i - 1]) => (0, 1),
            _ => (c, 1),
        };
        i += step;
        if mapped == 0 {
            // A vowel separates nothing: "Abbas" and "Abas" both give "bs".
            continue;
        }
        if mapped != last {
            out.push(mapped as char);
            last = mapped;
        }
    }
    out
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Lowercase ASCII letter for a Latin letter, folding the accents of scholarly transliteration.
fn ascii_letter(c: char) -> Option<u8> {
    if c.is_ascii_alphabetic() {
        return Some(c.to_ascii_lowercase() as u8);
    }
    let folded = match c {
        'ā' | 'á' | 'à' | 'â' | 'ä' | 'Ā' | 'Á' | 'À' | 'Â' | 'Ä' => b'a',
        'ē' | 'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => b'e',
        'ī' | 'í' | 'ì' | 'î' | 'ï' | 'Ī' | 'Í' => b'i',
        'ō' | 'ó' | 'ò' | 'ô' | 'ö' | 'Ō' | 'Ó' => b'o',
        'ū' | 'ú' | 'ù' | 'û' | 'ü' | 'Ū' | 'Ú' => b'u',
        'ḥ' | 'Ḥ' => b'h',
        'ṣ' | 'Ṣ' | 'š' | 'Š' => b's',
        'ḍ' | 'Ḍ' => b'd',
        'ṭ' | 'Ṭ' => b't',
        'ẓ' | 'Ẓ' | 'ž' | 'Ž' => b'z',
        'ç' | 'Ç' => b's',
        _ => return None,
    };
    Some(folded)
}

/// Drops a leading article: `al-`, `el-`, and the assimilated `ash-`, `ad-`, `an-`...
fn strip_article(letters: &[u8]) -> &[u8] {
    if let Some(dash) = letters.iter().position(|&b| b == b'-') {
        let head = &letters[..dash];
        let is_article = matches!(head.first(), Some(b'a' | b'e'))
            && (2..=3).contains(&head.len())
            && head[1..].iter().all(|b| !is_vowel(*b));
        if is_article && dash + 1 < letters.len() {
            return &letters[dash + 1..];
        }
    }
    letters
}

#[cfg(test)]
mod tests {
    use super::latin_skeleton;

    #[test]
    fn spellings_of_one_name_meet() {
        for group in [
            &["Muhammad", "Mohammed", "Mohamed", "Mohammad"][..],
            &["Baghdadi", "al-Baghdadi", "el-Bagdadi", "Al-Baghdādī"][..],
            &["Khaled", "Khalid", "Khâlid"][..],
            &["Yusuf", "Youssef", "Yousef"][..],
            &["Hamza", "Hamzah"][..],
            &["Qaida", "al-Qaeda", "Kaida"][..],
            &["Shammari", "ash-Shammari", "al-Shammari"][..],
            &["Otaibi", "al-Utaybi", "Oteibi"][..],
            &["Houthi", "Huthi", "Hawthi"][..],
        ] {
            let first = latin_skeleton(group[0]);
            assert!(!first.is_empty());
            for spelling in group {
                assert_eq!(
                    latin_skeleton(spelling),
                    first,
                    "{spelling} vs {}",
                    group[0]
                );
            }
        }
    }

    #[test]
    fn different_names_stay_apart() {
        assert_ne!(latin_skeleton("Hamas"), latin_skeleton("Hezbollah"));
        assert_ne!(latin_skeleton("Baghdad"), latin_skeleton("Basra"));
    }

    #[test]
    fn junk_gives_empty_or_ascii() {
        assert_eq!(latin_skeleton(""), "");
        assert_eq!(latin_skeleton("---"), "");
        assert_eq!(latin_skeleton("aeiou"), "");
        assert!(latin_skeleton("x\u{0}y😀").is_ascii());
    }
}
