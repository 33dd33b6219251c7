//! The whole analysis pipeline and the search query language, on arbitrary input.

use isnad_analysis::{Analyzer, DocMeta, Options};
use isnad_corpus::{Corpus, IngestOptions, SearchQuery};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The analyzer with the embedded models, loaded once per process.
pub(crate) fn analyzer() -> &'static Analyzer<'static> {
    static ANALYZER: OnceLock<Analyzer<'static>> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

/// Target `analyze`: bytes decoded as `isnad analyze` decodes a file, analyzed with the token
/// listing, serialized; every span of the JSON lies inside the text.
pub fn analyze(data: &[u8]) {
    let Ok(text) = isnad_text::decode_any(data) else {
        return;
    };
    let meta = DocMeta::new("fuzz", "fuzz.txt");
    let analysis = analyzer().analyze(&text, meta, &Options { tokens: true });
    let json = match serde_json::to_value(&analysis) {
        Ok(json) => json,
        Err(e) => panic!("an analysis does not serialize: {e}"),
    };
    crate::check_offsets(&json, text.chars().count() as u64);
}

/// Three short articles written for the harness (dates, a place, a person, a ministry), so
/// that words, phrases, `entity:` and date filters all have something to match.
const ARTICLES: &str = r#"{"id": "a1", "title": "سيول في جدة", "published": "2024-03-05", "outlet": "الوطن", "text": "قال محمد بن سلمان إن أمانة جدة بدأت تصريف مياه السيول بعد أمطار غزيرة هطلت على المدينة أمس."}
{"id": "a2", "title": "افتتاح معرض الكتاب", "published": "2024-04-10", "outlet": "الرياض", "text": "افتتح وزير الثقافة معرض الرياض الدولي للكتاب بمشاركة ناشرين من ثلاثين دولة عربية وأجنبية."}
{"id": "a3", "published": "2023-12-31", "text": "أعلنت وزارة الصحة في الرياض تسجيل انخفاض في حالات الإنفلونزا الموسمية خلال الأسبوع الماضي."}
"#;

/// A data folder holding [`ARTICLES`], ingested once per process and `name` (the query and
/// serve targets each get their own: the server holds the writer lock).
pub(crate) fn seeded_store(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("isnad-fuzz-{}-{name}", std::process::id()));
    let data = root.join("data");
    if data.join("isnad.sqlite").is_file() {
        return data;
    }
    if let Err(e) = ingest_articles(&root, &data) {
        panic!(
            "the fuzz harness could not build its store in {}: {e}",
            root.display()
        );
    }
    data
}

fn ingest_articles(root: &Path, data: &Path) -> Result<(), String> {
    std::fs::create_dir_all(root).map_err(|e| e.to_string())?;
    let input = root.join("articles.jsonl");
    std::fs::write(&input, ARTICLES).map_err(|e| e.to_string())?;
    let mut corpus = Corpus::open(data).map_err(|e| e.to_string())?;
    let options = IngestOptions {
        progress: false,
        ..IngestOptions::default()
    };
    corpus
        .ingest(&[input], analyzer(), &options, &mut |_| {})
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Target `query`: line 1 is the query text, lines 2–4 (optional) the entity filter and the
/// `from` / `to` days. A search either fails with a query error or returns hits whose
/// highlights slice their fragment.
pub fn query(data: &[u8]) {
    static CORPUS: OnceLock<std::sync::Mutex<Corpus>> = OnceLock::new();
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let corpus = CORPUS.get_or_init(|| match Corpus::open_reader(&seeded_store("query")) {
        Ok(c) => std::sync::Mutex::new(c),
        Err(e) => panic!("the fuzz harness could not open its store: {e}"),
    });
    let mut lines = input.split('\n');
    let field = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
    let q = SearchQuery {
        text: lines.next().unwrap_or("").to_string(),
        entity: field(lines.next()),
        from: field(lines.next()),
        to: field(lines.next()),
        limit: 10,
    };
    let corpus = corpus.lock().unwrap_or_else(|p| p.into_inner());
    let Ok(hits) = corpus.search(&q) else {
        return;
    };
    for hit in hits {
        for &(s, e) in &hit.highlights {
            assert!(s <= e && e <= hit.fragment.len(), "highlight {s}..{e}");
            assert!(hit.fragment.is_char_boundary(s) && hit.fragment.is_char_boundary(e));
        }
    }
}
