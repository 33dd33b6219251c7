//! Hand-made annotations with the counts the reference scorer gives them.

use isnad_eval::{score_doc, Counts, Registry, Scores};
use serde_json::json;

fn registry() -> Registry {
    Registry::from_json(&json!([
        {"id": "army", "type": "ORG", "name_ar": "الجيش الوطني"},
        {"id": "rebels", "type": "ORG", "name_ar": "جبهة الأحرار", "aliases_ar": ["الأحرار"]},
        {"id": "salem", "type": "PER", "name_ar": "سالم الحربي"},
        {"id": "ports", "type": "LOC", "name_ar": "ميناء الشمال"}
    ]))
}

fn gold() -> serde_json::Value {
    json!({
        "entities": [
            {"id": "army", "mentions": ["الجيش الوطني", "الجيش"]},
            {"id": "rebels", "mentions": ["جبهة الأحرار"]},
            {"id": "salem", "mentions": ["سالم الحربي", "الحربي"]}
        ],
        "relations": [
            {"subj": "army", "type": "attacks", "obj": "rebels", "asserted_by": "salem"},
            {"subj": "rebels", "type": "meets", "obj": "army", "negated": true, "asserted_by": null}
        ],
        "quotes": [{"text": "سنواصل العمليات حتى النهاية", "speaker": "salem"}],
        "dates": [{"text": "يوم الأحد"}]
    })
}

#[test]
fn a_prediction_that_agrees_everywhere() {
    let pred = json!({
        "entities": [
            {"id": "e1", "type": "ORG", "name": "الجيش", "mentions": [{"text": "وللجيش"}]},
            {"id": "e2", "type": "ORG", "name": "جبهة الأحرار", "mentions": [{"text": "«جبهة الأحرار»"}]},
            {"id": "e3", "type": "PER", "name": "سالم الحربي", "mentions": [{"text": "سالم الحربي"}]},
            {"id": "e4", "type": "MISC", "name": "الحرب", "mentions": [{"text": "الحرب"}]}
        ],
        "relations": [
            {"subject": "e1", "type": "attacks", "object": "e2", "negated": false, "asserted_by": "e3"},
            {"subject": "e1", "type": "meets", "object": "e2", "negated": true, "asserted_by": null}
        ],
        "quotes": [{"text": "سنواصل العمليات حتى النهاية.", "speaker": "e3"}],
        "dates": [{"text": "الأحد"}]
    });
    let c = score_doc(&pred, &gold(), &registry());
    // The MISC entity is not counted; «وللجيش» matches «الجيش» through its proclitics.
    assert_eq!(
        (c.ent_pred, c.ent_pred_ok, c.ent_gold, c.ent_gold_found),
        (3, 3, 3, 3)
    );
    // A symmetric relation matches with its arguments in either order.
    assert_eq!((c.rel_pred, c.rel_gold, c.rel_ok), (2, 2, 2));
    assert_eq!((c.relattr_gold, c.relattr_ok), (2, 2));
    assert_eq!(
        (c.quote_ok, c.speaker_ok, c.attr_pred, c.attr_gold),
        (1, 1, 1, 1)
    );
    assert_eq!(c.date_ok, 1);
    let s = Scores::from_counts(&c);
    assert_eq!(s.relation.f1, 1.0);
    assert_eq!(s.quote_speaker_accuracy, 1.0);
}

#[test]
fn negation_direction_and_speakers_are_strict() {
    let pred = json!({
        "entities": [
            {"id": "e1", "type": "ORG", "name": "الجيش", "mentions": [{"text": "الجيش"}]},
            {"id": "e2", "type": "ORG", "name": "الأحرار", "mentions": [{"text": "الأحرار"}]},
            {"id": "e3", "type": "LOC", "name": "حلب", "mentions": [{"text": "حلب"}]}
        ],
        "relations": [
            {"subject": "e2", "type": "attacks", "object": "e1", "negated": false},
            {"subject": "e1", "type": "meets", "object": "e2", "negated": false},
            {"subject": "e1", "type": "located_in", "object": "e3", "negated": false}
        ],
        "quotes": [{"text": "سنواصل العمليات حتى النهاية", "speaker": "e1"}],
        "dates": []
    });
    let mut total = Counts::default();
    total.add(&score_doc(&pred, &gold(), &registry()));
    // The reversed attack and the un-negated meeting are both wrong; the located_in has an
    // unmapped object («?e3»).
    assert_eq!((total.rel_pred, total.rel_ok), (3, 0));
    // army–rebels is right with the type ignored; army–?e3 is not.
    assert_eq!((total.pair_pred, total.pair_gold, total.pair_ok), (2, 1, 1));
    assert_eq!((total.speaker_gold, total.speaker_ok), (1, 0));
    // «الأحرار» reaches the rebels through the registry alias; «حلب» maps to nothing.
    assert_eq!(
        (total.ent_pred, total.ent_pred_ok, total.ent_gold_found),
        (3, 2, 2)
    );
    assert_eq!((total.date_pred, total.date_gold, total.date_ok), (0, 1, 0));
}
