//! Issue 16: inputs a hostile tester wrote. Each reader ends with a clear per-record error or
//! a correct result, in time linear in the input, and goes on with the next record.

use isnad_ingest::{read_file, RawDoc, RecordError};
use std::path::Path;
use std::time::{Duration, Instant};

fn read_all(path: &Path) -> (Vec<RawDoc>, Vec<RecordError>) {
    let (mut docs, mut errors) = (Vec::new(), Vec::new());
    for record in read_file(path).unwrap() {
        match record {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    (docs, errors)
}

const PAGE: &str = "<html><head><title>خبر</title></head><body><article><p>أعلنت مديرية التعليم في محافظة الواحة بدء التسجيل للعام الدراسي الجديد اعتبارا من الأحد المقبل عبر المنصة الإلكترونية، على أن يستمر التسجيل ثلاثة أسابيع.</p></article></body></html>";

fn resource(uri: &str, block: &[u8], declared: usize) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: {uri}\r\nContent-Type: text/html\r\nContent-Length: {declared}\r\n\r\n"
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn uris(docs: &[RawDoc]) -> Vec<&str> {
    docs.iter().map(|d| d.id.as_str()).collect()
}

#[test]
fn warc_records_after_a_content_length_too_long_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lying.warc");
    let mut bytes = resource("https://a.example/1", PAGE.as_bytes(), PAGE.len());
    // Declares the length of itself plus most of the next record.
    bytes.extend(resource(
        "https://a.example/2",
        PAGE.as_bytes(),
        PAGE.len() + 300,
    ));
    bytes.extend(resource("https://a.example/3", PAGE.as_bytes(), PAGE.len()));
    bytes.extend(resource("https://a.example/4", PAGE.as_bytes(), PAGE.len()));
    std::fs::write(&path, bytes).unwrap();
    let (docs, errors) = read_all(&path);
    assert_eq!(
        uris(&docs),
        [
            "https://a.example/1",
            "https://a.example/3",
            "https://a.example/4"
        ],
        "{errors:?}"
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("Content-Length"), "{errors:?}");
}

#[test]
fn warc_content_length_too_short_is_reported_and_the_next_record_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short.warc");
    let mut bytes = resource("https://a.example/1", PAGE.as_bytes(), PAGE.len() - 40);
    bytes.extend(resource("https://a.example/2", PAGE.as_bytes(), PAGE.len()));
    std::fs::write(&path, bytes).unwrap();
    let (docs, errors) = read_all(&path);
    assert_eq!(uris(&docs), ["https://a.example/2"], "{errors:?}");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("Content-Length"), "{errors:?}");
}

#[test]
fn one_bad_telegram_header_field_costs_only_that_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("result.json");
    let export = serde_json::json!({
        "name": 12345,
        "type": ["not", "a", "string"],
        "id": {"odd": true},
        "messages": [
            {"id": 1, "type": "message", "date": "2024-03-05T10:00:00", "text": "قال الوزير إن الاجتماع انتهى"},
            {"id": "two", "type": "message", "text": "رسالة برقم غير صالح"},
            {"id": 3, "type": "message", "text": ["أعلن ", {"type": "bold", "text": "المتحدث"}, " النتائج"]}
        ]
    });
    std::fs::write(&path, export.to_string()).unwrap();
    let (docs, errors) = read_all(&path);
    assert_eq!(docs.len(), 2, "{errors:?}");
    assert_eq!(docs[0].id, "tg-result-1");
    assert_eq!(docs[1].text, "أعلن المتحدث النتائج");
    assert_eq!(errors.len(), 1, "the message with a bad id: {errors:?}");
}

/// 10× the 100 KB page that took 18 s: a per-record error, quickly.
#[test]
fn deeply_nested_html_is_reported_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.html");
    let depth = 1_000_000 / "<div>".len();
    let html = format!("<html><body>{}{PAGE}</body></html>", "<div>".repeat(depth));
    std::fs::write(&path, html).unwrap();
    let started = Instant::now();
    let (docs, errors) = read_all(&path);
    let took = started.elapsed();
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("nested"), "{errors:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    // Ordinary sloppy pages (unclosed <p> and <li>, many <br>) pass.
    let sloppy = format!(
        "<html><body><div><ul>{}</ul>{}</div>{PAGE}</body></html>",
        "<li>بند".repeat(5000),
        "<p>فقرة<br>".repeat(5000)
    );
    let path = dir.path().join("sloppy.html");
    std::fs::write(&path, sloppy).unwrap();
    let (docs, errors) = read_all(&path);
    assert_eq!(docs.len(), 1, "{errors:?}");
}

#[test]
fn utf16_files_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let text = "قال الوزير إن الاجتماع انتهى";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.path().join("windows.txt");
    std::fs::write(&path, &bytes).unwrap();
    let (docs, errors) = read_all(&path);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs[0].text, text);
    // A broken one is named as UTF-16, not "invalid UTF-8 at byte 0".
    bytes.push(0x41);
    std::fs::write(&path, &bytes).unwrap();
    let (_, errors) = read_all(&path);
    assert!(errors[0].message.contains("UTF-16"), "{errors:?}");
}

fn read_with(path: &Path, max_record_bytes: u64) -> (Vec<RawDoc>, Vec<RecordError>) {
    let options = isnad_ingest::ReadOptions {
        name: Some("feed".into()),
        limits: isnad_ingest::Limits {
            max_record_bytes,
            ..Default::default()
        },
    };
    let (mut docs, mut errors) = (Vec::new(), Vec::new());
    for record in isnad_ingest::read_file_with(path, &options).unwrap() {
        match record {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    (docs, errors)
}

/// A record over the bound was dropped with exit 0; now it is an error naming the file and
/// the record, and the records after it are read.
#[test]
fn records_over_the_bound_are_reported_and_the_rest_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!("<html><body><p>{}</p></body></html>", "كلمة ".repeat(2000));
    let path = dir.path().join("big.warc");
    let mut bytes = resource("https://a.example/big", big.as_bytes(), big.len());
    bytes.extend(resource(
        "https://a.example/small",
        PAGE.as_bytes(),
        PAGE.len(),
    ));
    std::fs::write(&path, bytes).unwrap();
    let (docs, errors) = read_with(&path, 4096);
    assert_eq!(uris(&docs), ["https://a.example/small"]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location, isnad_ingest::Location::Offset(0));
    assert!(
        errors[0].to_string().contains("big.warc:byte 0"),
        "{}",
        errors[0]
    );
    assert!(errors[0].message.contains("limit"), "{errors:?}");

    let path = dir.path().join("feed.jsonl");
    let line = |text: &str| serde_json::json!({ "text": text }).to_string();
    let lines = [line("قصير"), line(&"طويل ".repeat(2000)), line("قصير أيضا")];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (docs, errors) = read_with(&path, 4096);
    assert_eq!(uris(&docs), ["feed:1", "feed:3"]);
    assert_eq!(errors[0].location, isnad_ingest::Location::Line(2));

    let path = dir.path().join("page.html");
    std::fs::write(&path, &big).unwrap();
    let (docs, errors) = read_with(&path, 4096);
    assert!(docs.is_empty());
    assert!(errors[0].message.contains("--max-record-mb"), "{errors:?}");

    // A .json file is parsed whole: its own, larger bound.
    let path = dir.path().join("articles.json");
    let articles = serde_json::json!([{"id": "x", "text": "طويل ".repeat(2000)}]);
    std::fs::write(&path, articles.to_string()).unwrap();
    let (docs, _) = read_with(&path, 4096);
    assert_eq!(uris(&docs), ["x"]);
    let options = isnad_ingest::ReadOptions {
        name: None,
        limits: isnad_ingest::Limits {
            max_json_bytes: 4096,
            ..Default::default()
        },
    };
    let errors: Vec<_> = isnad_ingest::read_file_with(&path, &options)
        .unwrap()
        .filter_map(Result::err)
        .collect();
    assert!(errors[0].message.contains("--max-json-mb"), "{errors:?}");
}

/// JSON nesting is bounded (serde_json stops at 128 levels): a line of 100,000 nested arrays
/// is one record error, and the next line is read.
#[test]
fn deeply_nested_json_is_one_record_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.jsonl");
    let deep = format!(
        "{{\"text\": {}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let ok = serde_json::json!({"id": "ok", "text": "قال الوزير إن الاجتماع انتهى"}).to_string();
    std::fs::write(&path, format!("{deep}\n{ok}\n")).unwrap();
    let (docs, errors) = read_all(&path);
    assert_eq!(uris(&docs), ["ok"]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location, isnad_ingest::Location::Line(1));
}

/// Found by fuzzing (`fuzz/corpus/warc/crash-empty-target-uri`): an empty `WARC-Target-URI`
/// gave the document an empty id; it now falls back to the record id.
#[test]
fn an_empty_warc_target_uri_is_no_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty-uri.warc");
    let block =
        "<html><body><p>أعلنت البلدية إغلاق الطريق الساحلي مؤقتا لأعمال الصيانة.</p></body></html>";
    let record = format!(
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: \r\nWARC-Record-ID: <urn:uuid:r1>\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    std::fs::write(&path, record).unwrap();
    let docs: Vec<_> = isnad_ingest::read_file(&path).unwrap().collect();
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.id, "<urn:uuid:r1>");
    assert_eq!(doc.url, None);
}
