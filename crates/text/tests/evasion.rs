//! Evasion hygiene (issue 2): a word disguised with tatweel, zero-width characters, lookalike
//! letters, diacritics or bidi controls gets the same search key as the plain word, stays one
//! token, and every invisible character is reported.

use isnad_text::{normalize, search_key, search_key_into, tokenize, Level};

const DAESH: &str = "داعش";

/// Disguises of داعش, one per evasion technique, then combined.
const DISGUISES: &[(&str, &str)] = &[
    ("tatweel", "داعـــش"),
    ("ZWNJ", "دا\u{200C}عش"),
    ("ZWJ", "د\u{200D}اعش"),
    ("ZWSP", "داع\u{200B}ش"),
    ("soft hyphen", "دا\u{00AD}عش"),
    ("word joiner", "دا\u{2060}عش"),
    ("BOM inside", "دا\u{FEFF}عش"),
    ("fatha, kasra, sukun", "دَاعِشْ"),
    ("shadda, tanween, superscript alef", "دّا\u{0670}عشٌ"),
    ("RLE…PDF", "\u{202B}داعش\u{202C}"),
    ("LRO…PDF", "\u{202D}داعش\u{202C}"),
    ("RLO inside", "دا\u{202E}عش"),
    ("RLI…PDI", "\u{2067}داعش\u{2069}"),
    ("LRM, RLM, ALM", "\u{200E}دا\u{200F}ع\u{061C}ش"),
    ("presentation forms", "ﺩﺍﻋﺶ"),
    // Persian / Urdu / Kashmiri keyboards: alef with wavy hamza above / below, high hamza alef,
    // and alef wasla look like ا in running text.
    ("alef wasla", "دٱعش"),
    ("Persian alef, wavy hamza", "د\u{0672}عش"),
    ("Persian alef, wavy hamza below", "د\u{0673}عش"),
    ("Kashmiri high hamza alef", "د\u{0675}عش"),
    ("hamza alef", "دأعش"),
    (
        "everything at once",
        "\u{202B}ﺩ\u{200C}َـ\u{0672}\u{200D}ـــعِ\u{00AD}ﺶْ\u{202C}",
    ),
];

#[test]
fn disguised_daesh_has_the_plain_search_key() {
    for (what, text) in DISGUISES {
        assert_eq!(search_key(text), DAESH, "{what}: {text:?}");
        let norm = normalize(text, Level::SearchKey);
        assert_eq!(norm.text, DAESH, "{what}: {text:?}");
        let mut buf = String::from("stale");
        search_key_into(text, &mut buf);
        assert_eq!(buf, DAESH, "{what}: {text:?}");
    }
}

#[test]
fn disguised_word_stays_one_token_with_the_plain_key() {
    for (what, text) in DISGUISES {
        let line = format!("قال إن {text} انسحب");
        let toks = tokenize(&line);
        assert_eq!(toks.len(), 4, "{what}: {line:?}");
        let word = &line[toks[2].byte_start..toks[2].byte_end];
        assert_eq!(search_key(word), DAESH, "{what}: {word:?}");
    }
}

#[test]
fn every_invisible_is_reported_with_its_offset() {
    let text = "\u{202B}دا\u{200C}ع\u{200B}ش\u{00AD}\u{FEFF}\u{2069}\u{202C}";
    let norm = normalize(text, Level::SearchKey);
    assert_eq!(norm.text, DAESH);
    let reported: Vec<(usize, &str)> = norm.invisibles.iter().map(|i| (i.offset, i.name)).collect();
    assert_eq!(
        reported,
        [
            (0, "RLE"),
            (3, "ZWNJ"),
            (5, "ZWSP"),
            (7, "SHY"),
            (8, "BOM"),
            (9, "PDI"),
            (10, "PDF")
        ]
    );
    // The display level removes and reports them too, but keeps the letters as written.
    let display = normalize(text, Level::Display);
    assert_eq!(display.text, DAESH);
    assert_eq!(display.invisibles.len(), 7);
}

#[test]
fn persian_spellings_of_phrases_match() {
    let pairs = [
        ("تنظیم داعش", "تنظيم داعش"),
        ("الدولۀ الاسلامیة", "الدولة الإسلامية"),
        ("الدولە الإسلامیه", "الدولة الإسلامية"),
        ("کرکوک", "كركوك"),
        ("ڪربلاء", "كربلاء"),
        ("الموصل ۲۰۱۴", "الموصل ٢٠١٤"),
        ("ھجوم", "هجوم"),
        ("فتوے", "فتوى"),
    ];
    for (persian, arabic) in pairs {
        assert_eq!(search_key(persian), search_key(arabic), "{persian}");
    }
    assert_eq!(search_key("الموصل ٢٠١٤"), "الموصل 2014");
}

#[test]
fn disguises_inside_long_text_take_the_same_path() {
    // The byte-level search key works in blocks; a disguise at every alignment inside a
    // longer text must give the same key as the offset-mapping path.
    let filler = "قال المتحدث إن ";
    for (what, text) in DISGUISES {
        for pad in 0..20 {
            let long = format!("{}{}{text} {filler}", &"x".repeat(pad), filler.repeat(3));
            let key = search_key(&long);
            assert_eq!(
                key,
                normalize(&long, Level::SearchKey).text,
                "{what} pad {pad}"
            );
            assert!(
                key.contains(&format!(" {DAESH} ")),
                "{what} pad {pad}: {key}"
            );
        }
    }
}
