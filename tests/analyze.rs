//! `isnad analyze` on the committed sample and on the shared seed article.

use crate::util::{isnad, json, repo_root, shared_dir, slice};

fn check_sentences_slice(text: &str, v: &serde_json::Value) {
    let text_chars = text.chars().count();
    assert_eq!(v["doc"]["chars"], text_chars);
    let mut last_end = 0;
    let sentences = v["sentences"].as_array().expect("sentences array");
    assert!(!sentences.is_empty());
    for s in sentences {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(start >= last_end && start < end && end <= text_chars);
        let piece = slice(text, start, end);
        assert_eq!(
            piece.trim(),
            piece,
            "sentences carry no surrounding whitespace"
        );
        assert!(
            !piece.contains("\n\n"),
            "no sentence crosses a paragraph break"
        );
        last_end = end;
    }
}

#[test]
fn sample_article_gives_the_contract() {
    let path = repo_root().join("examples/sample.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let v = json(&isnad(
        &["analyze", "--format", "json", path.to_str().unwrap()],
        None,
    ));
    assert_eq!(v["schema"], "isnad.analysis/1");
    assert_eq!(v["doc"]["id"], "sample");
    assert_eq!(v["doc"]["lang"], "ar");
    check_sentences_slice(&text, &v);
    for e in v["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(slice(&text, start, end), m["text"].as_str().unwrap());
        }
    }
}

#[test]
fn seed_sentences_slice_the_text_exactly() {
    let Some(shared) = shared_dir() else { return };
    let path = shared.join("examples/seed.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let v = json(&isnad(
        &["analyze", "--format", "json", path.to_str().unwrap()],
        None,
    ));
    assert_eq!(v["doc"]["id"], "seed");
    check_sentences_slice(&text, &v);
}

#[test]
fn jsonl_prints_one_object_per_file_in_order() {
    let path = repo_root().join("examples/sample.txt");
    let p = path.to_str().unwrap();
    let out = isnad(
        &["analyze", "--format", "jsonl", p, "-"],
        Some("نص قصير.".as_bytes()),
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["sample", "stdin"]);
}

#[test]
fn pretty_report_has_its_sections() {
    let path = repo_root().join("examples/sample.txt");
    let out = isnad(
        &["analyze", "--format", "pretty", path.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let report = String::from_utf8(out.stdout).unwrap();
    for section in ["Entities", "Who did what to whom", "Quotes", "Dates"] {
        assert!(report.contains(section), "missing {section}:\n{report}");
    }
}

#[test]
fn normalize_filter_folds_disguised_words() {
    let out = isnad(&["normalize"], Some("دا\u{200c}عـــش و داعش".as_bytes()));
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "داعش و داعش");
}

#[test]
fn tokenize_filter_prints_offsets() {
    let out = isnad(&["tokenize"], Some("قال: «نعم»".as_bytes()));
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    assert!(first.starts_with("0\t3\t"), "{first}");
    assert_eq!(stdout.lines().count(), 5);
}
