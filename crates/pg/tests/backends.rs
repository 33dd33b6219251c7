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
    assert_eq!(store.migrate().unwrap(), [1, 2]);
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

/// Invented news with stories to find: the follow-up fixture of `isnad-stories` (a flood and
/// its follow-ups over three days) and the test kit's invented reports (quotes and events
/// repeated across outlets), read as the ingest reads them.
fn story_documents(dir: &std::path::Path) -> Vec<RawDoc> {
    let followups = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../stories/tests/fixtures/followups/docs.jsonl"
    );
    let invented = dir.join("invented.jsonl");
    std::fs::write(&invented, isnad_testkit::invented_news_jsonl(36)).unwrap();
    let mut docs = Vec::new();
    for path in [std::path::PathBuf::from(followups), invented] {
        docs.extend(isnad_ingest::read_file(&path).unwrap().map(Result::unwrap));
    }
    // Another outlet reprints the first report word for word an hour later: a copy.
    let mut reprint = docs[0].clone();
    reprint.id = format!("{}-reprint", reprint.id);
    reprint.outlet = Some("صحيفة الناقل".into());
    reprint.published = reprint.published.map(|p| p.replacen("T07", "T08", 1));
    docs.push(reprint);
    docs
}

/// The documents in one batch per calendar day, days in order (as a newsroom ingests them).
fn by_day(docs: &[RawDoc]) -> Vec<Vec<&RawDoc>> {
    let mut days: std::collections::BTreeMap<String, Vec<&RawDoc>> = Default::default();
    for d in docs {
        let day = d
            .published
            .as_deref()
            .unwrap_or("")
            .chars()
            .take(10)
            .collect();
        days.entry(day).or_default().push(d);
    }
    days.into_values().collect()
}

type StoryKey = Vec<(String, Vec<String>, Vec<(String, String)>)>;

fn story_key(store: &impl CorpusStore) -> StoryKey {
    let mut s: StoryKey = store
        .stories()
        .unwrap()
        .into_iter()
        .map(|s| (s.id, s.doc_ids, s.copies))
        .collect();
    s.sort();
    s
}

/// Grows stories one day at a time (grouping after each batch), then regroups from scratch;
/// returns the grown stories, and the slice's exports in every format.
fn grow_stories(
    store: &mut impl CorpusStore,
    analyzer: &Analyzer<'_>,
    docs: &[RawDoc],
    name: &str,
) -> (StoryKey, Vec<Vec<u8>>) {
    for day in by_day(docs) {
        for doc in day {
            let meta = DocMeta {
                id: doc.id.clone(),
                source: "suite".into(),
                published: doc.published.clone(),
            };
            let analysis = analyzer.analyze(&doc.text, meta, &Options { tokens: false });
            store.put(doc, &analysis).unwrap();
        }
        store.update_stories(false).unwrap();
    }
    let grown = story_key(store);
    assert!(
        grown.iter().any(|s| s.1.len() >= 3),
        "{name}: the flood and its follow-ups: {grown:?}"
    );
    assert!(
        grown.iter().any(|s| !s.2.is_empty()),
        "{name}: the reprint is a copy: {grown:?}"
    );
    let placed: usize = grown.iter().map(|s| s.1.len()).sum();
    assert_eq!(placed, docs.len(), "{name}: every document in one story");
    store.update_stories(true).unwrap();
    assert_eq!(story_key(store), grown, "{name}: --rebuild = incremental");
    // Grouping again with nothing new changes nothing.
    store.update_stories(false).unwrap();
    assert_eq!(story_key(store), grown, "{name}: idle grouping");
    let stats = store.overview().unwrap();
    assert_eq!(
        stats.stories,
        grown.len() as i64,
        "{name}: stats count stories"
    );
    let slice = isnad_export::Slice::load(store, &isnad_export::Selection::default()).unwrap();
    assert!(
        slice.claims.iter().any(|c| c.corroboration.is_some()),
        "{name}: corroboration counted"
    );
    let mut exports = Vec::new();
    for format in [
        isnad_export::Format::Stix,
        isnad_export::Format::Graphml,
        isnad_export::Format::Ftm,
        isnad_export::Format::Csv,
        isnad_export::Format::Jsonl,
    ] {
        let mut out = Vec::new();
        isnad_export::export(&slice, format, &Default::default(), &mut out).unwrap();
        exports.push(out);
    }
    (grown, exports)
}

/// Stories grown day by day equal a rebuild in each store, and the two stores group, count
/// corroboration and export alike (every export format, byte for byte).
#[test]
fn both_stores_grow_the_same_stories_and_export_alike() {
    let analyzer = Analyzer::new();
    let dir = tempfile::tempdir().unwrap();
    let docs = story_documents(dir.path());
    let mut corpus = Corpus::open(&dir.path().join("data")).unwrap();
    let embedded = grow_stories(&mut corpus, &analyzer, &docs, "embedded");
    let Some(url) = isnad_testkit::pg_url() else {
        return;
    };
    let url = isnad_pg::testing::fresh_schema(&url, "isnad_backends_stories");
    let mut store = PgStore::connect(&url, 2).unwrap();
    store.migrate().unwrap();
    let team = grow_stories(&mut store, &analyzer, &docs, "team");
    assert_eq!(team.0, embedded.0, "same stories in both stores");
    for (i, (a, b)) in embedded.1.iter().zip(&team.1).enumerate() {
        assert!(a == b, "export format {i} differs between the stores");
    }
    // A replaced document regroups from scratch, as the embedded ingest does after an update.
    let mut changed = docs[0].clone();
    changed.text.push_str(" وتابعت الفرق عملها حتى الصباح.");
    let meta = DocMeta {
        id: changed.id.clone(),
        source: "suite".into(),
        published: changed.published.clone(),
    };
    let analysis = analyzer.analyze(&changed.text, meta, &Options { tokens: false });
    assert_eq!(store.put(&changed, &analysis).unwrap(), Put::Replaced);
    let grouped = store.group_stories(false).unwrap();
    assert!(grouped.rebuilt, "a replaced document regroups: {grouped:?}");
    assert_eq!(grouped.placed, docs.len());
}
