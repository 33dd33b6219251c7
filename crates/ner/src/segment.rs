//! Clitic segmentation of surface words into proclitics, stem and enclitics.
//!
//! This is the in-crate segmenter used until `isnad-morph` exposes its learned one; it splits the
//! article-bearing prefixes that are unambiguous in news text (وال، بال، لل، ...) and single-letter
//! proclitics (و، ف، ب، ل، ك) when the remainder is a frequent word of the cluster vocabulary and the
//! whole form is not (so «لحماس» = ل + حماس but «وزارة» stays whole).

use crate::doc::{Segment, SegmentKind, TokenKind};
use crate::normalize::norm_key;

/// Multi-letter prefixes ending in the article, longest first, with their clitic decomposition.
const ARTICLE_PREFIXES: &[(&str, &[&str])] = &[
    ("وبال", &["و", "ب", "ال"]),
    ("وكال", &["و", "ك", "ال"]),
    ("فبال", &["ف", "ب", "ال"]),
    ("ولل", &["و", "ل", "ل"]),
    ("فلل", &["ف", "ل", "ل"]),
    ("وال", &["و", "ال"]),
    ("فال", &["ف", "ال"]),
    ("بال", &["ب", "ال"]),
    ("كال", &["ك", "ال"]),
    ("لل", &["ل", "ل"]),
    ("ال", &["ال"]),
];

/// Letter proclitic sequences accepted when the vocabulary supports the split, longest first.
const LETTER_PREFIXES: &[&str] = &["وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"];

/// Shortest stem (in letters) left after a split.
const MIN_STEM: usize = 2;

fn upos_of(clitic: &str) -> &'static str {
    match clitic {
        "و" | "ف" => "CCONJ",
        "ب" | "ل" | "ك" => "ADP",
        "ال" => "DET",
        _ => "X",
    }
}

/// Segments one word starting at code point `start` of the document.
///
/// `rank` gives the frequency rank of a normalized word in the cluster vocabulary (0 = most frequent);
/// letter proclitics are only split off when it is given and supports the split.
pub(crate) fn segment_word(
    word: &str,
    start: usize,
    kind: TokenKind,
    rank: Option<&dyn Fn(&str) -> Option<u32>>,
) -> Vec<Segment> {
    let n = word.chars().count();
    let stem = |s: usize, form: &str| Segment {
        form: form.to_string(),
        start: start + s,
        end: start + n,
        kind: SegmentKind::Stem,
        upos: "X",
    };
    if kind != TokenKind::Arabic {
        return vec![stem(0, word)];
    }
    let mut out = Vec::with_capacity(3);
    let mut offset = 0usize;
    let mut push_clitics = |parts: &[&str], out: &mut Vec<Segment>, offset: &mut usize| {
        for p in parts {
            // «لل» = ل + (ا)ل: the article's alef is elided, its lam is the second letter.
            let len = if *p == "ال" { 2 } else { 1 };
            out.push(Segment {
                form: (*p).to_string(),
                start: start + *offset,
                end: start + *offset + len,
                kind: SegmentKind::Proclitic,
                upos: upos_of(p),
            });
            *offset += len;
        }
    };
    for (prefix, parts) in ARTICLE_PREFIXES {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= MIN_STEM {
                push_clitics(parts, &mut out, &mut offset);
                out.push(stem(offset, rest));
                return out;
            }
        }
    }
    let Some(rank) = rank else {
        out.push(stem(0, word));
        return out;
    };
    let whole = rank(&norm_key(word));
    for prefix in LETTER_PREFIXES {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() < MIN_STEM {
                continue;
            }
            let rest_rank = rank(&norm_key(rest));
            // Accept when the remainder is a known word that is clearly more frequent than the whole form.
            let accept = match (rest_rank, whole) {
                (Some(r), None) => r < 60_000,
                (Some(r), Some(w)) => r.saturating_mul(8) < w,
                _ => false,
            };
            if accept {
                let letters: Vec<String> = prefix.chars().map(String::from).collect();
                let refs: Vec<&str> = letters.iter().map(String::as_str).collect();
                push_clitics(&refs, &mut out, &mut offset);
                out.push(stem(offset, rest));
                return out;
            }
        }
    }
    out.push(stem(0, word));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(w: &str) -> Vec<(String, usize, usize)> {
        segment_word(w, 10, TokenKind::Arabic, None)
            .into_iter()
            .map(|s| (s.form, s.start, s.end))
            .collect()
    }

    #[test]
    fn article_prefixes() {
        assert_eq!(
            forms("وبالقاهرة"),
            vec![("و".into(), 10, 11), ("ب".into(), 11, 12), ("ال".into(), 12, 14), ("قاهرة".into(), 14, 19)]
        );
        assert_eq!(forms("للجيش").last().map(|s| s.0.clone()), Some("جيش".to_string()));
        assert_eq!(forms("ال").len(), 1);
    }
}
