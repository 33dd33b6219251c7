//! Issue 16: query operators were read as words (`-جدة` found documents *with* جدة, `OR`
//! gave no hits, `and` became «عند»), and the Latin query `Riyadh` matched «الأرض» and «عرض»
//! through its two-consonant skeleton.

use isnad_analysis::Analyzer;
use isnad_corpus::{Corpus, IngestOptions, SearchQuery};

fn doc(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "published": "2024-03-04", "text": text}).to_string()
}

fn corpus(dir: &std::path::Path) -> Corpus {
    let lines = [
        doc(
            "riyadh1",
            "افتتح أمير منطقة الرياض مستشفى جديدا في الرياض صباح اليوم بحضور عدد من المسؤولين.",
        ),
        doc(
            "riyadh2",
            "وصل وفد رسمي إلى الرياض أمس لبحث التعاون الاقتصادي بين البلدين.",
        ),
        doc(
            "jeddah",
            "أعلنت أمانة جدة إغلاق الكورنيش بسبب الأمطار الغزيرة التي هطلت على جدة.",
        ),
        doc(
            "both",
            "انطلقت رحلة القطار من الرياض إلى جدة مرورا بعدة محطات جديدة.",
        ),
        doc(
            "ard",
            "قال المزارعون إن الأرض عطشى وإن عرض المحاصيل في السوق تراجع هذا الموسم.",
        ),
        doc(
            "indah",
            "عقد المجلس اجتماعه عند الظهر وناقش الميزانية السنوية للبلدية.",
        ),
    ];
    let path = dir.join("news.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let mut corpus = Corpus::open(&dir.join("data")).unwrap();
    let options = IngestOptions {
        progress: false,
        ..Default::default()
    };
    corpus
        .ingest(&[path], &Analyzer::new(), &options, &mut |_| {})
        .unwrap();
    corpus
}

fn ids(corpus: &Corpus, text: &str) -> Vec<String> {
    let q = SearchQuery {
        text: text.into(),
        limit: 100,
        ..Default::default()
    };
    let mut ids: Vec<String> = corpus
        .search(&q)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn operators_phrases_exclusion_or_and_entity_field() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    assert_eq!(ids(&c, "جدة"), ["both", "jeddah"]);
    assert_eq!(ids(&c, "الرياض -جدة"), ["riyadh1", "riyadh2"]);
    assert_eq!(ids(&c, "الرياض جدة"), ["both"]);
    assert_eq!(ids(&c, "الرياض and جدة"), ["both"]);
    assert_eq!(ids(&c, "مستشفى OR الكورنيش"), ["jeddah", "riyadh1"]);
    assert_eq!(
        ids(&c, "مستشفى OR الكورنيش OR القطار"),
        ["both", "jeddah", "riyadh1"]
    );
    assert_eq!(ids(&c, "\"وفد رسمي\""), ["riyadh2"]);
    assert_eq!(ids(&c, "\"رسمي وفد\""), Vec::<String>::new());
    assert_eq!(ids(&c, "-\"أمانة جدة\" جدة"), ["both"]);
    // The entity field: documents that mention the actor, in any spelling.
    assert_eq!(ids(&c, "entity:Jeddah"), ids(&c, "entity:جدة"));
    assert!(ids(&c, "entity:Jeddah").contains(&"jeddah".to_string()));
    assert!(c
        .search(&SearchQuery {
            text: "entity:Nowhereville".into(),
            limit: 5,
            ..Default::default()
        })
        .is_err());
}

#[test]
fn a_latin_name_finds_the_place_not_words_with_its_consonants() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let arabic = ids(&c, "الرياض");
    assert_eq!(arabic, ["both", "riyadh1", "riyadh2"]);
    assert_eq!(ids(&c, "Riyadh"), arabic);
    assert_eq!(ids(&c, "riyadh"), arabic);
}
