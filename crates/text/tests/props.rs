//! Property tests: offsets slice the original text, normalization is idempotent with a monotone
//! in-range source map, Buckwalter round-trips, tokens cover every non-space char exactly once,
//! sentences are ordered, non-overlapping and inside paragraphs.

use isnad_text::translit::{from_buckwalter, to_buckwalter};
use isnad_text::{
    normalize, paragraphs, search_key, search_key_into, split_sentences, tokenize, Level,
};
use proptest::prelude::*;

/// Characters that exercise every branch: Arabic letters and variants, diacritics, tatweel,
/// invisibles, presentation forms, digits and separators, quotes, terminators, emoji parts,
/// URL/e-mail/tag signs, Latin, whitespace and newlines.
const POOL: &[char] = &[
    'ا',
    'أ',
    'إ',
    'آ',
    'ٱ',
    'ب',
    'ة',
    'ى',
    'ي',
    'ی',
    'ک',
    'ك',
    'گ',
    'ھ',
    'ۀ',
    'د',
    'ع',
    'ش',
    'ل',
    'م',
    'ء',
    'ؤ',
    'ئ',
    '\u{064E}',
    '\u{0651}',
    '\u{0652}',
    '\u{0670}',
    '\u{06D6}',
    'ـ',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{200E}',
    '\u{200F}',
    '\u{202B}',
    '\u{2067}',
    '\u{2060}',
    '\u{FEFF}',
    '\u{00AD}',
    '\u{061C}',
    'ﻻ',
    'ﻷ',
    'ﺩ',
    'ﷺ',
    '\u{FE70}',
    '\u{FE71}',
    '0',
    '5',
    '٣',
    '۴',
    '.',
    ',',
    '٫',
    '٬',
    '،',
    '؛',
    '؟',
    '!',
    '?',
    '…',
    '“',
    '”',
    '«',
    '»',
    '"',
    '\'',
    '‘',
    '’',
    '„',
    '‹',
    '›',
    '(',
    ')',
    '@',
    '#',
    '*',
    ':',
    '/',
    '_',
    '-',
    'a',
    'B',
    'h',
    't',
    'p',
    's',
    'w',
    'M',
    'r',
    'İ',
    'Σ',
    'ß',
    '😀',
    '👍',
    '\u{1F3FD}',
    '🇸',
    '🇦',
    '\u{FE0F}',
    '\u{20E3}',
    '€',
    ' ',
    ' ',
    '\t',
    '\n',
    '\r',
    '\u{2029}',
    '\u{00A0}',
    '\u{0301}',
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(proptest::sample::select(POOL), 0..120)
            .prop_map(|v| v.into_iter().collect::<String>()),
        1 => any::<String>(),
    ]
}

fn check_normalize(text: &str) -> Result<(), TestCaseError> {
    let n = text.chars().count();
    for level in [Level::Display, Level::SearchKey] {
        let norm = normalize(text, level);
        prop_assert_eq!(norm.source.len(), norm.text.chars().count() + 1);
        prop_assert_eq!(norm.source.last().copied(), Some(n));
        prop_assert!(norm.source.windows(2).all(|w| w[0] <= w[1]));
        prop_assert!(norm.source.iter().all(|&s| s <= n));
        for inv in &norm.invisibles {
            prop_assert_eq!(text.chars().nth(inv.offset), Some(inv.ch));
        }
        let m = norm.text.chars().count();
        for (a, b) in [(0, m), (m / 3, m / 2), (m / 2, m / 2 + 1), (m, m + 2)] {
            let span = norm.source_span(a, b);
            prop_assert!(
                span.start <= span.end && span.end <= n,
                "{:?} for {}..{}",
                span,
                a,
                b
            );
        }
        let again = normalize(&norm.text, level);
        prop_assert_eq!(&again.text, &norm.text, "idempotent at {:?}", level);
        if level == Level::SearchKey {
            prop_assert_eq!(search_key(text), norm.text.clone());
            let mut buf = String::from("stale");
            search_key_into(text, &mut buf);
            prop_assert_eq!(buf, norm.text);
        }
    }
    Ok(())
}

fn check_tokens(text: &str) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut covered = vec![0u8; chars.len()];
    let mut prev_end = 0;
    for t in tokenize(text) {
        prop_assert!(t.start < t.end && t.end <= chars.len() && t.start >= prev_end);
        let slice = text.get(t.byte_start..t.byte_end);
        prop_assert!(slice.is_some(), "byte offsets on char boundaries");
        let slice = slice.unwrap_or("");
        prop_assert!(slice.chars().eq(chars[t.start..t.end].iter().copied()));
        for c in &mut covered[t.start..t.end] {
            *c += 1;
        }
        prev_end = t.end;
    }
    for (i, c) in chars.iter().enumerate() {
        let want = u8::from(!c.is_whitespace());
        prop_assert_eq!(covered[i], want, "char {} {:?} in {:?}", i, c, text);
    }
    Ok(())
}

fn check_sentences(text: &str) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let paras = paragraphs(text);
    let mut prev = 0;
    for p in &paras {
        prop_assert!(p.start < p.end && p.start >= prev && p.end <= chars.len());
        prop_assert!(!chars[p.start..p.end]
            .iter()
            .any(|&c| c == '\n' || c == '\r'));
        prev = p.end;
    }
    let mut prev = 0;
    let mut pi = 0;
    for s in split_sentences(text) {
        prop_assert!(s.start < s.end && s.start >= prev && s.end <= chars.len());
        prop_assert!(!chars[s.start].is_whitespace() && !chars[s.end - 1].is_whitespace());
        while pi < paras.len() && paras[pi].end <= s.start {
            pi += 1;
        }
        prop_assert!(pi < paras.len(), "sentence {:?} outside paragraphs", s);
        prop_assert!(paras[pi].start <= s.start && s.end <= paras[pi].end);
        prev = s.end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_properties(text in text_strategy()) {
        check_normalize(&text)?;
    }

    #[test]
    fn token_properties(text in text_strategy()) {
        check_tokens(&text)?;
    }

    #[test]
    fn sentence_properties(text in text_strategy()) {
        check_sentences(&text)?;
    }

    #[test]
    fn buckwalter_round_trip(text in text_strategy()) {
        prop_assert_eq!(from_buckwalter(&to_buckwalter(&text)), text);
    }
}

/// A few-MB single line: linear time and offsets intact at the far end.
#[test]
fn big_single_line() {
    let unit =
        "قال د. أحمد «داعـــش انتهى. لا» 3.5٪ https://a.b/c info@x.sa #غزة 👍🏽 a.b.c ثم انتهى. ";
    let reps = 4 * 1024 * 1024 / unit.len();
    let text = unit.repeat(reps);
    let n = text.chars().count();
    let started = std::time::Instant::now();
    let toks = tokenize(&text);
    let sents = split_sentences(&text);
    let key = search_key(&text);
    let norm = normalize(&text, Level::SearchKey);
    let elapsed = started.elapsed();
    assert_eq!(toks.len() % reps, 0);
    let last = toks.last().copied();
    assert_eq!(last.map(|t| t.end), Some(n - 1));
    assert_eq!(sents.len(), reps);
    assert_eq!(sents.last().map(|s| s.end), Some(n - 1));
    assert_eq!(key, norm.text);
    assert_eq!(norm.source.last().copied(), Some(n));
    // Generous bound (debug build, shared machine); quadratic behaviour would take hours.
    assert!(elapsed.as_secs() < 60, "took {elapsed:?}");
}

/// Pathological inputs that would be quadratic with naive look-ahead or look-back.
#[test]
fn adversarial_inputs_are_linear() {
    let n = 1 << 20;
    for text in [
        "a.".repeat(n / 2),
        "a".repeat(n),
        "«".repeat(n),
        "x@".repeat(n / 2),
        ".".repeat(n),
        "\u{200C}".repeat(n / 3),
        format!("http://{}", ")".repeat(n)),
    ] {
        let started = std::time::Instant::now();
        let toks = tokenize(&text);
        let sents = split_sentences(&text);
        assert!(!toks.is_empty());
        assert!(sents.len() <= text.len());
        assert!(
            started.elapsed().as_secs() < 30,
            "slow on {:?}…",
            &text[..8]
        );
    }
}
