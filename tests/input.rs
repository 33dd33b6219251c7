//! Bad input: every odd file gets a clear error or a correct result, never a panic or a hang.

use crate::util::{isnad, json, slice, write_file};

#[test]
fn invalid_utf8_names_the_file_and_byte_and_other_files_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_file(
        dir.path(),
        "bad.txt",
        b"\xd9\x82\xd8\xa7\xd9\x84 \xff\xfe tail",
    );
    let good = write_file(dir.path(), "good.txt", "قال الوزير.".as_bytes());
    let out = isnad(
        &[
            "analyze",
            "--format",
            "jsonl",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed input makes the exit non-zero"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.txt"), "{stderr}");
    assert!(
        stderr.contains("byte offset 7") || stderr.contains("byte 7"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "the good file is still analyzed");
    let doc: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(doc["doc"]["id"], "good");
}

#[test]
fn empty_and_whitespace_files_give_valid_empty_analyses() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b"  \n\n\t \r\n"[..]),
    ] {
        let path = write_file(dir.path(), name, bytes);
        let out = isnad(&["analyze", path.to_str().unwrap()], None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = json(&out);
        assert_eq!(v["schema"], "isnad.analysis/1");
        for key in ["sentences", "entities", "relations", "quotes", "dates"] {
            assert_eq!(v[key].as_array().map(|a| a.len()), Some(0), "{name}: {key}");
        }
    }
}

#[test]
fn a_bom_is_dropped_and_offsets_count_the_text_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = "أعلن الجيش السيطرة على المدينة.";
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let path = write_file(dir.path(), "bom.txt", &bytes);
    let v = json(&isnad(&["analyze", path.to_str().unwrap()], None));
    assert_eq!(v["doc"]["chars"], text.chars().count());
    let s = &v["sentences"][0];
    let (start, end) = (
        s["start"].as_u64().unwrap() as usize,
        s["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(slice(text, start, end), text);
}

#[test]
fn binary_junk_that_is_not_utf8_is_refused_cleanly() {
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let out = isnad(&["analyze", "-"], Some(&junk));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
}

#[test]
fn control_characters_and_invisibles_do_not_break_offsets() {
    let text = "دا\u{200c}عش\u{0000}\u{202e} hello\u{feff} عالم 😀 #غزة";
    let out = isnad(&["analyze", "--tokens", "-"], Some(text.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    for token in v["tokens"].as_array().unwrap() {
        let (start, end) = (
            token["start"].as_u64().unwrap() as usize,
            token["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(slice(text, start, end), token["text"].as_str().unwrap());
    }
}

#[test]
fn a_missing_file_is_reported_by_name() {
    let out = isnad(&["analyze", "/nonexistent/isnad-test.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/isnad-test.txt"));
}

#[test]
fn a_long_single_line_is_processed() {
    // A few MB on one line: linear-time stages finish quickly; a quadratic one would hang the suite.
    let line = "قال المتحدث إن القوات تقدمت نحو المدينة و".repeat(40_000);
    let out = isnad(
        &["analyze", "--format", "jsonl", "-"],
        Some(line.as_bytes()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["doc"]["chars"], line.chars().count());
}
