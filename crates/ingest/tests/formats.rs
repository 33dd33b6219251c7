//! Every supported format, read from small invented fixtures.

use isnad_ingest::{discover, read_file, IngestError, Location, RawDoc, RecordError};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read_all(path: &Path) -> (Vec<RawDoc>, Vec<RecordError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for record in read_file(path).unwrap() {
        match record {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    (docs, errors)
}

#[test]
fn html_keeps_the_article_and_drops_boilerplate() {
    let (docs, errors) = read_all(&fixture("article.html"));
    assert!(errors.is_empty(), "{errors:?}");
    let doc = &docs[0];
    assert_eq!(doc.id, "article");
    assert!(
        doc.text.contains("افتتح محافظ مدينة الواحة"),
        "{}",
        doc.text
    );
    assert!(doc.text.contains("السيول الموسمية"));
    for boilerplate in [
        "قائمة الرياضة",
        "جميع الحقوق محفوظة",
        "سياسة الخصوصية",
        "خبر مرتبط",
        "نص برمجي",
        "إعلان ممول",
    ] {
        assert!(
            !doc.text.contains(boilerplate),
            "{boilerplate} leaked: {}",
            doc.text
        );
    }
    // Paragraph breaks survive as newlines.
    assert!(doc.text.lines().count() >= 4, "{}", doc.text);
    assert_eq!(
        doc.title.as_deref(),
        Some("افتتاح جسر النخيل الجديد فوق وادي السدر")
    );
    assert_eq!(doc.published.as_deref(), Some("2024-04-18"));
    assert_eq!(doc.outlet.as_deref(), Some("جريدة الواحة"));
    assert_eq!(
        doc.url.as_deref(),
        Some("https://www.alwaha-news.example/local/2024/04/bridge")
    );
}

#[test]
fn html_outlet_falls_back_to_canonical_host() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.htm");
    let html = std::fs::read_to_string(fixture("article.html"))
        .unwrap()
        .replace(
            r#"<meta property="og:site_name" content="جريدة الواحة">"#,
            "",
        );
    std::fs::write(&path, html).unwrap();
    let (docs, _) = read_all(&path);
    assert_eq!(docs[0].outlet.as_deref(), Some("alwaha-news.example"));
}

#[test]
fn jsonl_reports_bad_lines_and_reads_the_rest() {
    let path = fixture("news.jsonl");
    let (docs, errors) = read_all(&path);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["wh-1", "news-2", "4", "wh-7"]);
    assert_eq!(docs[0].published.as_deref(), Some("2024-06-01"));
    assert_eq!(docs[0].title.as_deref(), Some("إغلاق الشاطئ الشمالي"));
    assert_eq!(docs[0].outlet.as_deref(), Some("أخبار الساحل"));
    assert_eq!(docs[0].url.as_deref(), Some("https://sahel.example/1"));
    assert_eq!(docs[1].published.as_deref(), Some("2024-06-02"));
    assert_eq!(docs[2].published.as_deref(), Some("2024-06-03"));
    assert_eq!(docs[2].outlet.as_deref(), Some("وكالة الجنوب"));
    assert_eq!(docs[3].origin.location, Location::Line(8));
    let at: Vec<Location> = errors.iter().map(|e| e.location).collect();
    // Line 3 is truncated JSON, 6 has blank text, 7 is not an object; 5 is blank and skipped.
    assert_eq!(
        at,
        [Location::Line(3), Location::Line(6), Location::Line(7)]
    );
    let shown = errors[0].to_string();
    assert!(
        shown.ends_with(&format!("news.jsonl:line 3: {}", errors[0].message)),
        "{shown}"
    );
    assert!(shown.contains("malformed JSON"));
}

#[test]
fn telegram_export_flattens_text_and_skips_service_messages() {
    let (docs, errors) = read_all(&fixture("result.json"));
    assert!(errors.is_empty(), "{errors:?}");
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["tg-1234567890-2", "tg-1234567890-3", "tg-1234567890-5"]
    );
    assert_eq!(
        docs[1].text,
        "تحديث: عادت الكهرباء إلى معظم الأحياء، وقالت الشركة إن https://power.example/notice يشرح أسباب العطل."
    );
    assert_eq!(docs[2].text, "افتتاح سوق الخضار الأسبوعي صباح السبت.");
    assert!(docs
        .iter()
        .all(|d| d.outlet.as_deref() == Some("قناة أخبار الوادي")));
    assert_eq!(docs[0].published.as_deref(), Some("2023-10-07"));
    assert_eq!(docs[1].origin.location, Location::Message(3));
}

#[test]
fn json_article_arrays_and_unknown_json() {
    let dir = tempfile::tempdir().unwrap();
    let arr = dir.path().join("2015-07-21.json");
    std::fs::write(
        &arr,
        r#"[{"source": "alwaha", "url": "http://w.example/1", "date_extracted": "2015-07-21 02:51:32", "title": "عنوان", "author": "x", "content": "نص الخبر الأول"}, 7]"#,
    )
    .unwrap();
    let (docs, errors) = read_all(&arr);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "2015-07-21-1");
    assert_eq!(docs[0].outlet.as_deref(), Some("alwaha"));
    assert_eq!(docs[0].published.as_deref(), Some("2015-07-21"));
    assert_eq!(errors[0].location, Location::Item(2));

    let other = dir.path().join("config.json");
    std::fs::write(&other, r#"{"setting": true}"#).unwrap();
    assert!(matches!(
        read_file(&other),
        Err(IngestError::Unsupported { .. })
    ));
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n\"messages\": [\n").unwrap();
    let (docs, errors) = read_all(&broken);
    assert!(docs.is_empty());
    assert!(matches!(errors[0].location, Location::Line(_)));
}

#[test]
fn txt_rules() {
    let (docs, errors) = read_all(&fixture("bom.txt"));
    assert!(errors.is_empty());
    assert_eq!(docs[0].id, "bom");
    assert!(docs[0].text.starts_with("أعلنت"));

    let (docs, errors) = read_all(&fixture("invalid_utf8.txt"));
    assert!(docs.is_empty());
    let bad = "نص صحيح ثم بايت خاطئ ".len() as u64;
    assert_eq!(errors[0].location, Location::Offset(bad));
    assert!(errors[0].to_string().contains(&format!(":byte {bad}:")));

    let (docs, errors) = read_all(&fixture("empty.txt"));
    assert!(docs.is_empty());
    assert_eq!(errors[0].location, Location::Whole);
    assert!(errors[0].message.contains("empty"));
}

/// A WARC record with an exact Content-Length.
fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-04-19T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn warc_records() -> Vec<Vec<u8>> {
    let html = std::fs::read(fixture("article.html")).unwrap();
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    response.extend_from_slice(&html);
    let page = "<html><head><title>خبر قصير</title></head><body><p>أعلنت مديرية التعليم في محافظة الواحة بدء التسجيل للعام الدراسي الجديد اعتبارا من الأحد المقبل عبر المنصة الإلكترونية، على أن يستمر التسجيل ثلاثة أسابيع.</p></body></html>";
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://www.alwaha-news.example/local/2024/04/bridge",
            "application/http; msgtype=request",
            b"GET /local/2024/04/bridge HTTP/1.1\r\nHost: www.alwaha-news.example\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://www.alwaha-news.example/local/2024/04/bridge",
            "application/http; msgtype=response",
            &response,
        ),
        warc_record(
            "response",
            "https://www.alwaha-news.example/logo.png",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\0\0",
        ),
        warc_record(
            "resource",
            "https://edu.example/notice",
            "text/html",
            page.as_bytes(),
        ),
    ]
}

fn check_warc(path: &Path) {
    let (docs, errors) = read_all(path);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert_eq!(
        docs[0].id,
        "https://www.alwaha-news.example/local/2024/04/bridge"
    );
    assert!(docs[0].text.contains("جسر النخيل"));
    assert!(!docs[0].text.contains("جميع الحقوق"));
    assert_eq!(docs[0].published.as_deref(), Some("2024-04-18"));
    assert_eq!(docs[1].url.as_deref(), Some("https://edu.example/notice"));
    // No date in the page: the crawl date stands in.
    assert_eq!(docs[1].published.as_deref(), Some("2024-04-19"));
    assert!(docs[1].text.contains("مديرية التعليم"));
    assert!(matches!(docs[0].origin.location, Location::Offset(o) if o > 0));
}

#[test]
fn warc_takes_html_responses_and_resources() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc");
    std::fs::write(&path, warc_records().concat()).unwrap();
    check_warc(&path);
}

#[test]
fn warc_gz_with_one_member_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    let mut file = std::fs::File::create(&path).unwrap();
    for record in warc_records() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&record).unwrap();
        file.write_all(&gz.finish().unwrap()).unwrap();
    }
    drop(file);
    check_warc(&path);
}

#[test]
fn warc_recovers_after_a_corrupt_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.warc");
    let records = warc_records();
    let mut bytes = b"garbage before the first record\r\nmore garbage\r\n".to_vec();
    bytes.extend_from_slice(&records[2]);
    bytes.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nope\r\n\r\njunk\r\n\r\n",
    );
    bytes.extend_from_slice(&records[4]);
    // A record whose length runs past the end of the file.
    bytes.extend_from_slice(b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 999999\r\n\r\n<p>short");
    std::fs::write(&path, bytes).unwrap();
    let (docs, errors) = read_all(&path);
    assert_eq!(docs.len(), 2, "{errors:?}");
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(errors.len(), 3, "{messages:?}");
    assert_eq!(errors[0].location, Location::Offset(0));
    assert!(messages[1].contains("Content-Length"));
    assert!(messages[2].contains("truncated"));
}

#[test]
fn discover_walks_sorts_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("b");
    std::fs::create_dir_all(&sub).unwrap();
    for name in [
        "z.txt",
        "a.jsonl",
        "b/c.html",
        "b/skip.pdf",
        ".hidden.txt",
        "b/d.warc.gz",
    ] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    let found = discover(&[dir.path().to_path_buf(), dir.path().join("z.txt")]);
    assert!(found.problems.is_empty(), "{:?}", found.problems);
    let paths: Vec<String> = found
        .files
        .iter()
        .map(|f| {
            f.path
                .strip_prefix(dir.path())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(paths, ["a.jsonl", "b/c.html", "b/d.warc.gz", "z.txt"]);
    let root = dir.path().file_name().unwrap().to_str().unwrap();
    assert_eq!(found.files[1].name, format!("{root}/b/c.html"));
    // A missing path is a problem of its own; the others are still found.
    let found = discover(&[dir.path().join("missing"), dir.path().join("z.txt")]);
    assert!(
        matches!(&found.problems[..], [IngestError::Io { path, .. }] if path.ends_with("missing"))
    );
    assert_eq!(found.files.len(), 1);
    assert_eq!(found.files[0].name, "z.txt");
    assert!(matches!(
        read_file(&dir.path().join("b/skip.pdf")),
        Err(IngestError::Unsupported { .. })
    ));
}
