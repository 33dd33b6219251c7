//! The library end to end on a small invented corpus.

use isnad_analysis::Analyzer;
use isnad_corpus::{Corpus, IngestOptions, SearchQuery};
use std::path::{Path, PathBuf};

fn doc(id: &str, outlet: &str, date: &str, title: &str, text: &str) -> String {
    serde_json::json!({"id": id, "outlet": outlet, "published": date, "title": title, "text": text})
        .to_string()
}

fn sample(dir: &Path) -> PathBuf {
    let lines = [
        doc("a1", "صحيفة الشرق", "2024-03-04", "انهيار جسر", "قال المتحدث باسم الدفاع المدني سالم العتيبي إن جسرا قديما انهار فوق وادي حنيفة صباح الاثنين وأصيب سبعة عمال."),
        doc("a2", "وكالة الأنباء", "2024-03-04", "سبعة مصابين", "أصيب سبعة عمال إثر انهيار جسر قديم فوق وادي حنيفة صباح الاثنين، بحسب ما قاله سالم العتيبي المتحدث باسم الدفاع المدني."),
        doc("b1", "صحيفة الشرق", "2024-05-20", "معرض الكتاب", "افتتح معرض الكتاب أبوابه بمشاركة خمسمئة دار نشر، وقال المنظمون إن الكتاب العربي يلقى إقبالا. وبالكتاب نبدأ."),
        doc("c1", "وكالة الأنباء", "2024-06-01", "بيان", "أعلنت حركة حماس في بيان أن وفدها سيزور القاهرة."),
    ];
    let path = dir.join("news.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n{broken\n").unwrap();
    path
}

fn quiet() -> IngestOptions {
    IngestOptions {
        progress: false,
        ..Default::default()
    }
}

fn search(corpus: &Corpus, text: &str) -> Vec<String> {
    let q = SearchQuery {
        text: text.into(),
        limit: 10,
        ..Default::default()
    };
    let mut ids: Vec<String> = corpus
        .search(&q)
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn ingest_search_entities_stories() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample(dir.path());
    let analyzer = Analyzer::new();
    let mut corpus = Corpus::open(&dir.path().join("data")).unwrap();
    let mut skipped = Vec::new();
    let summary = corpus
        .ingest(
            std::slice::from_ref(&input),
            &analyzer,
            &quiet(),
            &mut |e| {
                if let isnad_corpus::IngestEvent::Skipped(r) = e {
                    skipped.push(r.to_string());
                }
            },
        )
        .unwrap();
    assert_eq!((summary.ingested, summary.skipped), (4, 1));
    assert!(skipped[0].contains("line 5"), "{skipped:?}");
    assert!(corpus.check().unwrap().is_empty());

    // Idempotent.
    let again = corpus
        .ingest(
            std::slice::from_ref(&input),
            &analyzer,
            &quiet(),
            &mut |_| {},
        )
        .unwrap();
    assert_eq!((again.ingested, again.updated, again.unchanged), (0, 0, 4));

    // Search: clitics, Latin names, dates, highlighting.
    assert_eq!(search(&corpus, "كتاب"), ["b1"]);
    assert_eq!(search(&corpus, "جسر"), ["a1", "a2"]);
    assert_eq!(search(&corpus, "Hamas"), ["c1"]);
    assert_eq!(search(&corpus, "\"وادي حنيفة\""), ["a1", "a2"]);
    let q = SearchQuery {
        text: "جسر".into(),
        from: Some("2024-03-05".into()),
        limit: 10,
        ..Default::default()
    };
    assert!(corpus.search(&q).unwrap().is_empty());
    let hit = &corpus
        .search(&SearchQuery {
            text: "وبالكتاب".into(),
            limit: 1,
            ..Default::default()
        })
        .unwrap()[0];
    assert!(hit.snippet.contains("<b>"), "{}", hit.snippet);
    for (start, end) in &hit.highlights {
        assert!(hit
            .fragment
            .get(*start..*end)
            .is_some_and(|w| w.contains("كتاب")));
    }
    assert_eq!(hit.outlet.as_deref(), Some("صحيفة الشرق"));
    assert!(matches!(
        corpus.search(&SearchQuery {
            text: "x".into(),
            from: Some("junk".into()),
            ..Default::default()
        }),
        Err(isnad_corpus::CorpusError::Query(_))
    ));

    // One entity across documents and spellings.
    let report = corpus
        .entity("سالم العتيبي")
        .unwrap()
        .expect("entity found");
    assert_eq!(report.documents, 2);
    assert_eq!(report.first_seen.as_deref(), Some("2024-03-04"));
    let by_variant = corpus
        .entity("سالم العتيـــبي")
        .unwrap()
        .expect("variant spelling");
    assert_eq!(by_variant.id, report.id);
    let q = SearchQuery {
        text: "جسر".into(),
        entity: Some("سالم العتيبي".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(corpus.search(&q).unwrap().len(), 2);

    // The two reports of the bridge collapse are one story; the book fair is another.
    let stories = corpus.stories().unwrap();
    let bridge = stories
        .iter()
        .find(|s| s.doc_ids.contains(&"a1".to_string()))
        .unwrap();
    assert_eq!(bridge.doc_ids, ["a1", "a2"]);
    assert!(stories.iter().any(|s| s.doc_ids == ["b1"]));

    // Same id, new content: updated, old extractions replaced.
    let changed = dir.path().join("update.jsonl");
    std::fs::write(
        &changed,
        doc(
            "c1",
            "وكالة الأنباء",
            "2024-06-02",
            "بيان",
            "أعلنت وزارة الصحة افتتاح مكتبة طبية.",
        ) + "\n",
    )
    .unwrap();
    let up = corpus
        .ingest(&[changed], &analyzer, &quiet(), &mut |_| {})
        .unwrap();
    assert_eq!(up.updated, 1);
    assert!(search(&corpus, "Hamas").is_empty());
    assert_eq!(search(&corpus, "مكتبة"), ["c1"]);
    let stats = corpus.stats().unwrap();
    assert_eq!((stats.documents, stats.indexed), (4, 4));
    assert!(corpus.check().unwrap().is_empty());
}

#[test]
fn reopening_heals_an_index_that_lags_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample(dir.path());
    let data = dir.path().join("data");
    {
        let mut corpus = Corpus::open(&data).unwrap();
        corpus
            .ingest(&[input], &Analyzer::new(), &quiet(), &mut |_| {})
            .unwrap();
    }
    // Simulate a crash between the SQLite commit and the index commit: drop the index.
    std::fs::remove_dir_all(data.join("index")).unwrap();
    let conn = rusqlite::Connection::open(data.join("isnad.sqlite")).unwrap();
    conn.execute("UPDATE documents SET indexed = 0", [])
        .unwrap();
    drop(conn);
    let corpus = Corpus::open(&data).unwrap();
    assert!(corpus.check().unwrap().is_empty());
    assert_eq!(search(&corpus, "جسر"), ["a1", "a2"]);
}

/// Stories grow as documents arrive: three ingests, one per day of an invented flood story
/// (and a hospital opening by the same emir), give the same stories as regrouping everything
/// from scratch, and the story's copies survive the reload between ingests.
#[test]
fn stories_grown_ingest_by_ingest_equal_a_rebuild() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../stories/tests/fixtures/followups/docs.jsonl"
    );
    let text = std::fs::read_to_string(fixture).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut days: Vec<(String, Vec<&str>)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        // One ingest per calendar day, whatever the time of day.
        let day = v["published"].as_str().unwrap()[..10].to_string();
        match days.iter_mut().find(|(d, _)| *d == day) {
            Some((_, lines)) => lines.push(line),
            None => days.push((day, vec![line])),
        }
    }
    days.sort();
    assert_eq!(days.len(), 3);
    let analyzer = Analyzer::new();
    let mut corpus = Corpus::open(&dir.path().join("data")).unwrap();
    for (day, lines) in &days {
        let path = dir.path().join(format!("{day}.jsonl"));
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        corpus
            .ingest(&[path], &analyzer, &quiet(), &mut |_| {})
            .unwrap();
    }
    type Key = (String, Vec<String>, Vec<(String, String)>);
    let key = |c: &Corpus| {
        let mut s: Vec<Key> = c
            .stories()
            .unwrap()
            .into_iter()
            .map(|s| (s.id, s.doc_ids, s.copies))
            .collect();
        s.sort();
        s
    };
    let grown = key(&corpus);
    assert!(
        grown.iter().any(|s| s.1.len() >= 3),
        "the flood and its follow-ups: {grown:?}"
    );
    corpus.recompute_stories().unwrap();
    assert_eq!(key(&corpus), grown);
}
