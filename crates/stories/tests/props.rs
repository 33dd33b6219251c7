//! Properties that hold for any input: every document in exactly one story, near-duplicate
//! pairs well-formed, corroboration counts consistent.

use isnad_stories::{
    corroborate, group_stories, near_duplicates, signature, Report, StoryConfig, StoryDoc,
};
use proptest::prelude::*;

fn doc_strategy() -> impl Strategy<Value = StoryDoc> {
    (
        "[ابتثجحخدرزسشعفقكلمنهوي ]{0,60}",
        proptest::option::of("20[0-9]{2}-[0-1][0-9]-[0-3][0-9]"),
        proptest::collection::vec("[a-c]{1,2}", 0..3),
        proptest::collection::vec("[ابت ]{0,12}", 0..2),
    )
        .prop_map(|(text, published, actors, quotes)| StoryDoc {
            text,
            published,
            actors,
            quotes,
            ..Default::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn partition(mut docs in proptest::collection::vec(doc_strategy(), 0..30)) {
        for (i, d) in docs.iter_mut().enumerate() {
            d.id = format!("d{i}");
        }
        let stories = group_stories(&docs, &StoryConfig::default());
        let mut ids: Vec<String> = stories.iter().flat_map(|s| s.doc_ids.clone()).collect();
        ids.sort();
        let mut want: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
        want.sort();
        prop_assert_eq!(ids, want);
        let ids_ok = stories.iter().all(|s| s.id == format!("s_{}", s.doc_ids[0]));
        prop_assert!(ids_ok);
    }

    #[test]
    fn near_duplicate_pairs_are_ordered_and_above_threshold(texts in proptest::collection::vec("[ابت ]{0,40}", 0..20)) {
        let sigs: Vec<_> = texts.iter().enumerate().map(|(i, t)| (format!("t{i:02}"), signature(t))).collect();
        for (a, b, sim) in near_duplicates(&sigs, 0.5) {
            prop_assert!(a < b);
            prop_assert!((0.5..=1.0).contains(&sim));
        }
    }

    #[test]
    fn corroboration_counts(reports in proptest::collection::vec(("[a-e]", "[x-z]", proptest::collection::vec("[pq]", 0..2)), 0..12)) {
        let reports: Vec<Report> = reports
            .into_iter()
            .map(|(doc_id, outlet, via)| Report { doc_id, outlet, via, quote: None })
            .collect();
        let c = corroborate(&reports, &[]);
        prop_assert!(c.independent_sources <= reports.len());
        prop_assert!(c.outlets <= reports.len());
        prop_assert_eq!(c.reports, reports.len());
        prop_assert_eq!(c.groups.len(), c.independent_sources);
        prop_assert!(!c.circular || (c.outlets >= 2 && c.independent_sources == 1));
    }
}

#[test]
fn copies_are_found_and_strangers_are_not() {
    let base = "أعلنت الهيئة العامة للطيران المدني اليوم تعليق الرحلات الداخلية إلى ثلاثة مطارات بسبب عاصفة رملية كثيفة تضرب المنطقة الشرقية منذ الصباح وتوقعت أن تستأنف الرحلات مساء الغد إذا تحسنت الرؤية";
    let edited = base
        .replace("اليوم", "صباح اليوم")
        .replace("مساء الغد", "مساء يوم غد");
    let other = "اختتم المهرجان الوطني للتراث فعالياته بحفل كبير حضره آلاف الزوار وشهد عروضا للفنون الشعبية والحرف اليدوية من مختلف المناطق وتكريم الفائزين في مسابقة الشعر";
    let sigs = vec![
        ("a".to_string(), signature(base)),
        ("b".to_string(), signature(&edited)),
        ("c".to_string(), signature(other)),
        ("d".to_string(), signature("")),
    ];
    let pairs = near_duplicates(&sigs, 0.5);
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!((pairs[0].0.as_str(), pairs[0].1.as_str()), ("a", "b"));
    assert!(signature("").is_empty());
}
