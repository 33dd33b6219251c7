//! `isnad analyze` reads every format `ingest` reads: HTML pages, JSONL, folders; and it takes a
//! folder of models with `--models`.

use crate::util::{isnad, json, repo_root, slice, write_file};

const HTML: &str = r#"<!DOCTYPE html>
<html lang="ar"><head><meta charset="utf-8"><title>اجتماع الوزراء | جريدة المثال</title>
<meta property="og:site_name" content="جريدة المثال">
<meta property="article:published_time" content="2024-04-18T09:15:00+03:00">
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">قائمة الرياضة</a></li></ul></nav>
<article><h1>اجتماع الوزراء</h1>
<p>قال وزير الخارجية المصري إن حركة حماس وافقت على الهدنة في غزة أمس بعد محادثات طويلة في القاهرة.</p>
<p>وأضاف المتحدث باسم الوزارة أن المحادثات ستستمر الأسبوع المقبل بحضور وفود من عدة دول عربية.</p>
</article>
<footer><p>جميع الحقوق محفوظة لجريدة المثال</p></footer>
</body></html>"#;

fn jsonl() -> String {
    [
        serde_json::json!({"id": "a1", "text": "قال وزير الخارجية المصري إن حركة حماس وافقت على الهدنة أمس.", "published": "2024-03-05T10:00:00Z"}),
        serde_json::json!({"id": "a2", "text": "أعلن الجيش السيطرة على المدينة يوم الثلاثاء."}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect()
}

/// Every span of an analysis slices the text it was made from.
fn check_offsets(text: &str, v: &serde_json::Value) {
    assert_eq!(v["doc"]["chars"], text.chars().count());
    for e in v["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let (a, b) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            assert_eq!(
                slice(text, a as usize, b as usize),
                m["text"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn a_jsonl_file_gives_one_analysis_per_record_with_its_id_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "news.jsonl", jsonl().as_bytes());
    let out = isnad(
        &["analyze", "--format", "jsonl", path.to_str().unwrap()],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = docs
        .iter()
        .map(|d| d["doc"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a1", "a2"]);
    assert_eq!(docs[0]["doc"]["published"], "2024-03-05");
    assert!(docs[1]["doc"].get("published").is_none());
    assert_eq!(docs[0]["doc"]["source"], path.to_str().unwrap());
    // «أمس» resolves against the record's own date.
    let dates = docs[0]["dates"].as_array().unwrap();
    assert!(
        dates.iter().any(|d| d["value"] == "2024-03-04"),
        "{dates:?}"
    );
    check_offsets(
        "قال وزير الخارجية المصري إن حركة حماس وافقت على الهدنة أمس.",
        &docs[0],
    );
}

#[test]
fn an_explicit_published_date_wins_over_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "news.jsonl", jsonl().as_bytes());
    let out = isnad(
        &[
            "analyze",
            "--published",
            "2020-01-02",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success());
    let v = json(&out);
    // A multi-record file is an array in --format json, even for one input.
    let docs = v.as_array().expect("an array");
    assert_eq!(docs.len(), 2);
    for d in docs {
        assert_eq!(d["doc"]["published"], "2020-01-02");
    }
}

#[test]
fn a_bad_record_is_named_and_the_others_are_analyzed() {
    let dir = tempfile::tempdir().unwrap();
    let text = jsonl() + "{broken\n";
    let path = write_file(dir.path(), "news.jsonl", text.as_bytes());
    let out = isnad(
        &["analyze", "--format", "jsonl", path.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("news.jsonl:line 3"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn an_html_page_is_analyzed_as_its_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "page.html", HTML.as_bytes());
    let out = isnad(&["analyze", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["doc"]["id"], "page");
    assert_eq!(v["doc"]["published"], "2024-04-18");
    let names: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap())
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(names.iter().any(|n| n.contains("حماس")), "{names:?}");
    assert!(
        !names.iter().any(|n| n.contains("الرياضة")),
        "navigation is not article text: {names:?}"
    );
    // Offsets count the extracted article text, which `ingest` stores the same way.
    let doc = isnad_ingest_text(&path);
    check_offsets(&doc, &v);
}

/// The text isnad-ingest extracts from a page: what analyze's offsets count.
fn isnad_ingest_text(path: &std::path::Path) -> String {
    let mut records = isnad_ingest::read_file(path).expect("a page opens");
    records.next().expect("one record").expect("readable").text
}

#[test]
fn a_folder_is_analyzed_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "b.jsonl", jsonl().as_bytes());
    write_file(dir.path(), "a.txt", "قال الوزير.".as_bytes());
    write_file(dir.path(), "c.html", HTML.as_bytes());
    write_file(dir.path(), "notes.bin", b"\x00\x01");
    let out = isnad(
        &["analyze", "--format", "jsonl", dir.path().to_str().unwrap()],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["a", "a1", "a2", "c"]);
}

#[test]
fn models_from_the_repository_folder_equal_the_embedded_ones() {
    let sample = repo_root().join("examples/sample.txt");
    let sample = sample.to_str().unwrap();
    let models = repo_root().join("models");
    let default = isnad(&["analyze", "--tokens", sample], None);
    let loaded = isnad(
        &[
            "analyze",
            "--tokens",
            "--models",
            models.to_str().unwrap(),
            sample,
        ],
        None,
    );
    assert!(
        loaded.status.success(),
        "{}",
        String::from_utf8_lossy(&loaded.stderr)
    );
    assert_eq!(default.stdout, loaded.stdout);
}

#[test]
fn a_models_folder_without_models_or_with_a_bad_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let sample = repo_root().join("examples/sample.txt");
    let run = || {
        isnad(
            &[
                "analyze",
                "--models",
                dir.path().to_str().unwrap(),
                sample.to_str().unwrap(),
            ],
            None,
        )
    };
    let out = run();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no model file"), "{stderr}");
    write_file(dir.path(), "ner.bin.zst", b"junk");
    let out = run();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ner.bin.zst"), "{stderr}");
}
