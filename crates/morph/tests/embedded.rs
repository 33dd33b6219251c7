//! Behaviour of the embedded models on clitic-bearing words, and the
//! offset invariants of every segmentation.

use isnad_morph::{strip_article, Morphology, Segment, SegmentKind, Upos};

fn forms(segs: &[Segment]) -> Vec<&str> {
    segs.iter().map(|s| s.form.as_str()).collect()
}

fn spans(segs: &[Segment]) -> Vec<(usize, usize)> {
    segs.iter().map(|s| (s.start, s.end)).collect()
}

/// Segments are non-empty, contiguous and cover the word; exactly one stem,
/// proclitics before it and enclitics after it.
fn check_invariants(word: &str, segs: &[Segment]) {
    let n = word.chars().count();
    assert!(!segs.is_empty(), "{word}: no segments");
    assert_eq!(segs[0].start, 0, "{word}");
    assert_eq!(segs[segs.len() - 1].end, n, "{word}");
    for w in segs.windows(2) {
        assert_eq!(w[0].end, w[1].start, "{word}: not contiguous");
    }
    assert!(
        segs.iter().all(|s| s.start < s.end),
        "{word}: empty segment"
    );
    let stem = segs
        .iter()
        .position(|s| s.kind == SegmentKind::Stem)
        .unwrap_or_else(|| panic!("{word}: no stem"));
    assert_eq!(
        segs.iter().filter(|s| s.kind == SegmentKind::Stem).count(),
        1,
        "{word}"
    );
    assert!(
        segs[..stem]
            .iter()
            .all(|s| s.kind == SegmentKind::Proclitic),
        "{word}"
    );
    assert!(
        segs[stem + 1..]
            .iter()
            .all(|s| s.kind == SegmentKind::Enclitic),
        "{word}"
    );
}

#[test]
fn splits_proclitics() {
    let m = Morphology::global();
    let s = m.segment("لحماس");
    assert_eq!(forms(&s), ["ل", "حماس"]);
    assert_eq!(spans(&s), [(0, 1), (1, 5)]);

    let s = m.segment("وبالسلاح");
    assert_eq!(forms(&s), ["و", "ب", "السلاح"]);
    assert_eq!(spans(&s), [(0, 1), (1, 2), (2, 8)]);
    assert_eq!(s[0].kind, SegmentKind::Proclitic);
    assert_eq!(s[2].kind, SegmentKind::Stem);
}

#[test]
fn splits_enclitics_and_restores_orthography() {
    let m = Morphology::global();
    let s = m.segment("كتائبها");
    assert_eq!(forms(&s), ["كتائب", "ها"]);
    assert_eq!(s[1].kind, SegmentKind::Enclitic);

    // Ta marbuta restored in the form; the offsets still cover the surface ت.
    let s = m.segment("عائلته");
    assert_eq!(forms(&s), ["عائلة", "ه"]);
    assert_eq!(spans(&s), [(0, 5), (5, 6)]);

    // ل + ال: the article's alef is restored in the form only.
    for w in ["للأسلحة", "للاسلحة"] {
        let s = m.segment(w);
        assert_eq!(forms(&s), ["ل", "الأسلحة"], "{w}");
        assert_eq!(spans(&s), [(0, 1), (1, 7)], "{w}");
        assert_eq!(s[1].surface_article_len(), Some(1));
        assert_eq!(strip_article(&s[1].form), Some(2));
    }
}

#[test]
fn keeps_unsplittable_words_whole() {
    let m = Morphology::global();
    for w in ["الأسلحة", "2024", "Reuters", "،", "قال"] {
        let s = m.segment(w);
        assert_eq!(forms(&s), [w], "{w}");
        check_invariants(w, &s);
    }
    assert_eq!(m.segment("الوزير")[0].surface_article_len(), Some(2));
}

#[test]
fn analyze_tags_in_context() {
    let m = Morphology::global();
    let out = m.analyze(&[
        "وقال",
        "المتحدث",
        "باسم",
        "كتائبها",
        "إن",
        "عائلته",
        "بخير",
        ".",
    ]);
    assert_eq!(out.len(), 8);
    assert_eq!(forms(&out[0]), ["و", "قال"]);
    assert_eq!(out[0][0].upos, Upos::CCONJ);
    assert_eq!(out[0][1].upos, Upos::VERB);
    assert_eq!(out[1][0].upos, Upos::NOUN);
    assert_eq!(out[2][0].upos, Upos::ADP);
    assert_eq!(out[3][1].upos, Upos::PRON);
    assert_eq!(out[7][0].upos, Upos::PUNCT);
    for (w, segs) in [
        "وقال",
        "المتحدث",
        "باسم",
        "كتائبها",
        "إن",
        "عائلته",
        "بخير",
        ".",
    ]
    .iter()
    .zip(&out)
    {
        check_invariants(w, segs);
    }
}

#[test]
fn invariants_hold_on_odd_input() {
    let m = Morphology::global();
    for w in [
        "",
        "و",
        "ل",
        "ـــ",
        "وَبِالسِّلاحِ",
        "لل",
        "بـ",
        "x\u{0301}y",
        "ﻻ",
        "وال",
    ] {
        let s = m.segment(w);
        if w.is_empty() {
            assert_eq!(s.len(), 1);
            assert_eq!((s[0].start, s[0].end), (0, 0));
            continue;
        }
        check_invariants(w, &s);
    }
    assert!(m.analyze(&[]).is_empty());
}

#[test]
fn upos_names_round_trip() {
    for t in Upos::ALL {
        assert_eq!(t.to_string().parse::<Upos>().ok(), Some(t));
    }
    assert!("NOUNS".parse::<Upos>().is_err());
}
