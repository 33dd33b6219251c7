//! `isnad export` end to end: every format from the command line, the CSV folder form, and
//! errors that name the wrong argument.

use crate::util::{isnad, repo_root};

fn corpus(dir: &std::path::Path) -> String {
    let data = dir.join("data");
    let data_s = data.to_str().unwrap().to_string();
    let fixture = repo_root().join("crates/export/tests/fixtures/news.jsonl");
    let out = isnad(
        &["ingest", fixture.to_str().unwrap(), "--data", &data_s],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    data_s
}

#[test]
fn export_writes_every_format_and_names_bad_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let data = corpus(dir.path());
    for format in ["stix", "graphml", "ftm", "csv", "jsonl"] {
        let out = isnad(&["export", "--data", &data, "--format", format], None);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{format} wrote nothing");
        assert!(String::from_utf8_lossy(&out.stderr).contains("isnad: exported"));
    }
    let stix = isnad(
        &[
            "export", "--data", &data, "--format", "stix", "--entity", "Hamas",
        ],
        None,
    );
    let bundle: serde_json::Value = serde_json::from_slice(&stix.stdout).unwrap();
    let reports = bundle["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["type"] == "report")
        .count();
    assert_eq!(reports, 1);

    let tables = dir.path().join("tables/");
    let out = isnad(
        &[
            "export",
            "--data",
            &data,
            "--format",
            "csv",
            "--excel",
            "-o",
            &format!("{}/", tables.display()),
        ],
        None,
    );
    assert!(out.status.success());
    let documents = std::fs::read_to_string(tables.join("documents.csv")).unwrap();
    assert!(documents.starts_with("\u{feff}id,title,url,outlet,published,source,words,story"));

    for (args, named) in [
        (vec!["--from", "yesterday"], "--from"),
        (vec!["--story", "nope"], "--story"),
        (vec!["--tlp", "purple"], "--tlp"),
    ] {
        let mut all = vec!["export", "--data", &data, "--format", "stix"];
        all.extend(args);
        let out = isnad(&all, None);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains(named));
    }
}
