//! One suite, two stores: the embedded corpus (SQLite + Tantivy) and team mode's PostgreSQL
//! store answer the same puts and searches alike. The PostgreSQL half needs `$ISNAD_TEST_PG`
//! (skipped with a message without it, a failure under CI).
//!
//! The search cases are the clitic, hamza, spelling and Latin-name cases of tantivy-arabic's
//! round-trip tests (`crates/tantivy-arabic/tests/search.rs`) on whole documents; each store's
//! recall over them is printed (`cargo test --release -p isnad-pg --test backends -- --nocapture`).

use isnad_analysis::{Analyzer, DocMeta, Options};
use isnad_corpus::{Corpus, CorpusStore, Put, SearchQuery};
use isnad_ingest::{Location, Origin, RawDoc};
use isnad_pg::PgStore;

fn raw(id: &str, date: &str, title: &str, text: &str) -> RawDoc {
    RawDoc {
        id: id.into(),
        text: text.into(),
        title: Some(title.into()),
        url: None,
        published: Some(date.into()),
        outlet: Some("صحيفة الاختبار".into()),
        origin: Origin {
            file: "suite.jsonl".into(),
            location: Location::Whole,
        },
    }
}

/// Invented documents: each search case below names the ids it must find.
fn documents() -> Vec<RawDoc> {
    vec![
        raw("k0", "2024-01-05", "قراءة", "قرأت الكتاب أمس في المساء."),
        raw(
            "k1",
            "2024-01-06",
            "افتتاح",
            "وبالكتاب نبدأ موسمنا الثقافي الجديد.",
        ),
        raw(
            "k2",
            "2024-01-07",
            "رف",
            "أعاد كتابه إلى الرف بعد أن أنهاه.",
        ),
        raw("k3", "2024-01-08", "مكان", "زرنا مكتبة المدينة العامة."),
        raw("h0", "2024-02-01", "تصريح", "قال المسؤول إن العمل مستمر."),
        raw(
            "h1",
            "2024-02-02",
            "حكومة",
            "صرح رئيس الوزراء بأن الميزانية أقرت.",
        ),
        raw(
            "h2",
            "2024-02-03",
            "صحة",
            "وصل المصابون على مستشفى المدينة مساء الأحد.",
        ),
        raw(
            "e0",
            "2024-03-01",
            "بيان",
            "نشر بيان لتنظيم داعـــش اليوم على الإنترنت.",
        ),
        raw(
            "l0",
            "2024-04-01",
            "تسجيل",
            "أعلن أبو بكر البغدادي في تسجيل صوتي جديد.",
        ),
        raw(
            "l1",
            "2024-04-02",
            "القاهرة",
            "قالت حركة حماس في بيان إن وفدها سيزور القاهرة.",
        ),
        raw(
            "l2",
            "2024-04-03",
            "زيارة",
            "زار الوزير الرياض قادما من الكويت.",
        ),
        raw(
            "p0",
            "2024-05-01",
            "جولة",
            "وقال وزير الخارجية السعودي إن الجولة ناجحة.",
        ),
        raw(
            "p1",
            "2024-05-02",
            "ترتيب",
            "الخارجية قال وزير سابق في حديث قديم.",
        ),
    ]
}

/// Query → the ids it must return, exactly.
const CASES: &[(&str, &[&str])] = &[
    ("كتاب", &["k0", "k1", "k2"]),
    ("مسئول", &["h0"]),
    ("مسؤول", &["h0"]),
    ("رئيس", &["h1"]),
    ("مستشفي", &["h2"]),
    ("إلمدينة", &["h2", "k3"]),
    ("داعش", &["e0"]),
    ("دَاعِش", &["e0"]),
    ("Baghdadi", &["l0"]),
    ("al-Baghdadi", &["l0"]),
    ("Hamas", &["l1"]),
    ("\"وزير الخارجية\"", &["p0"]),
    ("كتاب -الرف", &["k0", "k1"]),
    ("داعش OR حماس", &["e0", "l1"]),
];

fn ids(store: &impl CorpusStore, text: &str) -> Vec<String> {
    let q = SearchQuery {
        text: text.into(),
        limit: 50,
        ..Default::default()
    };
    let mut ids: Vec<String> = store
        .search(&q)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

/// Runs the suite on one store; returns (expected pairs found, expected pairs, extra hits).
fn suite(
    store: &mut impl CorpusStore,
    analyzer: &Analyzer<'_>,
    name: &str,
) -> (usize, usize, usize) {
    let docs = documents();
    for doc in &docs {
        let meta = DocMeta {
            id: doc.id.clone(),
            source: "suite".into(),
            published: doc.published.clone(),
        };
        let analysis = analyzer.analyze(&doc.text, meta, &Options { tokens: false });
        assert_eq!(store.put(doc, &analysis).unwrap(), Put::Inserted, "{name}");
        assert_eq!(store.put(doc, &analysis).unwrap(), Put::Unchanged, "{name}");
    }
    let (mut found, mut expected, mut extra) = (0, 0, 0);
    for (query, want) in CASES {
        let got = ids(store, query);
        found += want.iter().filter(|w| got.iter().any(|g| g == *w)).count();
        expected += want.len();
        extra += got.iter().filter(|g| !want.contains(&g.as_str())).count();
        assert_eq!(got, *want, "{name}: {query}");
    }
    // Filters: dates and actors.
    let q = SearchQuery {
        text: "كتاب".into(),
        from: Some("2024-01-06".into()),
        to: Some("2024-01-06".into()),
        limit: 10,
        ..Default::default()
    };
    let got: Vec<String> = store
        .search(&q)
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(got, ["k1"], "{name}: dates");
    let hits = store
        .search(&SearchQuery {
            text: "وبالكتاب".into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    let k1 = hits.iter().find(|h| h.id == "k1").expect("k1 found");
    let marked: Vec<&str> = k1
        .highlights
        .iter()
        .map(|&(a, b)| &k1.fragment[a..b])
        .collect();
    assert_eq!(
        marked,
        ["وبالكتاب"],
        "{name}: highlight the word as written"
    );
    let stats = store.overview().unwrap();
    assert_eq!(stats.documents, docs.len() as i64, "{name}");
    assert!(stats.entities > 0, "{name}: entities stored");
    let records = store.all_records().unwrap();
    let order: Vec<&str> = records.documents.iter().map(|d| d.id.as_str()).collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted, "{name}: records by id");
    // A known id with new content replaces the document and its rows.
    let mut changed = docs[0].clone();
    changed.text = "قرأت الصحيفة أمس.".into();
    let meta = DocMeta {
        id: changed.id.clone(),
        source: "suite".into(),
        published: changed.published.clone(),
    };
    let analysis = analyzer.analyze(&changed.text, meta, &Options { tokens: false });
    assert_eq!(
        store.put(&changed, &analysis).unwrap(),
        Put::Replaced,
        "{name}"
    );
    assert_eq!(
        ids(store, "كتاب"),
        ["k1", "k2"],
        "{name}: replaced text searched"
    );
    assert_eq!(store.overview().unwrap().documents, docs.len() as i64);
    println!(
        "{name}: recall {found}/{expected} = {:.3} on {} queries, {extra} unexpected hits",
        found as f64 / expected as f64,
        CASES.len()
    );
    (found, expected, extra)
}

#[test]
fn both_stores_answer_alike() {
    let analyzer = Analyzer::new();
    let dir = tempfile::tempdir().unwrap();
    let mut corpus = Corpus::open(dir.path()).unwrap();
    let embedded = suite(&mut corpus, &analyzer, "embedded (SQLite + Tantivy)");
    let Some(url) = isnad_testkit::pg_url() else {
        return;
    };
    let url = isnad_pg::testing::fresh_schema(&url, "isnad_backends");
    let mut store = PgStore::connect(&url, 2).unwrap();
    assert!(
        store.search(&SearchQuery::default()).is_err(),
        "unmigrated: refused"
    );
    assert_eq!(store.migrate().unwrap(), [1]);
    assert!(
        store.migrate().unwrap().is_empty(),
        "migrating twice changes nothing"
    );
    let team = suite(&mut store, &analyzer, "team (PostgreSQL tsvector)");
    assert_eq!(embedded, team);
    // An actor filter: the entity the analysis found in one document.
    let records = store.all_records().unwrap();
    let hamas = records
        .entities
        .iter()
        .find(|e| e.name.contains("حماس"))
        .map(|e| e.name.clone())
        .expect("the analysis finds حماس");
    {
        let name = hamas;
        let q = SearchQuery {
            text: "بيان".into(),
            entity: Some(name.clone()),
            limit: 10,
            ..Default::default()
        };
        let got: Vec<String> = store
            .search(&q)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(got, ["l1"]);
        let got: Vec<String> = corpus
            .search(&q)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(got, ["l1"]);
        let team = store
            .entity_report(&name)
            .unwrap()
            .expect("found in team mode");
        let embedded = corpus
            .entity_report(&name)
            .unwrap()
            .expect("found embedded");
        assert!(team.documents > 0);
        assert_eq!(
            (
                team.documents,
                &team.aliases,
                team.relations.len(),
                team.quotes.len()
            ),
            (
                embedded.documents,
                &embedded.aliases,
                embedded.relations.len(),
                embedded.quotes.len()
            )
        );
    }
}
