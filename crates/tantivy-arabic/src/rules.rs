//! A rule-based clitic stripper, used when the learned segmenter (feature `morph`) is off.
//!
//! It is deliberately timid: a clitic comes off only when three letters of stem remain, so
//! short words are never mangled, at the price of missing some splits the segmenter finds.

const MIN_STEM: usize = 3;
const ENCLITICS: [&str; 10] = ["هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ك"];

/// The word without a leading و/ف, a leading ب/ل/ك, the article, and one pronoun suffix.
pub fn strip_clitics(word: &str) -> String {
    let key = isnad_text::search_key(word);
    let mut chars: Vec<char> = key.chars().collect();
    let strip_front = |chars: &mut Vec<char>, n: usize| {
        if chars.len() >= n + MIN_STEM {
            chars.drain(..n);
            true
        } else {
            false
        }
    };
    if matches!(chars.first(), Some('و' | 'ف')) && chars.len() > MIN_STEM + 1 {
        strip_front(&mut chars, 1);
    }
    if chars.starts_with(&['ل', 'ل']) && chars.len() >= 2 + MIN_STEM {
        strip_front(&mut chars, 2);
    } else {
        if matches!(chars.first(), Some('ب' | 'ل' | 'ك')) && chars.get(1..3) == Some(&['ا', 'ل'])
        {
            strip_front(&mut chars, 1);
        }
        if chars.starts_with(&['ا', 'ل']) {
            strip_front(&mut chars, 2);
        }
    }
    // The key spells ة as ه; a ta marbuta is no pronoun.
    let ends_in_ta_marbuta = word.trim_end().ends_with('ة');
    for suffix in ENCLITICS.iter().filter(|_| !ends_in_ta_marbuta) {
        let n = suffix.chars().count();
        if chars.len() >= n + MIN_STEM
            && chars[chars.len() - n..].iter().copied().eq(suffix.chars())
        {
            chars.truncate(chars.len() - n);
            break;
        }
    }
    chars.into_iter().collect()
}
