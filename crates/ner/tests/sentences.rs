//! The embedded model on sentences written for these tests (not from any corpus).

use isnad_ner::{AnalyzedText, NerLabel, NerTagger};

fn entities(text: &str) -> Vec<(String, NerLabel)> {
    let doc = AnalyzedText::new(text, isnad_morph::Morphology::global());
    let chars: Vec<char> = text.chars().collect();
    NerTagger::global()
        .recognize(&doc)
        .into_iter()
        .map(|s| {
            assert!(s.start < s.end && s.end <= chars.len());
            assert!(s.score > 0.0 && s.score <= 1.0);
            (chars[s.start..s.end].iter().collect(), s.label)
        })
        .collect()
}

fn has(found: &[(String, NerLabel)], text: &str, label: NerLabel) -> bool {
    found.iter().any(|(t, l)| t == text && *l == label)
}

#[test]
fn finds_person_and_location() {
    let found = entities("التقى الرئيس المصري عبد الفتاح السيسي نظيره التونسي في القاهرة أمس.");
    assert!(
        found
            .iter()
            .any(|(t, l)| t.contains("السيسي") && *l == NerLabel::Per),
        "{found:?}"
    );
    assert!(has(&found, "القاهرة", NerLabel::Loc), "{found:?}");
}

#[test]
fn finds_organization() {
    let found = entities(
        "أعلنت وزارة الخارجية الأمريكية أن منظمة الأمم المتحدة ستعقد اجتماعا طارئا في نيويورك.",
    );
    assert!(
        found
            .iter()
            .any(|(t, l)| t.contains("الأمم المتحدة") && *l == NerLabel::Org),
        "{found:?}"
    );
    assert!(has(&found, "نيويورك", NerLabel::Loc), "{found:?}");
}

#[test]
fn spans_exclude_proclitics() {
    let found = entities("وصل الوفد إلى دمشق ثم سافر وزير الخارجية وبغداد تستعد لاستقباله.");
    assert!(has(&found, "بغداد", NerLabel::Loc), "{found:?}");
    assert!(
        !found.iter().any(|(t, _)| t.starts_with("وبغداد")),
        "{found:?}"
    );
    let found =
        entities("قال إسماعيل هنية رئيس المكتب السياسي لحركة حماس إن الحركة مستعدة للحوار.");
    assert!(
        found
            .iter()
            .any(|(t, l)| t.ends_with("حماس") && *l == NerLabel::Org),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(t, _)| t.starts_with("لحركة")),
        "{found:?}"
    );
}

#[test]
fn no_entities_in_plain_text() {
    let found = entities("ارتفعت الأسعار كثيرا هذا العام بسبب قلة الأمطار.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn tag_words_aligns_with_input() {
    let words = ["قال", "الملك", "عبدالله", "في", "عمان"];
    let tags = NerTagger::global().tag_words(&words);
    assert_eq!(tags.len(), words.len());
    assert_eq!(tags[0], isnad_ner::BioTag::O);
}

#[test]
fn rejects_foreign_bytes() {
    assert!(NerTagger::from_bytes(b"not a model").is_err());
    assert!(isnad_ner::Clusters::from_bytes(b"nope").is_err());
    assert!(!isnad_ner::Clusters::global().is_empty());
}
