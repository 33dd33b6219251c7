//! The corpus commands end to end, including a real `kill -9` in the middle of an ingest.

use crate::util::{json, run as isnad, write_corpus, PEOPLE};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn stats(data: &str) -> serde_json::Value {
    let out = isnad(&["stats", "--check", "--format", "json", "--data", data]);
    let value = json(&out);
    assert!(out.status.success(), "consistent store: {value}");
    value
}

#[test]
fn kill_9_during_ingest_loses_nothing_acknowledged_and_resumes() {
    const DOCS: usize = 1200;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    write_corpus(&input, DOCS);
    let data = dir.path().join("data");
    let data_s = data.to_str().unwrap();
    let input_s = input.to_str().unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args([
            "ingest", input_s, "--data", data_s, "--batch", "40", "--format", "json",
        ])
        .env("ISNAD_INGEST_LOG", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut acknowledged = 0usize;
    let mut killed = false;
    for line in stderr.lines() {
        let Ok(line) = line else { break };
        if let Some(n) = line.strip_prefix("isnad ingest: committed ") {
            acknowledged = n.trim().parse().unwrap();
            if acknowledged >= 200 {
                child.kill().unwrap(); // SIGKILL on Unix
                killed = true;
                break;
            }
        }
    }
    let _ = child.wait();
    assert!(
        killed,
        "the ingest finished before it could be killed (acknowledged {acknowledged})"
    );

    // The store opens consistent (index caught up) and keeps every acknowledged document.
    let after_kill = stats(data_s);
    let stored = after_kill["documents"].as_u64().unwrap() as usize;
    assert!(
        stored >= acknowledged,
        "{stored} stored < {acknowledged} acknowledged"
    );
    assert!(stored < DOCS, "the kill came mid-way");
    assert_eq!(after_kill["indexed"].as_u64(), Some(stored as u64));

    // The next ingest resumes: the rest is added, nothing twice; the malformed line is skipped.
    let out = isnad(&["ingest", input_s, "--data", data_s, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a skipped record makes exit code 1"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 7"),
        "the bad line is named"
    );
    let summary = json(&out);
    assert_eq!(summary["unchanged"].as_u64(), Some(stored as u64));
    assert_eq!(summary["ingested"].as_u64(), Some((DOCS - stored) as u64));
    assert_eq!(summary["skipped"].as_u64(), Some(1));
    let complete = stats(data_s);
    assert_eq!(complete["documents"].as_u64(), Some(DOCS as u64));
    assert_eq!(complete["indexed"].as_u64(), Some(DOCS as u64));

    // Idempotent: a third run adds nothing.
    let again = json(&isnad(&[
        "ingest", input_s, "--data", data_s, "--format", "json",
    ]));
    assert_eq!(again["ingested"].as_u64(), Some(0));
    assert_eq!(again["unchanged"].as_u64(), Some(DOCS as u64));

    // And the corpus answers: a clitic-bearing form finds the bare word's documents.
    let hits = json(&isnad(&[
        "search",
        "وبالمكتبة",
        "--data",
        data_s,
        "--format",
        "json",
        "--limit",
        "5",
    ]));
    let hits = hits["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5);
    assert!(hits
        .iter()
        .all(|h| h["snippet"].as_str().unwrap().contains("<b>")));
    let entity = json(&isnad(&[
        "entity",
        "Salem al-Otaibi",
        "--data",
        data_s,
        "--format",
        "json",
    ]));
    assert!(
        entity["documents"].as_u64().unwrap() >= (DOCS / PEOPLE.len()) as u64 / 2,
        "{entity}"
    );
    let stories = json(&isnad(&["stories", "--data", data_s, "--format", "json"]));
    assert!(!stories["stories"].as_array().unwrap().is_empty());
}
